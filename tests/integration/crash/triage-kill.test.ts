// kill -9 of the real program in the middle of a triage round (console chat, fake Launchpad):
// after restart the database opens, the decision taken before the kill is kept, and
// `!triage status` resumes the round at the next bug.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../../src/store/db.ts';
import { ROOT, tempHome } from '../../helpers/cli.ts';
import { FakeLaunchpad } from '../../helpers/fake-launchpad.ts';

const fake = new FakeLaunchpad();
beforeAll(() => fake.start());
afterAll(() => fake.stop());

function chat(config: string, home: string): { child: ChildProcessWithoutNullStreams; said: () => string; waitFor: (re: RegExp) => Promise<string> } {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/cyclebot.js'), '-c', config], { cwd: ROOT, env: { ...process.env, CYCLEBOT_HOME: home } });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  const waitFor = (re: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${re} in:\n${out}`)), 30_000);
      const check = () => {
        const m = re.exec(out);
        if (m) {
          clearTimeout(timer);
          child.stdout.off('data', check);
          resolve(m[0]);
        }
      };
      child.stdout.on('data', check);
      check();
    });
  return { child, said: () => out, waitFor };
}

describe('crash safety of a triage round', () => {
  it('keeps decisions and resumes after kill -9', async () => {
    const home = tempHome();
    const config = path.join(home, 'c.yaml');
    fs.writeFileSync(config, `database: ./bot.db\nlaunchpad: {url: "${fake.url}", allowHttp: true}\n`);

    const first = chat(config, home);
    first.child.stdin.write('!triage start 3 newest\n');
    const bug1 = (await first.waitFor(/Bug (\d+) \[Undecided,New\]/)).match(/\d+/)![0];
    first.child.stdin.write('!triage confirm high\n');
    await first.waitFor(new RegExp(`Bug ${bug1}: Confirmed, importance High — recorded`));
    const bug2 = (await first.waitFor(new RegExp(`Bug (?!${bug1})(\\d+) \\[Undecided,New\\]`))).match(/\d+/)![0];
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    const db = openDb(path.join(home, 'bot.db'));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();

    const second = chat(config, home);
    second.child.stdin.write('!triage status\n');
    await second.waitFor(new RegExp(`Bug ${bug2} \\[Undecided,New\\]`));
    second.child.stdin.write('!triage end\n');
    const summary = await second.waitFor(/Triage round ended: [^\n]*/);
    expect(summary).toMatch(/1 Confirmed/);
    second.child.stdin.end();
    await new Promise((r) => second.child.once('exit', r));
  }, 90_000);
});
