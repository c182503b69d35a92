// kill -9 of the real program (`cyclebot run` on ngIRCd, fake Launchpad) while a chair's
// acknowledgement waits behind flood control: the next start sends it, marked late; killed again
// after its first line went out, the start after that sends only the second line. The channel sees
// each line of the acknowledgement exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../../src/store/db.ts';
import { ROOT, tempHome } from '../../helpers/cli.ts';
import { FakeLaunchpad } from '../../helpers/fake-launchpad.ts';
import { Ngircd, ngircdUnavailable } from '../../helpers/ngircd.ts';
import { RawClient, type Line } from '../irc/raw-client.ts';

const CHAN = '#kept';

/** The real program with this flood control; its database and home are `home`'s. */
function run(home: string, ircPort: number, lpUrl: string, flood: string): { child: ChildProcess; exited: Promise<void> } {
  const config = path.join(home, 'cyclebot.yaml');
  fs.writeFileSync(
    config,
    [
      'database: ./bot.db',
      'log: {level: info, format: json}',
      `launchpad: {url: "${lpUrl}", allowHttp: true, write: "off", timeoutSeconds: 5, retries: 0}`,
      `irc: {host: 127.0.0.1, port: ${ircPort}, tls: false, channels: ["${CHAN}"], flood: ${flood}}`,
    ].join('\n'),
  );
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/cyclebot.js'), 'run', '-c', config], {
    env: { ...process.env, CYCLEBOT_HOME: home },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (log = (log + d).slice(-4000)));
  child.once('exit', (code, signal) => signal !== 'SIGKILL' && console.error(`cyclebot exited ${code}:\n${log}`));
  return { child, exited: new Promise((resolve) => child.once('exit', () => resolve())) };
}

/** The kept replies the database holds: lines not yet written. */
function keptRows(home: string): { reply: string; lines_done: number }[] {
  const db = openDb(path.join(home, 'bot.db'));
  try {
    return db.prepare('SELECT reply, lines_done FROM kept_reply ORDER BY id').all() as { reply: string; lines_done: number }[];
  } finally {
    db.close();
  }
}

async function until<T>(what: string, fn: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!!ngircdUnavailable)('kept lines across kill -9' + (ngircdUnavailable ? ` (skipped: ${ngircdUnavailable})` : ''), () => {
  const server = new Ngircd();
  const fake = new FakeLaunchpad();
  let chair: RawClient;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    await Promise.all([server.start(), fake.start()]);
    chair = await RawClient.connect(server.port, 'gibi');
    await chair.join(CHAN); // first in the channel: operator, hence chair
  }, 30_000);

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await chair?.quit().catch(() => undefined);
    await Promise.all([server.stop(), fake.stop()]);
  });

  const start = (home: string, flood: string) => {
    const r = run(home, server.port, fake.url, flood);
    children.push(r.child);
    return r;
  };
  const kill9 = async (r: { child: ChildProcess; exited: Promise<void> }) => {
    r.child.kill('SIGKILL');
    await r.exited;
  };
  const joined = (from: number) => chair.waitFor((l) => l.command === 'JOIN' && l.nick === 'cyclebot', 60_000, from);
  const fromBot = (from: number) => chair.lines.slice(from).filter((l: Line) => l.nick === 'cyclebot' && l.command === 'PRIVMSG' && l.params[0] === CHAN);

  it('sends an acknowledgement a kill -9 caught in the queue after the restart, late, and no line twice', async () => {
    const home = tempHome();
    const from = chair.lines.length;
    // 1. One line at once, then one a minute: the acknowledgement waits behind the round's opening.
    const first = start(home, '{burst: 1, perSecond: 0.0167, maxQueue: 60}');
    await joined(from);
    chair.privmsg(CHAN, '!triage start 1');
    await chair.waitFor((l) => l.nick === 'cyclebot' && l.command === 'PRIVMSG', 60_000);
    chair.privmsg(CHAN, '!triage confirm high');
    const ack = await until('the acknowledgement to be kept', () => keptRows(home).find((r) => r.reply.includes('recorded for gibi')));
    expect(ack.lines_done).toBe(0);
    const bug = /Bug (\d+): Confirmed, importance High/.exec(ack.reply)![1];
    await kill9(first);
    expect(fromBot(from).some((l) => l.text.includes('recorded for gibi'))).toBe(false);

    // 2. Restarted, still one line a minute: the acknowledgement's first line goes at once (late); killed before the second.
    const second = start(home, '{burst: 1, perSecond: 0.0167, maxQueue: 60}');
    const line1 = await chair.waitFor((l) => l.nick === 'cyclebot' && l.text.includes('recorded for gibi'), 60_000);
    expect(line1.text).toMatch(new RegExp(`^Bug ${bug}: Confirmed, importance High — recorded for gibi \\(late: queued \\d\\d:\\d\\d UTC\\)$`));
    await until('the first line to be counted', () => (keptRows(home)[0]?.lines_done === 1 ? true : undefined));
    await kill9(second);

    // 3. Restarted with the default pace: only the second line is sent, late.
    const third = start(home, '{burst: 3, perSecond: 1, maxQueue: 60}');
    const line2 = await chair.waitFor((l) => l.nick === 'cyclebot' && l.text.startsWith('that was the last bug of the round'), 60_000);
    expect(line2.text).toMatch(/\(late: queued \d\d:\d\d UTC\)$/);
    await until('the kept reply to be done', () => (keptRows(home).length === 0 ? true : undefined));
    await new Promise((r) => setTimeout(r, 500));
    await kill9(third);

    const said = fromBot(from).map((l) => l.text);
    expect(said.filter((t) => t.includes('recorded for gibi'))).toHaveLength(1);
    expect(said.filter((t) => t.startsWith('that was the last bug of the round'))).toHaveLength(1);
  }, 240_000);
});
