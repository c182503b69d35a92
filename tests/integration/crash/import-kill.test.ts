// kill -9 while a large summary is being imported over and over: after restart the database opens,
// passes SQLite's integrity check, and every document is whole (old or new, never half).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src/store/db.ts';
import { ROOT, tempHome } from '../../helpers/cli.ts';

const WORKER = `
import fs from 'node:fs';
import { openDb } from '${ROOT}/src/store/db.ts';
import { PtgRepo } from '${ROOT}/src/ptg/repo.ts';
import { importText } from '${ROOT}/src/ptg/importer.ts';
const text = fs.readFileSync('${ROOT}/data/ptg/nova-2025.2-flamingo.txt', 'utf8');
const big = Array.from({ length: 30 }, (_, i) => text.replace(/#### (.+?) ####/g, '#### $1 ' + i + ' ####')).join('\\n');
const repo = new PtgRepo(openDb(process.argv[2]));
for (let i = 0; ; i++) {
  importText(repo, i % 2 ? big : text, 'doc-' + (i % 3) + '.txt', { project: 'nova', cycle: 'flamingo' });
  if (i === 2) process.stdout.write('ready\\n');
}
`;

describe('crash safety of imports', () => {
  it('survives kill -9 in the middle of imports', async () => {
    const dir = tempHome();
    const db = path.join(dir, 'crash.db');
    const script = path.join(dir, 'worker.ts');
    fs.writeFileSync(script, WORKER);
    for (let round = 0; round < 3; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', script, db], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
      await new Promise((r) => setTimeout(r, 150 + round * 170));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));

      const conn = openDb(db);
      expect(conn.pragma('integrity_check', { simple: true })).toBe('ok');
      const docs = conn.prepare('SELECT id FROM ptg_document ORDER BY id').pluck().all() as string[];
      expect(docs.length).toBeGreaterThan(0);
      for (const id of docs) {
        const topics = conn.prepare('SELECT count(*) FROM ptg_topic WHERE document_id = ?').pluck().get(id) as number;
        const terms = conn.prepare('SELECT terms FROM ptg_vocabulary WHERE document_id = ?').pluck().get(id) as string;
        expect([38, 38 * 30]).toContain(topics);
        // The vocabulary of the same version: the big one counts up to 30 copies of a word.
        expect(/^eventlet (\d+)$/m.exec(terms)?.[1]).toBe(topics === 38 ? '4' : '120');
      }
      expect(conn.prepare('SELECT count(*) FROM ptg_vocabulary').pluck().get()).toBe(docs.length);
      conn.close();
    }
  }, 120_000);
});
