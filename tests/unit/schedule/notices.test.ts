// Announcements of a sync's changes with many teams: a cross-project event goes to every team's
// channels, a project's event to that project's team only, and a channel two teams name (by
// default a shared channel gets none; listed in both teams' schedule.channels, once) hears each
// announcement once.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { validateConfig } from '../../../src/config.ts';
import { createRootLogger } from '../../../src/log.ts';
import { NoticeRepo } from '../../../src/schedule/notice-repo.ts';
import { recordNotices } from '../../../src/schedule/notices.ts';
import type { SyncChange } from '../../../src/schedule/sync.ts';
import type { ScheduleEvent } from '../../../src/schedule/types.ts';

const now = new Date('2026-12-01T10:00:00Z');
const ev = (eventId: string, title: string, date: string, project: string | null = null): ScheduleEvent => ({
  key: `indri:${eventId}`,
  cycle: 'indri',
  eventId,
  title,
  kind: 'milestone',
  project,
  date,
  time: null,
  endDate: null,
  week: null,
  description: '',
  source: 'official',
  addedBy: null,
});
const moved = (before: ScheduleEvent, date: string): SyncChange => ({
  kind: 'moved',
  cycle: 'indri',
  key: before.key,
  project: before.project,
  line: '',
  before,
  after: { ...before, date },
});
const removed = (before: ScheduleEvent): SyncChange => ({ kind: 'removed', cycle: 'indri', key: before.key, project: before.project, line: '', before });

function teams(extra: Record<string, unknown>[] = []) {
  const config = validateConfig({
    teams: [
      { name: 'nova', channels: ['irc:#openstack-nova', 'matrix:!nova:example.org', 'irc:#openstack-meeting'] },
      { name: 'manila', channels: ['irc:#openstack-manila', 'irc:#openstack-meeting'] },
      ...extra,
    ],
  });
  const app = createApp({ dbPath: ':memory:', config, log: createRootLogger({ level: 'silent', format: 'json' }), clock: () => now });
  return { app, notices: new NoticeRepo(app.db), settings: [...app.scheduleTeams.values()] };
}

const M2 = ev('i-2', 'Indri-2 milestone', '2027-01-14');
const MANILA = ev('i-manila-feature-freeze', 'Manila Feature Freeze', '2027-01-21', 'manila');
const NOVA = ev('i-nova-spec-freeze', 'Nova Spec Freeze', '2027-01-07', 'nova');

describe('recordNotices with many teams', () => {
  it("a cross-project change goes to every team's channels, a project's change to its team only", () => {
    const { app, notices, settings } = teams();
    const n = recordNotices([moved(M2, '2027-01-21'), moved(MANILA, '2027-01-28'), removed(NOVA)], settings, notices, now);
    const got = notices.all().map((x) => [x.eventKey, x.channel]);
    expect(got).toEqual([
      ['indri:i-2', 'irc:#openstack-nova'],
      ['indri:i-2', 'matrix:!nova:example.org'],
      ['indri:i-2', 'irc:#openstack-manila'],
      ['indri:i-manila-feature-freeze', 'irc:#openstack-manila'],
      ['indri:i-nova-spec-freeze', 'irc:#openstack-nova'],
      ['indri:i-nova-spec-freeze', 'matrix:!nova:example.org'],
    ]);
    expect(n).toBe(6);
    // The shared channel (the teams' default reminder channels leave it out) hears none.
    expect(got.some(([, c]) => c === 'irc:#openstack-meeting')).toBe(false);
    expect(notices.all()[3].text).toBe('[Indri] Manila Feature Freeze moved: Thu Jan 21 → Thu Jan 28; its reminders follow the new date.');
    app.close();
  });

  it('a channel two teams list for reminders hears each announcement once', () => {
    const release = { target: 'irc:#openstack-release' };
    const { app, notices, settings } = teams([
      { name: 'cinder', channels: ['irc:#openstack-cinder'], schedule: { channels: [{ target: 'irc:#openstack-cinder' }, release] } },
      { name: 'glance', channels: ['irc:#openstack-glance'], schedule: { channels: [{ target: 'irc:#OpenStack-Release' }] } },
    ]);
    recordNotices([moved(M2, '2027-01-21')], settings, notices, now);
    const channels = notices.all().map((x) => x.channel);
    expect(channels).toEqual(['irc:#openstack-nova', 'matrix:!nova:example.org', 'irc:#openstack-manila', 'irc:#openstack-cinder', 'irc:#openstack-release']);
    // A project's change goes to the channels its own team lists, as that team spells them.
    recordNotices([moved({ ...MANILA, project: 'glance' }, '2027-01-28')], settings, notices, now);
    expect(
      notices
        .all()
        .slice(5)
        .map((x) => x.channel),
    ).toEqual(['irc:#OpenStack-Release']);
    app.close();
  });

  it('a team that excludes an event does not hear of it; the others still do', () => {
    const { app, notices, settings } = teams([{ name: 'swift', channels: ['irc:#openstack-swift'], schedule: { remind: { exclude: ['i-2'] } } }]);
    recordNotices([moved(M2, '2027-01-21')], settings, notices, now);
    expect(notices.all().map((x) => x.channel)).toEqual(['irc:#openstack-nova', 'matrix:!nova:example.org', 'irc:#openstack-manila']);
    app.close();
  });
});
