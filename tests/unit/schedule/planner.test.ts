// Offsets, zones (UTC, Paris across DST, Tokyo), the grace window, supersession and merging.
import { describe, expect, it } from 'vitest';
import { mergeIntoMessages, planChannel, remindersFor, triage } from '../../../src/schedule/planner.ts';
import type { PlannedReminder } from '../../../src/schedule/types.ts';
import { flamingo, own, settingsFor } from './helpers.ts';

const iso = (r: { at: Date }) => r.at.toISOString();
const ev = (id: string) => flamingo.events.find((e) => e.eventId === id)!;
const utc = settingsFor({ channels: ['irc:#openstack-nova'] });
const chan = utc.channels[0];

describe('offsets per kind', () => {
  it('spec and feature freezes get 2 weeks, 1 week, 1 day and the morning of the day', () => {
    expect(remindersFor(ev('f-nova-spec-freeze'), chan).map((r) => `${r.offset} ${iso(r)}`)).toEqual([
      '2w 2025-06-19T09:00:00.000Z',
      '1w 2025-06-26T09:00:00.000Z',
      '1d 2025-07-02T09:00:00.000Z',
      'morning 2025-07-03T09:00:00.000Z',
    ]);
    expect(remindersFor(ev('f-ff'), chan).map((r) => r.offset)).toEqual(['2w', '1w', '1d', 'morning']);
  });

  it('milestones, RCs, review days and custom events get fewer', () => {
    expect(remindersFor(ev('f-2'), chan).map((r) => r.offset)).toEqual(['1w', 'morning']);
    expect(remindersFor(ev('f-rc1'), chan).map((r) => r.offset)).toEqual(['1w', '1d']);
    expect(remindersFor(ev('f-nova-spec-review-day'), chan).map((r) => r.offset)).toEqual(['1d', 'morning']);
    expect(remindersFor(own('Bug smash', '2025-07-10', 'custom'), chan).map((r) => `${r.offset} ${iso(r)}`)).toEqual([
      '1d 2025-07-09T09:00:00.000Z',
      'morning 2025-07-10T09:00:00.000Z',
    ]);
  });

  it('are configurable per kind and per channel', () => {
    const s = settingsFor({ offsets: { custom: ['3d'] }, channels: [{ target: 'irc:#a' }, { target: 'irc:#b', offsets: { custom: ['morning', '2w'] } }] });
    const e = own('Bug smash', '2025-07-10', 'custom');
    expect(remindersFor(e, s.channels[0]).map((r) => r.offset)).toEqual(['3d']);
    expect(remindersFor(e, s.channels[1]).map((r) => r.offset)).toEqual(['2w', 'morning']);
    expect(remindersFor(ev('f-nova-spec-freeze'), s.channels[1]).map((r) => r.offset)).toEqual(['2w', '1w', '1d', 'morning']);
  });

  it('only events the team cares about are planned: no Manila, no string freeze, yes Nova and milestones', () => {
    const planned = planChannel(flamingo.events, utc, chan, new Date('2025-06-01T00:00Z'), new Date('2025-07-04T00:00Z'));
    expect([...new Set(planned.map((r) => r.event.key))]).toEqual([
      'flamingo:f-nova-spec-soft-freeze',
      'flamingo:f-nova-spec-review-day',
      'flamingo:f-nova-spec-freeze',
      'flamingo:f-2',
    ]);
    const withRf = settingsFor({ channels: ['irc:#n'], remind: { include: ['rf'], exclude: ['f-2'] } });
    const keys = new Set(
      planChannel(flamingo.events, withRf, withRf.channels[0], new Date('2025-06-01T00:00Z'), new Date('2025-09-01T00:00Z')).map((r) => r.event.key),
    );
    expect(keys.has('flamingo:f-rf')).toBe(true);
    expect(keys.has('flamingo:f-2')).toBe(false);
  });
});

