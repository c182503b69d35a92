// Runs the real CLI (bin/cyclebot.js) in a child process with its own data directory.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function tempHome(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cyclebot-home-'));
}

export function cli(args: string[], opts: { input?: string; home?: string; cwd?: string } = {}): CliRun {
  const home = opts.home ?? tempHome();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/cyclebot.js'), ...args], {
    input: opts.input ?? '',
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, CYCLEBOT_HOME: home, NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
