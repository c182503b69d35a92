// The exact words of reminders: countdown at send time, meaning, the team's next date, late notes, zones.
import { describe, expect, it } from 'vitest';
import { remindersFor } from '../../../src/schedule/planner.ts';
import { countdown, formatWhen } from '../../../src/schedule/time.ts';
import { reminderMessage, reminderText, type WordingContext } from '../../../src/schedule/wording.ts';
import { flamingo, own, settingsFor } from './helpers.ts';

const ev = (id: string) => flamingo.events.find((e) => e.eventId === id)!;
const cycles = new Map([[flamingo.cycle.name, flamingo.cycle]]);
const ctxFor = (schedule: Record<string, unknown>): WordingContext => {
  const settings = settingsFor(schedule);
  return { settings, channel: settings.channels[0], cycles, events: flamingo.events };
};
const utc = ctxFor({ channels: ['irc:#openstack-nova'] });
const paris = ctxFor({ channels: [{ target: 'irc:#fr', timeZone: 'Europe/Paris' }] });

describe('reminder text', () => {
  it('says what is coming, when, what it means and the next Nova date', () => {
    const [, w1] = remindersFor(ev('f-nova-spec-soft-freeze'), utc.channel);
    expect(reminderText(w1, w1.at, utc)).toBe(
      '[Flamingo] Nova Spec Soft Freeze in 7 days (Tue 2025-06-03 23:59 UTC): no new Nova specs are accepted after it; next: Nova Spec Review Day, Tue Jun 17.',
    );
    const [, , , morning] = remindersFor(ev('f-nova-spec-freeze'), utc.channel);
    expect(reminderText(morning, morning.at, utc)).toBe(
      '[Flamingo] Nova Spec Freeze today (Thu 2025-07-03 23:59 UTC): all Nova specs for 2025.2 Flamingo must be approved by then; next: Nova Implementation Review Day, Tue Aug 5.',
    );
    const [ff2w] = remindersFor(ev('f-ff'), utc.channel);
    expect(reminderText(ff2w, ff2w.at, utc)).toBe(
      '[Flamingo] Feature freeze in 14 days (Thu 2025-08-28): no featureful patches merge after it, except with a PTL-granted exception.',
    );
    const [, last] = remindersFor(ev('f-nova-review-day'), utc.channel);
    expect(reminderText(last, last.at, utc)).toBe(
      '[Flamingo] Nova Implementation Review Day today (Tue 2025-08-05): the Nova core team reviews prioritized code changes that day.',
    );
  });

  it('counts the days when it is sent, and says when it is late', () => {
    const [, , d1] = remindersFor(ev('f-nova-spec-freeze'), utc.channel);
    expect(reminderText(d1, new Date('2025-07-02T13:30:00Z'), utc, true)).toBe(
      '[Flamingo] Late reminder (was due Wed 09:00 UTC): Nova Spec Freeze tomorrow (Thu 2025-07-03 23:59 UTC): all Nova specs for 2025.2 Flamingo must be approved by then; next: Nova Implementation Review Day, Tue Aug 5.',
    );
  });

  it('shows a deadline in the channel zone too (Paris, summer and winter)', () => {
    const [, w1] = remindersFor(ev('f-nova-spec-freeze'), paris.channel);
    expect(w1.at.toISOString()).toBe('2025-06-26T07:00:00.000Z');
    expect(reminderText(w1, w1.at, paris)).toBe(
      '[Flamingo] Nova Spec Freeze in 7 days (Thu 2025-07-03 23:59 UTC (Fri 01:59 CEST)): all Nova specs for 2025.2 Flamingo must be approved by then; next: Nova Implementation Review Day, Tue Aug 5.',
    );
    expect(formatWhen({ date: '2025-12-04', time: '23:59', endDate: null }, 'Europe/Paris')).toBe('Thu 2025-12-04 23:59 UTC (Fri 00:59 CET)');
    expect(formatWhen({ date: '2025-06-03', time: '23:59', endDate: null }, 'Asia/Kolkata')).toBe('Tue 2025-06-03 23:59 UTC (Wed 05:29 UTC+5:30)');
    expect(formatWhen({ date: '2025-06-03', time: '23:59', endDate: null }, 'America/Sao_Paulo')).toBe('Tue 2025-06-03 23:59 UTC (Tue 20:59 UTC-3)');
    expect(formatWhen(ev('f-vptg'), 'Europe/Paris')).toBe('Mon 2025-04-07 to Fri 2025-04-11');
  });

  it("uses a team event's own words, or its kind's", () => {
    const ctx = { ...utc, events: [...flamingo.events] };
    const e = own('Nova spec soft freeze', '2025-06-01', 'spec-freeze');
    const [, w1] = remindersFor(e, utc.channel);
    expect(reminderText(w1, w1.at, ctx)).toBe(
      '[Flamingo] Nova spec soft freeze in 7 days (Sun 2025-06-01): no new specs after it; next: Nova Spec Soft Freeze, Tue Jun 3.',
    );
    const party = { ...own('Release party', '2025-10-02', 'custom'), description: 'Cake in the usual channel.' };
    expect(reminderText(remindersFor(party, utc.channel)[0], new Date('2025-10-01T09:00Z'), ctx)).toBe(
      '[Flamingo] Release party tomorrow (Thu 2025-10-02): Cake in the usual channel.',
    );
  });

  it('merges up to three lines into one message', () => {
    expect(reminderMessage(['a', 'b']).lines).toEqual([['a'], ['b']]);
    expect(reminderMessage(['a', 'b', 'c', 'd']).lines).toEqual([['a'], ['b'], ['…and 2 more reminders: ', { command: 'schedule' }, ' lists what is next.']]);
  });
});

describe('countdowns for !schedule', () => {
  const ff = ev('f-ff');
  it.each([
    ['2025-08-16T10:00:00Z', 'in 12 days'],
    ['2025-08-27T09:00:00Z', 'in 15 hours'],
    ['2025-08-28T15:00:00Z', 'today'],
    ['2025-06-20T00:00:00Z', 'in 2 months'],
    ['2025-09-05T00:00:00Z', '7 days ago'],
  ])('at %s: %s', (now, words) => {
    expect(countdown(ff, new Date(now))).toBe(words);
  });
  it('counts to the minute for a deadline with a time', () => {
    expect(countdown(ev('f-nova-spec-freeze'), new Date('2025-07-03T21:59:00Z'))).toBe('in 2 hours');
  });
});
