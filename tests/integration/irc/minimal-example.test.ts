// data/cyclebot.irc-minimal.yaml starts as is: the real program with that file (only the port
// pointed at a throwaway ngIRCd, and what the bot would reach a minute after start, Launchpad and
// the releases tree, kept on this machine), no secrets in the environment, joins and answers.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, tempHome } from '../../helpers/cli.ts';
import { Ngircd, ngircdUnavailable } from '../../helpers/ngircd.ts';
import { RawClient } from './raw-client.ts';

describe.skipIf(!!ngircdUnavailable)('the minimal IRC example config' + (ngircdUnavailable ? ` (skipped: ${ngircdUnavailable})` : ''), () => {
  const ircd = new Ngircd();
  let child: ChildProcess | undefined;
  let user: RawClient | undefined;

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await user?.quit().catch(() => undefined);
    await ircd.stop();
  });

  it('starts as is against a local server and answers !ptg', async () => {
    await ircd.start();
    const example = fs.readFileSync(path.join(ROOT, 'data/cyclebot.irc-minimal.yaml'), 'utf8');
    expect(example).toMatch(/^ {2}host: 127\.0\.0\.1$/m);
    const home = tempHome();
    const config = path.join(home, 'cyclebot.yaml');
    const offline = 'launchpad: {url: "http://127.0.0.1:1", allowHttp: true}\nschedule: {sync: {everyHours: 0}}\n';
    fs.writeFileSync(config, example.replace(/^( {2}port:) 6667$/m, `$1 ${ircd.port}`) + offline);
    const channel = /channels: \["(#[^"]+)"\]/.exec(example)![1];
    user = await RawClient.connect(ircd.port, 'newcomer');
    await user.join(channel);
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CYCLEBOT_')));
    child = spawn(process.execPath, [path.join(ROOT, 'bin/cyclebot.js'), 'run', '-c', config], {
      env: { ...env, CYCLEBOT_HOME: home },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    await user
      .waitFor((l) => l.command === 'JOIN' && l.nick === 'cyclebot', 30_000)
      .catch((err: Error) => {
        throw new Error(`${err.message}\n${stderr.slice(-2000)}`);
      });
    user.privmsg(channel, '!ptg eventlet');
    const answer = await user.waitFor((l) => l.nick === 'cyclebot' && l.command === 'PRIVMSG', 10_000);
    expect(answer.text.replace(/\x02/g, '')).toMatch(/^\[nova 2025\.2 flamingo\] Eventlet removal/);
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
