// The transport list in main.ts: a section present makes its transport, absent makes none, and
// each gets the permissions settings it turns into role hints.
import { describe, expect, it } from 'vitest';
import pino from 'pino';
import type { App } from '../../../src/app.ts';
import { validateConfig } from '../../../src/config.ts';
import { chatTransports } from '../../../src/main.ts';
import { openDb } from '../../../src/store/db.ts';

const log = pino({ level: 'silent' });

describe('chatTransports', () => {
  it('makes none without a chat section', async () => {
    expect(await chatTransports({} as App, validateConfig({}, 'test', {}), log)).toEqual([]);
  });

  it('makes each configured transport with the role settings from permissions', async () => {
    const db = openDb(':memory:');
    const config = validateConfig(
      {
        permissions: { opsAreChairs: false, chairPowerLevel: 75, adminPowerLevel: 90 },
        irc: { host: '127.0.0.1', channels: ['#nova'] },
        matrix: { homeserverUrl: 'http://127.0.0.1:1', accessToken: 'x', rooms: ['!a:test'] },
      },
      'test',
      {},
    );
    const made = await chatTransports({ db } as unknown as App, config, log);
    expect(made.map((t) => t.name)).toEqual(['irc', 'matrix']);
    const opts = made.map((t) => (t as unknown as { opts: Record<string, unknown> }).opts);
    expect(opts[0].opsAreChairs).toBe(false);
    expect(opts[1].powerLevels).toEqual({ chair: 75, admin: 90 });
    for (const t of made) await t.stop();
    db.close();
  });
});
