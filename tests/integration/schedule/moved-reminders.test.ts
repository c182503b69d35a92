// What a channel hears when the official schedule moves a deadline it was already reminded of,
// against a loopback openstack/releases tree: the move is announced once, the reminders for the
// new date say the deadline moved, the old date's are never posted, and no line is ever posted
// twice (an id renamed upstream is neither announced as withdrawn nor reminded again); schedule
// plan words the coming reminders the same way.
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, VERSION, type App } from '../../../src/app.ts';
import { validateConfig } from '../../../src/config.ts';
import { renderPlain } from '../../../src/core/formatting.ts';
import type { Reply } from '../../../src/core/types.ts';
import { planEntries } from '../../../src/cli/schedule.ts';
import { NoticeRepo } from '../../../src/schedule/notice-repo.ts';
import { NoticePoster } from '../../../src/schedule/notices.ts';
import { ReminderScheduler } from '../../../src/schedule/scheduler.ts';
import { ScheduleSyncRunner } from '../../../src/schedule/sync-runner.ts';
import { sourceHttpOptions } from '../../../src/sources/settings.ts';
import { KvRepo } from '../../../src/store/kv-repo.ts';
import { tempHome } from '../../helpers/cli.ts';
import { FakeReleases, serveJuniper } from '../../helpers/fake-releases.ts';
import { FakeTime } from '../../unit/schedule/fake-time.ts';

const NOVA = 'irc:#openstack-nova';
const tree = FakeReleases.fromBundle();
const home = tempHome();
const silent = pino({ level: 'silent' });
const time = new FakeTime('2027-12-29T12:00:00Z');
const posted: { at: string; line: string }[] = [];
const record = async (_channel: string, reply: Reply) => {
  for (const l of reply.lines) posted.push({ at: time.clock().toISOString(), line: renderPlain(l) });
  return true;
};
let app: App;
let sync: ScheduleSyncRunner;
let scheduler: ReminderScheduler;
const settle = async () => {
  for (let i = 0; i < 3; i++) {
    await scheduler.idle();
    await new Promise((r) => setImmediate(r));
  }
};
const freezeLines = () => posted.filter((p) => p.line.includes('Nova Spec Freeze')).map((p) => `${p.at} ${p.line}`);

