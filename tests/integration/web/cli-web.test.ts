// `cyclebot web` with no config: serves the bundled data and prints its URL; SIGTERM stops it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ROOT, tempHome } from '../../helpers/cli.ts';

it('cyclebot web prints its URL and serves the bundled summaries', async () => {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/cyclebot.js'), 'web', '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, CYCLEBOT_HOME: tempHome() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /^cyclebot web: serving (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(out);
        if (m) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const res = await fetch(new URL('/ptg?q=evenlet', url));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('>Eventlet removal</a>');
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
