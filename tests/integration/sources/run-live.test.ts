// The live sources wired into the real program: `cyclebot run` on IRC with ptg.sources reads the
// pad at start and answers from it; !status shows a failing source; SIGTERM with a request still
// hanging ends the process at once with status 0. (schedule.sync is off: no network in tests.)
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempHome } from '../../helpers/cli.ts';
import { Ngircd, ngircdUnavailable } from '../../helpers/ngircd.ts';
import { RawClient } from '../irc/raw-client.ts';

const PAD = fs.readFileSync(path.join(ROOT, 'tests/fixtures/sources/etherpad-export.txt'), 'utf8');

describe.skipIf(!!ngircdUnavailable)('cyclebot run with ptg.sources' + (ngircdUnavailable ? ` (skipped: ${ngircdUnavailable})` : ''), () => {
  const ircd = new Ngircd();
  let user: RawClient;
  let server: http.Server;
  let base = '';
  let child: ChildProcess | undefined;
  const home = tempHome();

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/p/nova-indri-ptg/export/txt') return res.writeHead(200, { 'content-type': 'text/plain', etag: '"v1"' }).end(PAD);
      if (req.url === '/p/hanging/export/txt') return; // never answers
      res.writeHead(500).end('boom');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await ircd.start();
    user = await RawClient.connect(ircd.port, 'gibi');
    await user.join('#live');
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await user?.quit().catch(() => undefined);
    await ircd.stop();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('reads the pad at start, answers from it, reports the failing source, stops at once', async () => {
    const config = path.join(home, 'cyclebot.yaml');
    fs.writeFileSync(
      config,
      [
        'database: ./bot.db',
        'log: {level: info, format: json}',
        'launchpad: {url: "http://127.0.0.1:1", allowHttp: true, retries: 0, timeoutSeconds: 60}',
        `irc: {host: 127.0.0.1, port: ${ircd.port}, tls: false, channels: ["#live"]}`,
        `ptg: {bundled: false, sources: ["${base}/p/nova-indri-ptg", "${base}/p/broken", "${base}/p/hanging"]}`,
        'schedule: {sync: {everyHours: 0}}',
      ].join('\n'),
    );
    child = spawn(process.execPath, [path.join(ROOT, 'bin/cyclebot.js'), 'run', '-c', config], {
      env: { ...process.env, CYCLEBOT_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    await user.waitFor((l) => l.command === 'JOIN' && l.nick === 'cyclebot', 30_000);
    // The pad is read first (config order), then broken fails, then hanging hangs.
    const deadline = Date.now() + 20_000;
    while (!err.includes('/p/broken') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    let from = user.lines.length;
    user.privmsg('#live', '!ptg vTPM live migration');
    const answer = await user.waitFor((l) => l.nick === 'cyclebot' && l.command === 'PRIVMSG', 10_000, from);
    expect(answer.raw).toContain('Live migration with vTPM');
    from = user.lines.length;
    user.privmsg('#live', '!status');
    await user.waitFor((l) => l.nick === 'cyclebot' && l.raw.includes('source 127.0.0.1'), 10_000, from);
    await new Promise((r) => setTimeout(r, 1500));
    const status = user.lines
      .slice(from)
      .filter((l) => l.nick === 'cyclebot')
      .map((l) => l.raw)
      .join('\n');
    expect(status).toMatch(/source nova-indri-ptg \(127\.0\.0\.1:\d+\/p\/nova-indri-ptg\): ok, checked just now, last changed just now/);
    expect(status).toMatch(/source 127\.0\.0\.1:\d+\/p\/broken: FAILING since just now: 127\.0\.0\.1:\d+ is unavailable \(500\)/);
    expect(status).toMatch(/source 127\.0\.0\.1:\d+\/p\/hanging: not read yet/);
    expect(err).toContain('live source could not be read; last good version kept');
    const t0 = Date.now();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
  }, 90_000);
});
