// The team's own dates: chat arguments, kinds from names, config events following the config.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { validateConfig } from '../../../src/config.ts';
import { ConfigError } from '../../../src/errors.ts';
import { kindFromName } from '../../../src/schedule/kinds.ts';
import { prepareSchedules } from '../../../src/schedule/setup.ts';
import { parseAddArgs, teamEvent, TeamEventError } from '../../../src/schedule/team.ts';

describe('team events', () => {
  it('reads !schedule add arguments', () => {
    expect(parseAddArgs('2025-06-10 Spec review day')).toEqual({ date: '2025-06-10', time: null, name: 'Spec review day', kind: undefined });
    expect(parseAddArgs('2025-06-10 9:30 UTC Soft freeze --kind spec-freeze')).toEqual({
      date: '2025-06-10',
      time: '09:30',
      name: 'Soft freeze',
      kind: 'spec-freeze',
    });
    expect(parseAddArgs('2025-06-10T23:59Z Spec freeze')).toMatchObject({ time: '23:59', name: 'Spec freeze' });
    expect(() => parseAddArgs('June 10 thing')).toThrow(TeamEventError);
    expect(() => teamEvent({ name: 'Nope', date: '2025-13-01' }, { project: 'nova', cycles: [], source: 'cli' })).toThrow(
      '"2025-13-01" is not a date YYYY-MM-DD',
    );
    expect(() => teamEvent({ name: 'Nope', date: '2025-06-01', time: '25:00' }, { project: 'nova', cycles: [], source: 'cli' })).toThrow(
      '"25:00" is not a time HH:MM (UTC)',
    );
    expect(() => teamEvent({ name: 'Nope', date: '2025-06-01' }, { project: 'nova', cycles: [], source: 'cli' })).toThrow('no imported cycle holds 2025-06-01');
  });

  it.each([
    ['Soft spec freeze', 'spec-freeze'],
    ['Nova spec freeze', 'spec-freeze'],
    ['Feature proposal freeze', 'feature-freeze'],
    ['Spec review day', 'review-day'],
    ['RC1', 'rc'],
    ['M-2', 'milestone'],
    ['Final release', 'release'],
    ['Bug smash', 'custom'],
  ])('%s is a %s', (name, kind) => {
    expect(kindFromName(name)).toBe(kind);
  });

  it('follows the config: events added, changed and dropped with it', () => {
    const config = (events: unknown[]) => validateConfig({ schedule: { events } }, 'test', {});
    const app = createApp({
      dbPath: ':memory:',
      config: config([
        { name: 'Bug smash', date: '2025-07-10' },
        { name: 'Hack day', date: '2025-08-12', time: '14:00' },
      ]),
      log: pino({ level: 'silent' }),
    });
    try {
      expect(
        app.schedules
          .events()
          .filter((e) => e.source === 'config')
          .map((e) => `${e.key} ${e.date} ${e.kind}`),
      ).toEqual(['config:flamingo:bug-smash 2025-07-10 custom', 'config:flamingo:hack-day 2025-08-12 custom']);
      const r = prepareSchedules(app.schedules, config([{ name: 'Bug smash', date: '2025-07-17', kind: 'review-day' }]).schedule);
      expect(r).toMatchObject({ seeded: [], configEvents: { added: 0, changed: 1, removed: 1 } });
      expect(app.schedules.event('config:flamingo:bug-smash')).toMatchObject({ date: '2025-07-17', kind: 'review-day' });
      expect(() => prepareSchedules(app.schedules, config([{ name: 'Way back', date: '1999-01-01' }]).schedule)).toThrow(ConfigError);
      expect(() => config([{ name: 'x', date: '2025-02-30' }])).toThrow('schedule.events.0.date: is not a calendar date');
    } finally {
      app.close();
    }
  });
});
