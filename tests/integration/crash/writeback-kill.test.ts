// kill -9 and SIGTERM of the real program while it writes a decision to the fake Launchpad, and
// a comment Launchpad took without answering: after the restart the decided bug stays decided and
// every decision ends with exactly one PATCH and one comment (the write journal checks Launchpad
// before repeating a step whose outcome it does not know).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempHome } from '../../helpers/cli.ts';
import { FakeLaunchpad } from '../../helpers/fake-launchpad.ts';

const fake = new FakeLaunchpad();
beforeAll(async () => {
  await fake.start();
  fake.tokens.set('tok', { secret: 'sek', supervisor: true });
});
afterAll(() => fake.stop());
afterEach(() => {
  fake.reset();
});

function chat(config: string, home: string) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [path.join(ROOT, 'bin/cyclebot.js'), '-c', config], {
    cwd: ROOT,
    env: { ...process.env, CYCLEBOT_HOME: home },
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise((r) => child.once('exit', r));
  const waitFor = (re: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${re} in:\n${out}`)), 30_000);
      const check = () => {
        const m = re.exec(out);
        if (!m) return;
        clearTimeout(timer);
        child.stdout.off('data', check);
        resolve(m[0]);
      };
      child.stdout.on('data', check);
      check();
    });
  return { child, exited, say: (line: string) => child.stdin.write(`${line}\n`), waitFor, out: () => out };
}

/** Resolves when the fake Launchpad has received a request matching `pred`. */
function seen(pred: (method: string, p: string) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 30_000;
    const poll = () => {
      if (fake.requests.some((r) => pred(r.method, r.path))) return resolve();
      if (Date.now() > deadline) return reject(new Error('request not seen'));
      setTimeout(poll, 20);
    };
    poll();
  });
}

function setup(): { home: string; config: string } {
  const home = tempHome();
  const config = path.join(home, 'c.yaml');
  fs.writeFileSync(
    config,
    `database: ./bot.db\nlaunchpad: {url: "${fake.url}", allowHttp: true, write: "on", token: tok, tokenSecret: sek, timeoutSeconds: 3, retries: 0}\n`,
  );
  return { home, config };
}

/** Starts a round, decides the first bug, and stops the process as `stop` says once `when` was seen. */
async function decideThenStop(home: string, config: string, when: (m: string, p: string) => boolean, stop: NodeJS.Signals): Promise<number> {
  const first = chat(config, home);
  first.say('!triage start 3 newest');
  const bug = Number((await first.waitFor(/Bug (\d+) \[Undecided,New\]/)).match(/\d+/)![0]);
  first.say('!triage confirm high');
  await seen(when);
  first.child.kill(stop);
  await first.exited;
  return bug;
}

/** After a restart: the round resumes at the second bug, with the first one decided. */
async function resume(home: string, config: string, bug: number): Promise<void> {
  const second = chat(config, home);
  second.say('!triage status');
  await second.waitFor(/1 decided, 0 deferred, 0 skipped/);
  expect(second.out()).toMatch(/bug 2 of 3/);
  second.say('!triage end');
  expect(await second.waitFor(/Triage round ended: [^\n]*/)).toMatch(/1 Confirmed/);
  second.child.stdin.end();
  await second.exited;
  expect(fake.writeCounts(true)).toEqual({ [`PATCH /devel/nova/+bug/${bug}`]: 1, [`POST /devel/bugs/${bug}`]: 1 });
  expect(fake.comments.filter((c) => c.bugId === bug)).toHaveLength(1);
  expect(fake.bug(bug)).toMatchObject({ status: 'Confirmed', importance: 'High' });
}

describe('crash safety of Launchpad write-back', () => {
  it('kill -9 between the PATCH and the comment: one PATCH, one comment, bug stays decided', async () => {
    const { home, config } = setup();
    fake.fault({ method: 'POST', times: 1, mode: 'hang' }); // the comment is never taken
    const bug = await decideThenStop(home, config, (m) => m === 'POST', 'SIGKILL');
    expect(fake.comments).toHaveLength(0);
    await resume(home, config, bug);
    expect(fake.writeCounts()[`POST /devel/bugs/${bug}`]).toBe(2); // the one never taken, then the one sent after checking
  }, 90_000);

  it('kill -9 after Launchpad applied the PATCH but before it answered', async () => {
    const { home, config } = setup();
    fake.fault({ method: 'PATCH', times: 1, mode: 'apply-then-hang' });
    const bug = await decideThenStop(home, config, (m) => m === 'PATCH', 'SIGKILL');
    await resume(home, config, bug);
  }, 90_000);

  it('SIGTERM while a comment Launchpad took is unanswered', async () => {
    const { home, config } = setup();
    fake.fault({ method: 'POST', times: 1, mode: 'apply-then-hang' });
    fake.fault({ method: 'GET', match: /\/messages\?/, times: 5, mode: 'hang' }); // and the check cannot see it yet
    const bug = await decideThenStop(home, config, (m) => m === 'POST', 'SIGTERM');
    expect(fake.comments).toHaveLength(1);
    await resume(home, config, bug);
  }, 90_000);
});
