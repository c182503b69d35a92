// Issue 12 item 6 at the level of the real program: a Matrix start-up error no retry fixes (the
// homeserver rejects the token) must end the process with status 1 even though IRC is already
// connected (before, the IRC client kept it alive on IRC alone, and systemd never saw a failure);
// an unreachable homeserver is not such an error: the process runs and answers on IRC.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempHome } from '../helpers/cli.ts';
import { startFakeHomeserver, type FakeHomeserver } from '../helpers/fake-homeserver.ts';
import { freePort, Ngircd, ngircdUnavailable } from '../helpers/ngircd.ts';
import { RawClient } from './irc/raw-client.ts';

interface RunningBot {
  child: ChildProcess;
  stderr: () => string;
  /** Resolves when stderr has matched `re` (now or later): a log line is awaited, never sampled. */
  stderrMatch: (re: RegExp) => Promise<void>;
  exited: Promise<number | null>;
}

function runBot(ircPort: number, homeserverUrl: string, token: string): RunningBot {
  const home = tempHome();
  const config = path.join(home, 'cyclebot.yaml');
  fs.writeFileSync(
    config,
    [
      'database: ./bot.db',
      'log: {level: info, format: json}',
      'launchpad: {url: "http://127.0.0.1:1", allowHttp: true}',
      'schedule: {sync: {everyHours: 0}}',
      `irc: {host: 127.0.0.1, port: ${ircPort}, tls: false, channels: ["#start"]}`,
      `matrix: {homeserverUrl: "${homeserverUrl}", rooms: ["#nova:test"]}`,
    ].join('\n'),
  );
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/cyclebot.js'), 'run', '-c', config], {
    env: { ...process.env, CYCLEBOT_MATRIX_TOKEN: token, CYCLEBOT_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  const watchers: (() => void)[] = [];
  child.stderr!.on('data', (d) => {
    err += d;
    for (const w of [...watchers]) w();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stderrMatch = (re: RegExp) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!re.test(err)) return;
        watchers.splice(watchers.indexOf(check), 1);
        resolve();
      };
      watchers.push(check);
      check();
    });
  return { child, stderr: () => err, stderrMatch, exited };
}

describe.skipIf(!!ngircdUnavailable)('cyclebot run: Matrix start-up failures' + (ngircdUnavailable ? ` (skipped: ${ngircdUnavailable})` : ''), () => {
  const ircd = new Ngircd();
  let hs: FakeHomeserver;
  let user: RawClient;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    await ircd.start();
    hs = await startFakeHomeserver();
    hs.addRoom('!nova:test', { alias: '#nova:test' });
    user = await RawClient.connect(ircd.port, 'gibi');
    await user.join('#start');
  });

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await user?.quit().catch(() => undefined);
    await ircd.stop();
    await hs?.close();
  });

  it('a rejected token ends the process with status 1 and one line, IRC connected or not', async () => {
    const bot = runBot(ircd.port, hs.url, 'wrong-token');
    children.push(bot.child);
    // The exit is awaited, not raced against a clock: a loaded machine only makes it later (the
    // test's own timeout catches a process that never exits).
    expect(await bot.exited).toBe(1);
    expect(bot.stderr()).toContain(`cyclebot: matrix: ${hs.url} rejected the access token (M_UNKNOWN_TOKEN)`);
  }, 120_000);

  it('an unreachable homeserver does not stop the process: it answers on IRC meanwhile', async () => {
    const bot = runBot(ircd.port, `http://127.0.0.1:${await freePort()}`, hs.token);
    children.push(bot.child);
    // Waits are for events, bounded only by the test's timeout: under load every step is later.
    await user.waitFor((l) => l.command === 'JOIN' && l.nick === 'cyclebot', 100_000);
    const from = user.lines.length;
    user.privmsg('#start', '!ptg eventlet');
    await user.waitFor((l) => l.nick === 'cyclebot' && l.command === 'PRIVMSG', 100_000, from);
    // The Matrix side is still retrying in the background (its log line may come before or after the answer).
    await bot.stderrMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+.*retrying in/);
    expect(bot.child.exitCode).toBeNull();
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  }, 150_000);
});
