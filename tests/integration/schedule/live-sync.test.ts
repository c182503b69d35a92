// schedule.sync in the running bot, against a loopback openstack/releases tree with ETags: a
// series added (not announced), a date moved (announced once per channel, reminders re-planned),
// nothing changed (304s, nothing posted), a removed event withdrawn, a failing tree in !status,
// a failed post retried once, a meeting holding the notice, and a restart that repeats nothing.
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, VERSION, type App } from '../../../src/app.ts';
import { validateConfig } from '../../../src/config.ts';
import { renderPlain } from '../../../src/core/formatting.ts';
import type { Delivery, Reply } from '../../../src/core/types.ts';
import { NoticeRepo } from '../../../src/schedule/notice-repo.ts';
import { NoticePoster } from '../../../src/schedule/notices.ts';
import { planChannel } from '../../../src/schedule/planner.ts';
import { ManualTimers } from '../../helpers/manual-timers.ts';
import { ScheduleSyncRunner } from '../../../src/schedule/sync-runner.ts';
import { sourceHttpOptions } from '../../../src/sources/settings.ts';
import { KvRepo } from '../../../src/store/kv-repo.ts';
import { tempHome } from '../../helpers/cli.ts';
import { FakeReleases, serveJuniper } from '../../helpers/fake-releases.ts';
import { roomMsg } from '../../helpers/messages.ts';

const tree = FakeReleases.fromBundle();
const home = tempHome();
const dbPath = path.join(home, 'live-sync.db');
const silent = pino({ level: 'silent' });
let now = Date.parse('2026-12-04T10:00:00Z');
const clock = () => new Date(now);
let app: App;
let config: ReturnType<typeof validateConfig>;
const CHANNELS = ['irc:#openstack-nova', 'matrix:!nova:example.org'];

const posted: { channel: string; lines: string[] }[] = [];
let answer: () => boolean | Delivery = () => true;
let meeting = false;

function bot(a: App) {
  const notices = new NoticeRepo(a.db);
  const poster = new NoticePoster({
    notices,
    clock,
    log: silent,
    meetingRunning: () => meeting,
    post: async (channel: string, reply: Reply) => {
      const d = answer();
      if (d === true || (typeof d === 'object' && d.delivered)) posted.push({ channel, lines: reply.lines.map(renderPlain) });
      return d;
    },
  });
  const timers = new ManualTimers();
  const runner = new ScheduleSyncRunner({
    repo: a.schedules,
    kv: new KvRepo(a.db, 'schedule-sync'),
    state: a.sourceState,
    notices,
    poster,
    teams: [...a.scheduleTeams.values()],
    baseUrl: config.schedule.sync.url,
    everyMs: config.schedule.sync.everyHours * 3600_000,
    http: sourceHttpOptions(config, VERSION),
    log: silent,
    clock,
    timers,
  });
  return { runner, poster, timers, notices };
}
let b: ReturnType<typeof bot>;

const freeze = (a: App) => a.schedules.events({ cycle: 'juniper' }).find((e) => e.eventId === 'j-nova-spec-freeze');
const reminders = (a: App) =>
  a.scheduleSettings.channels
    .flatMap((c) => planChannel(a.schedules.events(), a.scheduleSettings, c, new Date(0), new Date(8.64e15)))
    .filter((r) => r.event.eventId === 'j-nova-spec-freeze');

async function status(): Promise<string> {
  const r = await app.router.handle(roomMsg('!status', { key: 'irc:alice', display: 'alice', account: 'alice' }, { room: '#openstack-nova' }));
  return r.kind === 'ignored' ? '' : r.replies.flatMap((x) => x.lines.map(renderPlain)).join('\n');
}

