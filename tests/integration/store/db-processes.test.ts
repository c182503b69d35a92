// Opening one fresh database from several processes at once: each migration is applied once.
// Eight real processes, so it is an integration test (about 10 s on a loaded 2-core machine).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('openDb across processes', () => {
  it('opens a fresh database from several processes at once (each migration applied once)', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cyclebot-db-')), 'race.db');
    const root = path.resolve(import.meta.dirname, '../../..');
    // Each process loads the code, then waits for the same instant, so their opens overlap.
    const at = Date.now() + 5000;
    const code = `import('./src/store/db.ts').then((m) => { while (Date.now() < ${at}); m.openDb(${JSON.stringify(file)}).close(); }).catch((e) => { console.error(e.message); process.exit(1); })`;
    const runs = Array.from(
      { length: 8 },
      () =>
        new Promise<string>((resolve) => {
          const child = spawn(process.execPath, ['--import', 'tsx', '-e', code], { cwd: root });
          let err = '';
          child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
          child.on('exit', (status) => resolve(`${status} ${err.trim()}`));
        }),
    );
    expect(await Promise.all(runs)).toEqual(Array(8).fill('0 '));
  }, 60_000);
});
