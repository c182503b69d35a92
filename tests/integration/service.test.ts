// The real program (`cyclebot run -c <file>`) on IRC and Matrix at once: the same question gets
// the same answer on both, and SIGTERM says goodbye (QUIT) and exits 0.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempHome } from '../helpers/cli.ts';
import { startFakeHomeserver, type FakeHomeserver } from '../helpers/fake-homeserver.ts';
import { Ngircd, ngircdUnavailable } from '../helpers/ngircd.ts';
import { RawClient } from './irc/raw-client.ts';

describe.skipIf(!!ngircdUnavailable)('cyclebot run with IRC and Matrix' + (ngircdUnavailable ? ` (skipped: ${ngircdUnavailable})` : ''), () => {
  const ircd = new Ngircd();
  let hs: FakeHomeserver;
  let child: ChildProcess;
  let stderr = '';
  let user: RawClient;

  beforeAll(async () => {
    await ircd.start();
    hs = await startFakeHomeserver();
    hs.addRoom('!nova:test', { alias: '#nova:test' });
    const home = tempHome();
    const config = path.join(home, 'cyclebot.yaml');
    fs.writeFileSync(
      config,
      [
        'database: ./bot.db',
        'log: {level: info, format: json}',
        'launchpad: {url: "http://127.0.0.1:1", allowHttp: true}',
        'schedule: {sync: {everyHours: 0}}',
        `irc: {host: 127.0.0.1, port: ${ircd.port}, tls: false, channels: ["#nova"], rejoinDelaySeconds: 0.2}`,
        `matrix: {homeserverUrl: "${hs.url}", rooms: ["#nova:test"]}`,
      ].join('\n'),
    );
    user = await RawClient.connect(ircd.port, 'gibi');
    await user.join('#nova');
    child = spawn(process.execPath, [path.join(ROOT, 'bin/cyclebot.js'), 'run', '-c', config], {
      env: { ...process.env, CYCLEBOT_MATRIX_TOKEN: hs.token, CYCLEBOT_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr!.on('data', (d) => (stderr += d));
    await user.waitFor((l) => l.command === 'JOIN' && l.nick === 'cyclebot', 20_000);
    await hs.waitFor(() => hs.isJoined('!nova:test'), 20_000, 'the bot to join the Matrix room');
  }, 60_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await user?.quit().catch(() => undefined);
    await ircd.stop();
    await hs?.close();
  });

  it('answers !ptg eventlet the same way on IRC and on Matrix', async () => {
    user.privmsg('#nova', '!ptg eventlet');
    const onIrc = await user.waitFor((l) => l.nick === 'cyclebot' && l.command === 'PRIVMSG', 10_000);
    // Give the Matrix sync a moment to see the room before asking there.
    await new Promise((r) => setTimeout(r, 300));
    hs.say('!nova:test', '@gibi:test', '!ptg eventlet');
    const [sent] = await hs.waitForSends(1, 10_000);
    const body = String(sent.content.body).split('\n')[0];
    const ircText = onIrc.text.replace(/\x02/g, '');
    expect(ircText).toMatch(/^\[nova 2025\.2 flamingo\] Eventlet removal — /);
    expect(body).toBe(ircText);
    expect(sent.content.msgtype).toBe('m.notice');
  }, 30_000);

  it('says goodbye on SIGTERM, closes the database and exits 0', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const quit = await user.waitFor((l) => l.command === 'QUIT' && l.nick === 'cyclebot', 10_000);
    expect(quit.text).toMatch(/shutting down/);
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/"msg":"stopped"/);
  }, 30_000);
});
