// A schedule re-import that lists an event id in a second week must not rename the first
// occurrence's reminders: the one sent an hour earlier is not posted again.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSchedule, parseSeriesStatus } from '../../../src/schedule/importer.ts';
import { ledgerEventKey } from '../../../src/schedule/repo.ts';
import { ROOT } from '../../helpers/cli.ts';
import { FakeTime, instance, tempDb, type Posted } from './harness.ts';

const DATA = path.join(ROOT, 'data/schedules');
const read = (f: string) => fs.readFileSync(path.join(DATA, f), 'utf8');
const status = parseSeriesStatus(read('series_status.yaml'));
const yaml = read('flamingo-schedule.yaml');
const rst = read('flamingo-schedule.rst');
// The same file with Nova's review day listed once more, in week R-3.
const twoWeeks = yaml.replace(/( {4}name: R-3\n)/, '$1    project-specific:\n      - f-nova-review-day\n');

describe('re-importing a schedule', () => {
  it('keeps the keys of an event that gains a second week: no second reminder', async () => {
    expect(twoWeeks).not.toBe(yaml);
    const time = new FakeTime('2025-08-04T08:00:00Z');
    const posted: Posted[] = [];
    const a = instance(tempDb(), time, posted);
    a.scheduler.start();
    await time.advanceTo('2025-08-04T09:30:00Z', a.settle);
    expect(posted.map((p) => `${p.at} ${p.lines.join(' | ')}`)).toEqual([
      expect.stringMatching(/^2025-08-04T09:00:00\.000Z .*Nova Implementation Review Day tomorrow/),
    ]);

    const again = buildSchedule({ cycle: 'flamingo', yaml: twoWeeks, rst, status });
    expect(again.events.filter((e) => e.eventId === 'f-nova-review-day').map((e) => `${e.key} ${e.date}`)).toEqual([
      'flamingo:f-nova-review-day@2025-08-04 2025-08-05',
      'flamingo:f-nova-review-day@2025-09-08 2025-09-11',
    ]);
    await time.advanceTo('2025-08-04T10:00:00Z', a.settle);
    a.repo.replaceCycle(again.cycle, again.events, 'test', 'other-hash', +time.clock());
    await time.advanceTo('2025-08-04T16:00:00Z', a.settle);
    expect(posted).toHaveLength(1);
    // The day-of reminder still comes, once.
    await time.advanceTo('2025-08-05T10:00:00Z', a.settle);
    expect(posted.map((p) => p.at)).toEqual(['2025-08-04T09:00:00.000Z', '2025-08-05T09:00:00.000Z']);
    a.crash();
  });

  it('names each occurrence by its week, whatever the order of the list', () => {
    const s = buildSchedule({ cycle: 'flamingo', yaml: twoWeeks, rst, status });
    const keys = s.events.filter((e) => e.eventId?.startsWith('g-election-voting')).map((e) => e.key);
    expect(keys).toEqual(['flamingo:g-election-voting@2025-09-01', 'flamingo:g-election-voting@2025-09-08', 'flamingo:g-election-voting@2025-09-15']);
  });

  it('matches ledger rows written under the older list-order keys (#n) to the same occurrence', () => {
    expect(
      ['flamingo:g-election-voting#2', 'flamingo:g-election-voting@2025-09-08', 'flamingo:f-ff', 'team:flamingo:nova-spec-day'].map(ledgerEventKey),
    ).toEqual(['flamingo:g-election-voting', 'flamingo:g-election-voting', 'flamingo:f-ff', 'team:flamingo:nova-spec-day']);
  });
});