beforeAll(async () => {
  await tree.start();
  serveJuniper(tree, { week: '2028-01-03', day: '6 January 2028' });
  const config = validateConfig(
    { launchpad: { retries: 0, timeoutSeconds: 5 }, ptg: { bundled: false }, schedule: { channels: [NOVA], sync: { url: tree.base, everyHours: 24 } } },
    'test',
    {},
  );
  app = createApp({ dbPath: path.join(home, 'moved.db'), config, log: silent, clock: time.clock });
  const notices = new NoticeRepo(app.db);
  sync = new ScheduleSyncRunner({
    repo: app.schedules,
    kv: new KvRepo(app.db, 'schedule-sync'),
    state: app.sourceState,
    notices,
    poster: new NoticePoster({ notices, clock: time.clock, log: silent, meetingRunning: () => false, post: record }),
    teams: [app.scheduleSettings],
    baseUrl: tree.base,
    everyMs: 24 * 3600_000,
    http: sourceHttpOptions(config, VERSION),
    log: silent,
    clock: time.clock,
  });
  scheduler = new ReminderScheduler({
    repo: app.schedules,
    settings: app.scheduleSettings,
    clock: time.clock,
    timers: time.timers,
    post: record,
    meetingRunning: () => false,
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  });
});
afterAll(async () => {
  scheduler.stop();
  await sync.stop();
  app.close();
  await tree.stop();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('a deadline the channel was reminded of moves', () => {
  it('the reminders for the new date say it moved; the old date gets nothing more', async () => {
    await sync.tick();
    scheduler.start();
    await time.advanceTo('2027-12-30T10:00:00Z', settle);
    expect(freezeLines()).toEqual([expect.stringMatching(/^2027-12-30T09:00:00.000Z \[Juniper\] Nova Spec Freeze in 7 days \(Thu 2028-01-06 23:59 UTC\): /)]);
    // The next day the release team moves it a week later.
    time.jump('2027-12-31T10:00:00Z');
    serveJuniper(tree, { week: '2028-01-10', day: '13 January 2028' });
    await sync.tick();
    // schedule plan, asked now, words the coming reminders as the scheduler will post them.
    const planned = planEntries(app.schedules, app.scheduleSettings, app.scheduleSettings.channels[0], time.clock(), new Date('2028-01-14T00:00:00Z'))
      .flatMap((m) => m.entries)
      .filter((e) => e.event === 'Nova Spec Freeze')
      .map((e) => `${e.at} ${e.text}`);
    await time.advanceTo('2028-01-14T00:00:00Z', settle);
    const lines = freezeLines();
    expect(planned).toEqual(lines.slice(2));
    expect(lines[1]).toBe(
      '2027-12-31T10:00:00.000Z [Juniper] Nova Spec Freeze moved: Thu Jan 6 23:59 UTC → Thu Jan 13 23:59 UTC; its reminders follow the new date.',
    );
    // The 2-week reminder of the new date was due before the move was known (missed); then 1 week,
    // 1 day and the morning, each saying where it moved from; nothing for Jan 5 or 6.
    expect(lines.slice(2).map((l) => l.replace(/\): .*/, ')'))).toEqual([
      '2028-01-06T09:00:00.000Z [Juniper] Nova Spec Freeze (moved from Thu Jan 6 23:59 UTC) in 7 days (Thu 2028-01-13 23:59 UTC)',
      '2028-01-12T09:00:00.000Z [Juniper] Nova Spec Freeze (moved from Thu Jan 6 23:59 UTC) tomorrow (Thu 2028-01-13 23:59 UTC)',
      '2028-01-13T09:00:00.000Z [Juniper] Nova Spec Freeze (moved from Thu Jan 6 23:59 UTC) today (Thu 2028-01-13 23:59 UTC)',
    ]);
    expect(new Set(posted.map((p) => p.line)).size).toBe(posted.length);
  });
});

describe('never the same line twice', () => {
  it('an event whose id is renamed upstream is not announced, and a reminder already heard is not repeated', async () => {
    const m3 = app.schedules.events({ cycle: 'juniper' }).find((e) => e.eventId === 'i-3')!;
    expect(m3.title).toBe('Juniper-3 milestone');
    const weekBefore = new Date(Date.parse(`${m3.date}T09:00:00Z`) - 7 * 86_400_000);
    await time.advanceTo(+weekBefore + 3600_000, settle);
    const before = posted.length;
    const rst = 'doc/source/juniper/schedule.rst';
    tree.files.set(rst, tree.files.get(rst)!.replace('.. _i-3:', '.. _k-3:'));
    await sync.tick();
    expect(app.schedules.events({ cycle: 'juniper' }).find((e) => e.eventId === 'k-3')).toMatchObject({ title: m3.title, date: m3.date });
    await time.advanceTo(`${m3.date}T12:00:00Z`, settle);
    const lines = posted.slice(before).map((p) => p.line);
    expect(lines.filter((l) => l.includes('withdrawn'))).toEqual([]);
    // The week-before reminder was posted under the old id at 09:00; the new id's, due then too, is
    // the same line (but late): skipped.
    expect(lines.filter((l) => l.includes(`${m3.title} in 7 days`))).toEqual([]);
    expect(lines.filter((l) => l.includes(m3.title)).map((l) => l.replace(/ \(.*/, ''))).toEqual([`[Juniper] ${m3.title} today`]);
    expect(
      app.schedules
        .ledgerInState('skipped')
        .filter((r) => r.note === 'same text already posted')
        .map((r) => `${r.eventKey} ${r.offset}`),
    ).toEqual(['juniper:k-3 1w']);
  });
});
