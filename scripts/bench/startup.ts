// Cold start to first answer in the console, with the database present and on first start,
// against starting a bare `node` in the same run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { percentile, round } from './stats.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

function timed(args: string[], env: NodeJS.ProcessEnv, input = ''): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { input, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
  if (input && !/Eventlet removal/.test(r.stdout)) throw new Error(`no answer: ${r.stdout}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export function benchStartup(runs = 5) {
  const bin = path.join(ROOT, 'bin/cyclebot.js');
  const ask = '!ptg eventlet\n';
  const bare: number[] = [];
  const first: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(timed(['-e', ''], {}));
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cyclebot-bench-'));
    first.push(timed([bin], { CYCLEBOT_HOME: home }, ask));
    warm.push(timed([bin], { CYCLEBOT_HOME: home }, ask));
  }
  const med = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
  return {
    runs,
    bareNodeMs: round(med(bare), 1),
    firstStartMs: round(med(first), 1),
    withDatabaseMs: round(med(warm), 1),
    firstStartRatio: round(med(first) / med(bare), 1),
    withDatabaseRatio: round(med(warm) / med(bare), 1),
  };
}