beforeAll(async () => {
  await tree.start();
  serveJuniper(tree, { week: '2028-01-03', day: '6 January 2028' });
  config = validateConfig(
    {
      launchpad: { retries: 0, timeoutSeconds: 5 },
      rateLimit: { burst: 1000, refillSeconds: 1 },
      ptg: { bundled: false },
      schedule: { channels: CHANNELS, sync: { url: tree.base, everyHours: 24 } },
    },
    'test',
    {},
  );
  app = createApp({ dbPath, config, log: silent, clock });
  b = bot(app);
});
afterAll(async () => {
  await b.runner.stop();
  app.close();
  await tree.stop();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('schedule.sync in run', () => {
  it('waits a minute after start, then adds the new series without announcing it', async () => {
    b.runner.start();
    expect(b.timers.pending!.ms).toBe(60_000);
    now += 60_000;
    await b.runner.tick();
    expect(freeze(app)).toMatchObject({ date: '2028-01-06', time: '23:59' });
    expect(b.notices.all()).toEqual([]);
    expect(posted).toEqual([]);
    expect(b.timers.pending!.ms).toBe(24 * 3600_000);
    expect(await status()).toMatch(/schedule sync \(127\.0\.0\.1:\d+\/releases\): ok, checked just now, last changed just now/);
  });

  it('a moved date is announced once in each channel and its reminders are re-planned', async () => {
    expect(reminders(app).map((r) => r.occurrence)).toContain('2028-01-06T23:59Z');
    serveJuniper(tree, { week: '2028-01-10', day: '13 January 2028' });
    now += 24 * 3600_000;
    await b.runner.tick();
    const line = '[Juniper] Nova Spec Freeze moved: Thu Jan 6 23:59 UTC → Thu Jan 13 23:59 UTC; its reminders follow the new date.';
    expect(posted).toEqual(CHANNELS.map((channel) => ({ channel, lines: [line] })));
    expect(new Set(reminders(app).map((r) => r.occurrence))).toEqual(new Set(['2028-01-13T23:59Z']));
  });

  it('an unchanged tree costs only 304s and posts nothing', async () => {
    tree.log.length = 0;
    now += 24 * 3600_000;
    await b.runner.tick();
    expect(tree.log.length).toBeGreaterThan(0);
    expect(tree.log.every((l) => l.status === 304)).toBe(true);
    expect(posted).toHaveLength(2);
  });

  it('a restart repeats no announcement and waits out the interval', async () => {
    await b.runner.stop();
    app.close();
    app = createApp({ dbPath, config, log: silent, clock });
    b = bot(app);
    now += 3600_000;
    b.runner.start();
    await b.poster.flush();
    expect(posted).toHaveLength(2);
    expect(b.timers.pending!.ms).toBe(23 * 3600_000);
  });

  it('a failed post is tried again (once) when the transport is back; a meeting holds it', async () => {
    serveJuniper(tree, { week: '2028-01-17', day: '20 January 2028' });
    answer = () => ({ delivered: false, reason: 'not connected' });
    now += 23 * 3600_000;
    await b.runner.tick();
    expect(posted).toHaveLength(2);
    expect(b.notices.all().filter((n) => n.state === 'failed')).toHaveLength(2);
    answer = () => true;
    meeting = true;
    await b.poster.flush();
    expect(posted).toHaveLength(2);
    meeting = false;
    await Promise.all([b.poster.flush(), b.poster.flush()]);
    expect(posted.slice(2).map((p) => p.lines[0])).toEqual([
      '[Juniper] Nova Spec Freeze moved: Thu Jan 13 23:59 UTC → Thu Jan 20 23:59 UTC; its reminders follow the new date.',
      '[Juniper] Nova Spec Freeze moved: Thu Jan 13 23:59 UTC → Thu Jan 20 23:59 UTC; its reminders follow the new date.',
    ]);
    await b.poster.flush();
    expect(posted).toHaveLength(4);
  });

  it('a removed event is withdrawn: announced once, its reminders gone', async () => {
    serveJuniper(tree, null);
    now += 24 * 3600_000;
    await b.runner.tick();
    expect(freeze(app)).toBeUndefined();
    expect(reminders(app)).toEqual([]);
    expect(posted.slice(4)).toEqual(
      CHANNELS.map((channel) => ({
        channel,
        lines: ['[Juniper] Nova Spec Freeze (Thu Jan 20 23:59 UTC) was withdrawn from the release schedule; its reminders are cancelled.'],
      })),
    );
  });

  it('a failing tree changes nothing and shows in !status', async () => {
    tree.failWith = 500;
    now += 24 * 3600_000;
    const events = app.schedules.events().length;
    await b.runner.tick();
    tree.failWith = null;
    expect(app.schedules.events()).toHaveLength(events);
    expect(posted).toHaveLength(6);
    expect(await status()).toMatch(
      /schedule sync \(127\.0\.0\.1:\d+\/releases\): FAILING since just now: 127\.0\.0\.1:\d+ is unavailable \(500\) for \/releases\/data\/series_status\.yaml; last good version read 24 h ago/,
    );
  });
});
