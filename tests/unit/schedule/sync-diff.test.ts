// What `schedule sync` says about a re-imported cycle: added, moved, removed, by stable keys.
import { describe, expect, it } from 'vitest';
import { diffEvents } from '../../../src/schedule/sync.ts';
import type { ScheduleEvent } from '../../../src/schedule/types.ts';

const ev = (eventId: string, title: string, date: string, time: string | null = null, project: string | null = null): ScheduleEvent => ({
  key: `indri:${eventId}`,
  cycle: 'indri',
  eventId,
  title,
  kind: 'milestone',
  project,
  date,
  time,
  endDate: null,
  week: null,
  description: '',
  source: 'official',
  addedBy: null,
});

describe('diffEvents', () => {
  it('one line per added, moved and removed event; unchanged and retitled-only say nothing', () => {
    const before = [
      ev('i-1', 'Indri-1 milestone', '2026-11-19'),
      ev('i-nova-spec-freeze', 'Nova Spec Freeze', '2027-01-07', '23:59', 'nova'),
      ev('i-manila-x', 'Manila day', '2027-01-12', null, 'manila'),
    ];
    const after = [
      ev('i-1', 'Indri-1 milestone (M1)', '2026-11-19'),
      ev('i-nova-spec-freeze', 'Nova Spec Freeze', '2027-01-14', '23:59', 'nova'),
      ev('i-2', 'Indri-2 milestone', '2027-01-07'),
    ];
    expect(diffEvents('indri', before, after).map((c) => [c.kind, c.project, c.line])).toEqual([
      ['moved', 'nova', 'Nova Spec Freeze for indri moved: Thu 2027-01-07 23:59 UTC → Thu 2027-01-14 23:59 UTC'],
      ['added', null, 'Indri-2 milestone for indri added: Thu 2027-01-07'],
      ['removed', 'manila', 'Manila day for indri removed (was Tue 2027-01-12)'],
    ]);
    expect(diffEvents('indri', after, after)).toEqual([]);
  });
});
