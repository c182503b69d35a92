// How the Matrix transport is made from the `matrix:` section (listed in main.ts).
import type { TransportPlugin } from '../../core/transport-plugin.ts';
import type { MatrixConfig } from './config.ts';
import { SqliteStorageProvider } from './storage.ts';

export const matrixPlugin: TransportPlugin<MatrixConfig> = {
  name: 'matrix',
  async create(section, ctx) {
    const { MatrixTransport } = await import('./matrix-transport.ts');
    const storage = new SqliteStorageProvider(ctx.kv('matrix'));
    const powerLevels = { chair: ctx.roles.chairPowerLevel, admin: ctx.roles.adminPowerLevel };
    return new MatrixTransport(section, { storage, powerLevels, log: ctx.log, metrics: ctx.metrics });
  },
};
