// A real bot process on ngIRCd, killed with SIGKILL between planning a reminder and posting it,
// and again between posting it and marking it sent: the channel sees each reminder exactly once.
// (`cyclebot run` cannot take a fake clock, so the child is tests/integration/schedule/reminder-bot.ts,
// which wires the same app, Bot, IrcTransport and ReminderScheduler.)
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../../src/store/db.ts';
import { ScheduleRepo } from '../../../src/schedule/repo.ts';
import { ROOT } from '../../helpers/cli.ts';
import { Ngircd, ngircdUnavailable } from '../../helpers/ngircd.ts';
import { RawClient, type Line } from '../irc/raw-client.ts';
import { tempDb } from './harness.ts';

interface Child {
  proc: ChildProcess;
  logs: Record<string, unknown>[];
  waitLog(pred: (l: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  exited: Promise<void>;
}

function startBot(db: string, port: number, startIso: string, mode = 'normal'): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/integration/schedule/reminder-bot.ts'), db, String(port), startIso, mode], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const waiters: { pred: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }[] = [];
  let buf = '';
  let stderr = '';
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
    buf += d;
    for (let nl = buf.indexOf('\n'); nl !== -1; nl = buf.indexOf('\n')) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      let rec: Record<string, unknown>;
      try {
        rec = JSON.parse(line) as Record<string, unknown>;
      } catch {
        continue;
      }
      logs.push(rec);
      for (const w of [...waiters]) if (w.pred(rec)) (waiters.splice(waiters.indexOf(w), 1), w.resolve(rec));
    }
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return {
    proc,
    logs,
    exited,
    waitLog(pred, timeoutMs = 20_000) {
      const seen = logs.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`child log not seen in ${timeoutMs} ms; stderr: ${stderr.slice(-500)}; last: ${JSON.stringify(logs.slice(-5))}`)),
          timeoutMs,
        );
        waiters.push({ pred, resolve: (l) => (clearTimeout(timer), resolve(l)) });
      });
    },
  };
}

async function kill9(c: Child): Promise<void> {
  c.proc.kill('SIGKILL');
  await c.exited;
}

describe.skipIf(!!ngircdUnavailable)('reminders on ngIRCd across kill -9' + (ngircdUnavailable ? ` (skipped: ${ngircdUnavailable})` : ''), () => {
  const server = new Ngircd();
  let watcher: RawClient;
  const children: Child[] = [];
  const fromBot = () => watcher.lines.filter((l: Line) => l.nick === 'cyclebot' && (l.command === 'PRIVMSG' || l.command === 'NOTICE'));

  beforeAll(async () => {
    await server.start();
    watcher = await RawClient.connect(server.port, 'watcher');
    await watcher.join('#nova');
  });

  afterAll(async () => {
    for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) await kill9(c);
    await watcher?.quit();
    await server.stop();
  });

  it('posts each reminder exactly once: killed while planned, killed after posting, restarted', async () => {
    const db = tempDb();

    // 1. Planned: the 09:00 reminders are 6 s away and the timer is set; SIGKILL.
    const first = startBot(db, server.port, '2025-06-26T08:59:54Z');
    children.push(first);
    await first.waitLog((l) => l.msg === 'joined #nova');
    await first.waitLog((l) => l.msg === 'scheduler sleeping' && l.due === '2025-06-26T09:00:00.000Z');
    await kill9(first);
    expect(fromBot()).toEqual([]);

    // 2. Restarted after 09:00: it posts the message; killed after the lines left, before the ledger says "sent".
    const second = startBot(db, server.port, '2025-06-26T09:00:20Z', 'hang-after-post');
    children.push(second);
    await second.waitLog((l) => l.msg === 'posted; hanging before the ledger is marked');
    await watcher.waitFor((l) => l.nick === 'cyclebot' && l.text.startsWith('[Flamingo] Nova Spec Freeze in 7 days'), 10_000, 0);
    await kill9(second);

    // 3. Restarted again: nothing is posted a second time.
    const third = startBot(db, server.port, '2025-06-26T09:01:00Z');
    children.push(third);
    await third.waitLog((l) => l.msg === 'joined #nova');
    await third.waitLog((l) => l.msg === 'scheduler sleeping' && l.due === '2025-07-02T09:00:00.000Z');
    expect(third.logs.filter((l) => (l.level as number) === 40 && l.module === 'schedule').map((l) => `${l.event}/${l.offset}`)).toEqual([
      'flamingo:f-2/1w',
      'flamingo:f-nova-spec-freeze/1w',
    ]);
    await new Promise((r) => setTimeout(r, 500));
    await kill9(third);

    expect(fromBot().map((l) => l.text)).toEqual([
      '[Flamingo] Flamingo-2 milestone in 7 days (Thu 2025-07-03): milestone releases are tagged that week; membership freeze.',
      '[Flamingo] Nova Spec Freeze in 7 days (Thu 2025-07-03 23:59 UTC): all Nova specs for 2025.2 Flamingo must be approved by then; next: Nova Implementation Review Day, Tue Aug 5.',
    ]);
    // The ledger still says "claimed" (never confirmed): that is what kept the third run quiet.
    const handle = openDb(db);
    expect(new ScheduleRepo(handle).ledger('irc:#nova', Date.parse('2025-06-26T00:00Z')).map((r) => `${r.eventKey}/${r.offset} ${r.state}`)).toEqual([
      'flamingo:f-2/1w claimed',
      'flamingo:f-nova-spec-freeze/1w claimed',
    ]);
    handle.close();
  }, 90_000);
});