describe('time zones', () => {
  it('posts at the wall-clock time of a non-UTC channel (Paris summer: 09:00 CEST = 07:00 UTC)', () => {
    const s = settingsFor({ channels: [{ target: 'irc:#fr', timeZone: 'Europe/Paris' }] });
    expect(remindersFor(ev('f-nova-spec-freeze'), s.channels[0]).map(iso)).toEqual([
      '2025-06-19T07:00:00.000Z',
      '2025-06-26T07:00:00.000Z',
      '2025-07-02T07:00:00.000Z',
      '2025-07-03T07:00:00.000Z',
    ]);
  });

  it('keeps 09:00 local across the March and October DST changes (Europe/Paris)', () => {
    const s = settingsFor({ channels: [{ target: 'irc:#fr', timeZone: 'Europe/Paris' }] });
    // DST begins 2025-03-30: the 2w and 1w reminders are in CET (UTC+1), the 1d and morning in CEST (UTC+2).
    expect(remindersFor(own('Spring freeze', '2025-04-03', 'spec-freeze', null, 'epoxy'), s.channels[0]).map(iso)).toEqual([
      '2025-03-20T08:00:00.000Z',
      '2025-03-27T08:00:00.000Z',
      '2025-04-02T07:00:00.000Z',
      '2025-04-03T07:00:00.000Z',
    ]);
    // DST ends 2025-10-26.
    expect(remindersFor(own('Autumn freeze', '2025-10-30', 'spec-freeze', null, 'gazpacho'), s.channels[0]).map(iso)).toEqual([
      '2025-10-16T07:00:00.000Z',
      '2025-10-23T07:00:00.000Z',
      '2025-10-29T08:00:00.000Z',
      '2025-10-30T08:00:00.000Z',
    ]);
  });

  it('plans on the UTC day OpenStack states, in any zone (Tokyo: 09:00 JST = 00:00 UTC)', () => {
    const s = settingsFor({ channels: [{ target: 'irc:#jp', timeZone: 'Asia/Tokyo' }] });
    expect(remindersFor(ev('f-nova-spec-freeze'), s.channels[0]).map((r) => `${r.offset} ${iso(r)}`)).toEqual([
      '2w 2025-06-19T00:00:00.000Z',
      '1w 2025-06-26T00:00:00.000Z',
      '1d 2025-07-02T00:00:00.000Z',
      'morning 2025-07-03T00:00:00.000Z',
    ]);
  });

  it('drops a morning-of reminder that would come after the deadline', () => {
    const early = own('Early deadline', '2025-07-10', 'spec-freeze', '06:00');
    expect(remindersFor(early, chan).map((r) => r.offset)).toEqual(['2w', '1w', '1d']); // 09:00 UTC > 06:00 UTC
    const s = settingsFor({ channels: [{ target: 'irc:#jp', timeZone: 'Asia/Tokyo' }] });
    expect(remindersFor(early, s.channels[0]).map((r) => r.offset)).toEqual(['2w', '1w', '1d', 'morning']); // 00:00 UTC < 06:00
  });

  it('rejects an unknown zone in the config', () => {
    expect(() => settingsFor({ timeZone: 'Mars/Olympus' })).toThrow('schedule.timeZone: must be an IANA time zone such as UTC or Europe/Paris');
    expect(() => settingsFor({ channels: [{ target: 'irc:#x', timeZone: 'CEST+2' }] })).toThrow('schedule.channels.0.timeZone');
    expect(() => settingsFor({ offsets: { 'spec-freeze': ['2 weeks'] } })).toThrow(
      'schedule.offsets.spec-freeze.0: must be an offset like 2w, 1w, 3d, 1d or morning',
    );
    expect(() => settingsFor({ channels: ['#openstack-nova'] })).toThrow('must be "<transport>:<room>"');
    expect(() => settingsFor({ channels: ['irc:#a', { target: 'irc:#a' }] })).toThrow('irc:#a is listed twice');
  });
});

describe('what is still worth posting (triage)', () => {
  const [w2, w1, d1, morning] = remindersFor(ev('f-nova-spec-freeze'), chan);
  const sixHours = 6 * 3600_000;

  it('posts within the grace window and skips what is older', () => {
    expect(triage([d1], new Date('2025-07-02T14:59:59Z'), sixHours).post).toEqual([d1]);
    expect(triage([d1], new Date('2025-07-02T15:00:01Z'), sixHours).skip).toEqual([{ r: d1, reason: 'missed' }]);
  });

  it('never posts an earlier offset when a later one of the same event is due', () => {
    const t = triage([w2, w1], new Date('2025-06-26T10:00Z'), 14 * 24 * 3600_000);
    expect(t.post).toEqual([w1]);
    expect(t.skip).toEqual([{ r: w2, reason: 'superseded' }]);
  });

  it('skips reminders of an event that is over', () => {
    expect(triage([morning], new Date('2025-07-04T00:00Z'), Infinity).skip).toEqual([{ r: morning, reason: 'event over' }]);
  });
});

describe('merging', () => {
  const at = (r: PlannedReminder, t: string): PlannedReminder => ({ ...r, at: new Date(t) });
  const ms = (m: { at: Date; reminders: PlannedReminder[] }[]) =>
    m.map((x) => `${x.at.toISOString()} ${x.reminders.map((r) => `${r.event.eventId}/${r.offset}`).join(' + ')}`);

  it('puts coinciding reminders in one message', () => {
    const planned = planChannel(flamingo.events, utc, chan, new Date('2025-06-26T00:00Z'), new Date('2025-06-27T00:00Z'));
    expect(ms(mergeIntoMessages(planned))).toEqual(['2025-06-26T09:00:00.000Z f-2/1w + f-nova-spec-freeze/1w']);
  });

  it('sends at most one message per hour: later ones wait and merge', () => {
    const [a] = remindersFor(ev('f-1'), chan);
    const [b] = remindersFor(ev('f-nova-spec-review-day'), chan);
    const [c] = remindersFor(ev('f-rc1'), chan);
    const planned = [at(a, '2025-05-08T09:00Z'), at(b, '2025-05-08T09:20Z'), at(c, '2025-05-08T09:50Z')];
    expect(ms(mergeIntoMessages(planned))).toEqual(['2025-05-08T09:00:00.000Z f-1/1w', '2025-05-08T10:00:00.000Z f-nova-spec-review-day/1d + f-rc1/1w']);
    expect(ms(mergeIntoMessages([at(a, '2025-05-08T09:00Z'), at(b, '2025-05-08T10:00Z')]))).toEqual([
      '2025-05-08T09:00:00.000Z f-1/1w',
      '2025-05-08T10:00:00.000Z f-nova-spec-review-day/1d',
    ]);
  });
});
