// !schedule through the real router on the bundled schedules, at fixed moments.
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { validateConfig } from '../../../src/config.ts';
import { renderPlain } from '../../../src/core/formatting.ts';
import { roomMsg } from '../../helpers/messages.ts';

// Time only moves forward here (the router's rate limiter counts on it).
let now = new Date('2025-07-01T12:00:00Z');
const config = validateConfig(
  {
    rateLimit: { burst: 1000, refillSeconds: 1 },
    permissions: { chairs: ['irc:chair'] },
    schedule: {
      channels: [{ target: 'test:#paris', timeZone: 'Europe/Paris' }],
      events: [{ name: 'Nova bug smash', date: '2025-09-02', kind: 'custom', description: 'Triage day' }],
    },
  },
  'test',
  {},
);
const app = createApp({ dbPath: ':memory:', config, log: pino({ level: 'silent' }), clock: () => now });
afterAll(() => app.close());

const alice = { key: 'irc:alice', display: 'alice', account: 'alice' };
const chair = { key: 'irc:chair', display: 'chair', account: 'chair' };
async function ask(text: string, sender = alice, room = '#openstack-nova'): Promise<string[]> {
  const r = await app.router.handle(roomMsg(text, sender, { room }));
  return r.kind === 'ignored' ? [] : r.replies.flatMap((x) => x.lines.map(renderPlain));
}

describe('!schedule', () => {
  it('the bundled schedules and the config events are in the database', () => {
    expect(app.schedules.cycles().map((c) => `${c.name} ${c.releaseId}`)).toEqual([
      'epoxy 2025.1',
      'flamingo 2025.2',
      'gazpacho 2026.1',
      'hibiscus 2026.2',
      'indri 2027.1',
    ]);
    expect(app.schedules.event('config:flamingo:nova-bug-smash')).toMatchObject({ date: '2025-09-02', source: 'config', project: 'nova' });
  });

  it("lists a cycle's key dates, marking those past", async () => {
    now = new Date('2025-07-01T12:00:00Z');
    expect(await ask('!schedule all')).toEqual([
      "[2025.2 Flamingo] Nova's key dates: ✓ Mon Apr 7 PTG (virtual) · ✓ Thu May 15 Flamingo-1 milestone · ✓ Tue Jun 3 Nova Spec Soft Freeze (23:59 UTC) · ✓ Tue Jun 17 Nova Spec Review Day · Thu Jul 3 Flamingo-2 milestone · Thu Jul 3 Nova Spec Freeze (23:59 UTC) · Tue Aug 5 Nova Implementation Review Day · Thu Aug 28 Flamingo-3 milestone · Thu Aug 28 Feature freeze",
      'Tue Sep 2 Nova bug smash · Thu Sep 11 RC1 target week · Thu Sep 25 Final RCs and intermediary releases · Wed Oct 1 2025.2 Flamingo release',
      '(17 more events in the official schedule: !schedule <name>, or https://releases.openstack.org/flamingo/schedule.html)',
    ]);
    expect((await ask('!schedule gazpacho'))[0]).toMatch(
      /^\[2026\.1 Gazpacho\] Nova's key dates: Mon Oct 27 PTG \(virtual\) · Thu Nov 13 Gazpacho-1 milestone/,
    );
    expect(await ask('!schedule all dalmatian')).toEqual(['no schedule for "dalmatian"; imported: epoxy, flamingo, gazpacho, hibiscus, indri']);
  });

  it('shows one event by name, the current cycle first', async () => {
    now = new Date('2025-07-01T12:00:00Z');
    expect(await ask('!schedule soft freeze')).toEqual([
      'Nova Spec Soft Freeze (2025.2 Flamingo, week R-17): Tue 2025-06-03 23:59 UTC, 28 days ago — After 3 June 2025 (23:59 UTC), no new specs will be accepted. https://releases.openstack.org/flamingo/schedule.html#f-nova-spec-soft-freeze',
      'Nova Spec Soft Freeze (2026.1 Gazpacho, week R-19): Thu 2025-11-20 23:59 UTC, in 5 months — After 20 November 2025 (23:59 UTC), no new specs will be accepted. https://releases.openstack.org/gazpacho/schedule.html#g-nova-spec-soft-freeze',
      'Nova Spec Soft Freeze (2026.2 Hibiscus, week R-18): Thu 2026-05-28 23:59 UTC, in 11 months — After 28 May 2026 (23:59 UTC), no new specs or specless blueprints will be accepted. https://releases.openstack.org/hibiscus/schedule.html#h-nova-spec-soft-freeze',
      '(1 more match: add a cycle name or more words)',
    ]);
    expect(await ask('!schedule rc1 hibiscus')).toEqual([
      'RC1 target week (2026.2 Hibiscus, week R-3): Thu 2026-09-10, in 1 year — The week of September 7, 2026 is the target date for projects following the release:cycle-with-rc model to issue their first release candidate. https://releases.openstack.org/hibiscus/schedule.html#h-rc1',
    ]);
    expect(await ask('!schedule manila spec freeze')).toEqual(['no event matches "manila spec freeze"; !schedule all lists the key dates']);
  });

  it("lets chairs add, move and remove the team's own dates", async () => {
    now = new Date('2025-07-01T12:00:00Z');
    expect(await ask('!schedule add 2025-07-22 Spec review day 2')).toEqual(['!schedule add is for chairs only (you are not recognised as one).']);
    expect(await ask('!schedule add 2025-07-22 Spec review day 2', chair)).toEqual([
      'added Spec review day 2 (review-day, 2025.2 Flamingo): Tue 2025-07-22, in 21 days',
    ]);
    expect(await ask('!schedule add 2025-07-24T12:00Z Spec review day 2', chair)).toEqual([
      'added Spec review day 2 (review-day, 2025.2 Flamingo): Thu 2025-07-24 12:00 UTC, in 23 days (moved from Tue 2025-07-22; reminders re-planned)',
    ]);
    expect(app.schedules.event('team:flamingo:spec-review-day-2')).toMatchObject({
      date: '2025-07-24',
      time: '12:00',
      source: 'chat',
      addedBy: 'irc:chair',
      kind: 'review-day',
    });
    expect(await ask('!schedule add 2025-06-01 Too late', chair)).toEqual(['Sun 2025-06-01 is past: nothing to remind']);
    expect(await ask('!schedule add 2025-08-01 Hack day --kind party', chair)).toEqual([
      'unknown kind "party"; kinds: milestone, spec-freeze, feature-freeze, rc, release, review-day, custom',
    ]);
    expect(await ask('!schedule add tomorrow Hack day', chair)).toEqual(['usage: !schedule add <YYYY-MM-DD> [HH:MM] <name> [--kind <kind>]']);
    expect(await ask('!schedule add 2025-09-02 Nova bug smash', chair)).toEqual(['"Nova bug smash" comes from the config file; change it there']);
    expect(await ask('!schedule remove spec review day 2')).toEqual(['!schedule remove is for chairs only (you are not recognised as one).']);
    expect(await ask('!schedule remove Nova Spec Freeze', chair)).toEqual([
      '"Nova Spec Freeze" is in the official release schedule; only the team\'s own dates can be removed',
    ]);
    expect(await ask('!schedule remove bug smash', chair)).toEqual(['"Nova bug smash" comes from the config file; remove it there']);
    expect(await ask('!schedule remove spec review day 2', chair)).toEqual(['removed Spec review day 2 (2025-07-24); its reminders are cancelled']);
    expect(app.schedules.event('team:flamingo:spec-review-day-2')).toBeUndefined();
  });

  it('lists the next three with countdowns', async () => {
    now = new Date('2025-07-01T12:00:00Z');
    expect(await ask('!schedule', alice, '#paris')).toEqual([
      'Next for Nova: Flamingo-2 milestone in 2 days, Thu Jul 3 · Nova Spec Freeze in 2 days, Thu Jul 3 23:59 UTC (Fri 01:59 CEST) · Nova Implementation Review Day in 1 month, Tue Aug 5 (2025.2 Flamingo; !schedule all for the cycle)',
    ]);
    now = new Date('2025-08-16T10:00:00Z');
    expect(await ask('!schedule')).toEqual([
      'Next for Nova: Flamingo-3 milestone in 12 days, Thu Aug 28 · Feature freeze in 12 days, Thu Aug 28 · Nova bug smash in 17 days, Tue Sep 2 (2025.2 Flamingo; !schedule all for the cycle)',
    ]);
  });

  it('names the cycle in development on the bundled data (2027.1 Indri, in December 2026)', async () => {
    now = new Date('2026-12-04T12:00:00Z');
    expect(await ask('!schedule')).toEqual([
      'Next for Nova: Indri-2 milestone in 1 month, Thu Jan 14 · Indri-3 milestone in 3 months, Thu Feb 18 · Feature freeze in 3 months, Thu Feb 18 (2027.1 Indri; !schedule all for the cycle)',
    ]);
  });

  it('says plainly when nothing is coming', async () => {
    now = new Date('2027-04-01T12:00:00Z');
    expect(await ask('!schedule')).toEqual([
      "Nothing coming for Nova: the latest imported cycle, 2027.1 Indri, ended with its release on Wed 2027-03-24. The next cycle's schedule is not imported yet (cyclebot schedule import <schedule.yaml> --cycle <series>).",
    ]);
  });
});
