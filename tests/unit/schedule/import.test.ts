// The real openstack/releases files: the dates cyclebot derives must be the ones the schedule states.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSchedule, parseSeriesStatus, ScheduleFormatError } from '../../../src/schedule/importer.ts';
import { parseScheduleRst, proseDates } from '../../../src/schedule/rst.ts';
import type { ScheduleEvent } from '../../../src/schedule/types.ts';
import { ROOT } from '../../helpers/cli.ts';

const DATA = path.join(ROOT, 'data/schedules');
const FIX = path.join(ROOT, 'tests/fixtures/schedule');
const read = (f: string) => fs.readFileSync(f, 'utf8');
const status = parseSeriesStatus(read(path.join(DATA, 'series_status.yaml')));
const load = (cycle: string) =>
  buildSchedule({ cycle, yaml: read(path.join(DATA, `${cycle}-schedule.yaml`)), rst: read(path.join(DATA, `${cycle}-schedule.rst`)), status });
const at = (e: ScheduleEvent | undefined) => (e ? `${e.date}${e.time ? ` ${e.time}` : ''}${e.endDate ? `..${e.endDate}` : ''} ${e.week}` : 'missing');

describe('Flamingo (2025.2) from the real schedule.yaml + schedule.rst', () => {
  const f = load('flamingo');
  const ev = (id: string) => f.events.find((e) => e.eventId === id);

  it('has the cycle span, release id and release day', () => {
    expect(f.cycle).toEqual({ name: 'flamingo', releaseId: '2025.2', startDate: '2025-04-07', endDate: '2025-10-03', releaseDate: '2025-10-01' });
  });

  it("takes Nova's exact dates and times from the rst prose (not the Thursday rule)", () => {
    expect(at(ev('f-nova-spec-soft-freeze'))).toBe('2025-06-03 23:59 R-17');
    expect(at(ev('f-nova-spec-review-day'))).toBe('2025-06-17 R-15');
    expect(at(ev('f-nova-spec-freeze'))).toBe('2025-07-03 23:59 R-13');
    expect(at(ev('f-nova-review-day'))).toBe('2025-08-05 R-8');
  });

  it('dates the cross-project milestones, feature freeze, RCs and the release', () => {
    expect(at(ev('f-1'))).toBe('2025-05-15 R-20');
    expect(at(ev('f-2'))).toBe('2025-07-03 R-13');
    expect(at(ev('f-3'))).toBe('2025-08-28 R-5');
    expect(at(ev('f-ff'))).toBe('2025-08-28 R-5');
    expect(at(ev('f-rc1'))).toBe('2025-09-11 R-3'); // "the week of September 8" → its Thursday
    expect(at(ev('f-finalrc'))).toBe('2025-09-25 R-1');
    expect(at(ev('f-final'))).toBe('2025-10-01 R+0'); // "Wednesday, October 1, 2025": the stated exception
    expect(at(ev('f-vptg'))).toBe('2025-04-07..2025-04-11 R-25');
    expect(at(ev('f-extra-acs'))).toBe('2025-08-14 R-7'); // no date in the prose: Thursday of the week
  });

  it("gives kinds, titles and projects; Nova events are Nova's", () => {
    const nova = f.events.filter((e) => e.project === 'nova').map((e) => `${e.title}|${e.kind}`);
    expect(nova).toEqual([
      'Nova Spec Soft Freeze|spec-freeze',
      'Nova Spec Review Day|review-day',
      'Nova Spec Freeze|spec-freeze',
      'Nova Implementation Review Day|review-day',
    ]);
    expect(ev('f-ff')).toMatchObject({ title: 'Feature freeze', kind: 'feature-freeze', project: null, key: 'flamingo:f-ff' });
    expect(ev('f-2')?.kind).toBe('milestone');
    expect(ev('f-manila-spec-freeze')?.project).toBe('manila');
    expect(ev('f-openstackclient-freeze')?.project).toBe('openstacksdk');
    expect(ev('f-nova-spec-freeze')?.description).toBe(
      'All Nova Specs for features to be implemented in 2025.2 Flamingo must be approved by 3 July 2025 (23:59 UTC).',
    );
  });

  it("maps an id on several weeks to several events and skips the previous series' release", () => {
    expect(f.events.filter((e) => e.eventId === 'g-election-voting').map((e) => e.key)).toEqual([
      'flamingo:g-election-voting@2025-09-01',
      'flamingo:g-election-voting@2025-09-08',
      'flamingo:g-election-voting@2025-09-15',
    ]);
    expect(f.events.find((e) => e.eventId === 'e-final')).toBeUndefined();
  });

  it('warns, without failing, where rst and yaml disagree (the election email deadline)', () => {
    expect(f.warnings).toEqual([
      'g-election-email-deadline: schedule.rst says August 20th, 2025 00:00 UTC but schedule.yaml puts it in week R-5 (2025-08-25..2025-08-29); using the rst date 2025-08-20',
    ]);
    expect(at(ev('g-election-email-deadline'))).toBe('2025-08-20 00:00 R-6');
  });
});

describe('Hibiscus (2026.2): the spec freeze is not M-2, review days repeat', () => {
  const h = load('hibiscus');
  it('dates each occurrence from the prose date inside its week', () => {
    const got = h.events.filter((e) => e.project === 'nova').map((e) => `${e.key} ${at(e)}`);
    expect(got).toEqual([
      'hibiscus:h-nova-spec-review-day@2026-05-18 2026-05-21 R-19',
      'hibiscus:h-nova-spec-soft-freeze 2026-05-28 23:59 R-18',
      'hibiscus:h-nova-spec-review-day@2026-06-01 2026-06-04 R-17',
      'hibiscus:h-nova-spec-freeze 2026-06-11 23:59 R-16',
      'hibiscus:h-nova-review-day@2026-08-03 2026-08-04 R-8',
      'hibiscus:h-nova-review-day@2026-08-17 2026-08-20 R-6',
    ]);
    expect(h.events.find((e) => e.eventId === 'h-2')?.date).toBe('2026-07-02');
    expect(h.events.find((e) => e.eventId === 'h-ptg')).toMatchObject({ date: '2026-04-20', endDate: '2026-04-24' }); // "The week of April 20-24", no year
    expect(h.cycle).toMatchObject({ releaseId: '2026.2', releaseDate: '2026-09-30' });
    expect(h.warnings).toEqual([]);
  });
});

describe('Epoxy and Gazpacho import too', () => {
  it.each([
    ['epoxy', 'e-nova-spec-freeze', '2025-01-09 23:59', '2025.1'],
    ['gazpacho', 'g-nova-spec-freeze', '2025-12-04 23:59', '2026.1'],
  ])('%s', (cycle, id, when, release) => {
    const s = load(cycle);
    const e = s.events.find((x) => x.eventId === id)!;
    expect(`${e.date} ${e.time}`).toBe(when);
    expect(s.cycle.releaseId).toBe(release);
  });
});

describe('disagreements and odd input', () => {
  const yaml = read(path.join(FIX, 'disagree-schedule.yaml'));
  const rst = read(path.join(FIX, 'disagree-schedule.rst'));

  it('lists every disagreement as a warning and still imports', () => {
    const s = buildSchedule({ cycle: 'zebra', yaml, rst, status: [{ name: 'zebra', releaseId: '2099.1', status: 'future', initialRelease: '2099-04-02' }] });
    expect(s.warnings).toEqual([
      "schedule.rst's title says 2099.2 but series_status.yaml says zebra is 2099.1; using 2099.1",
      'z-untitled: in schedule.yaml but has no section in schedule.rst; titled by its id, dated the Thursday of its week',
      'z-nova-spec-freeze: schedule.rst says 20 January 2099 23:59 UTC but schedule.yaml puts it in week R-3 (2099-03-09..2099-03-13); using the rst date 2099-01-20',
      "z-nova-review-day: no date in schedule.rst's prose falls in week R-2 (2099-03-16..2099-03-20); using the Thursday, 2099-03-19",
      'z-nova-review-day: schedule.rst also names 3 February 2099, which is in none of its weeks in schedule.yaml',
      'z-orphan: in schedule.rst but in no week of schedule.yaml; using its rst date 2099-03-25',
      "z-final: the schedule says 2099-04-01 but series_status.yaml's initial-release is 2099-04-02; using 2099-04-01",
    ]);
    expect(s.events.map((e) => `${e.key} ${e.date}${e.time ? ` ${e.time}` : ''} ${e.title}`)).toEqual([
      'zebra:z-nova-spec-freeze 2099-01-20 23:59 Nova Spec Freeze',
      'zebra:z-nova-review-day@2099-03-09 2099-03-12 Nova Implementation Review Day',
      'zebra:z-untitled 2099-03-12 z-untitled',
      'zebra:z-nova-review-day@2099-03-16 2099-03-19 Nova Implementation Review Day',
      'zebra:z-orphan 2099-03-25 Orphan deadline',
      'zebra:z-final 2099-04-01 Zebra release',
    ]);
  });

  it('without the rst every event is the Thursday of its week, titled by its id', () => {
    const s = buildSchedule({ cycle: 'zebra', yaml });
    expect(s.warnings).toEqual(['no schedule.rst: titles are event ids and every date is the Thursday of its week']);
    expect(s.events.find((e) => e.eventId === 'z-final')).toMatchObject({ date: '2099-04-02', title: 'z-final' });
  });

  it('refuses what is not a schedule, in one line', () => {
    expect(() => buildSchedule({ cycle: 'x', yaml: 'cycle: 3' })).toThrow(ScheduleFormatError);
    expect(() => buildSchedule({ cycle: 'x', yaml: 'cycle:\n  - start: 2025-02-30\n    end: 2025-03-04\n' })).toThrow(
      'cycle.0.start: must be a date YYYY-MM-DD',
    );
    expect(() => buildSchedule({ cycle: 'x', yaml: ': : :\n\t-' })).toThrow(/not valid YAML/);
  });
});

describe('rst reading', () => {
  it('reads prose dates in the forms the schedules use', () => {
    const d = (s: string, y = 2025) =>
      proseDates(s, y).map((p) => `${p.date}${p.time ? ` ${p.time}` : ''}${p.endDate ? `..${p.endDate}` : ''}${p.weekOf ? ' week' : ''}`);
    expect(d('After 3 June 2025 (23:59 UTC), no new specs')).toEqual(['2025-06-03 23:59']);
    expect(d('On 12 Nov 2024 and 11 Dec 2024, Nova')).toEqual(['2024-11-12', '2024-12-11']);
    expect(d('May 15, 2025 is the Flamingo-1 milestone')).toEqual(['2025-05-15']);
    expect(d('will happen on Wednesday,\nSeptember 30, 2026.')).toEqual(['2026-09-30']);
    expect(d('by this date (August 20th, 2025\nat 00:00 UTC). Electorate')).toEqual(['2025-08-20 00:00']);
    expect(d('From April 7 to 11, 2025 we will')).toEqual(['2025-04-07..2025-04-11']);
    expect(d('From October 21 to 25 we', 2024)).toEqual(['2024-10-21..2024-10-25']);
    expect(d('The week of September 8, 2025 is the target')).toEqual(['2025-09-08 week']);
    expect(d('Exceptions may be granted by the PTL; see 2025.2 notes')).toEqual([]);
    expect(d('On 31 June 2025')).toEqual([]);
  });

  it('finds labels, titles, teams and the release id', () => {
    const doc = parseScheduleRst(read(path.join(DATA, 'flamingo-schedule.rst')));
    expect(doc.releaseId).toBe('2025.2');
    expect(doc.events.get('f-nova-spec-soft-freeze')).toMatchObject({
      title: 'Nova Spec Soft Freeze',
      team: 'nova',
      description: 'After 3 June 2025 (23:59 UTC), no new specs will be accepted.',
    });
    expect(doc.events.get('f-ff')).toMatchObject({ team: null });
    expect(doc.events.get('f-ff')!.description).toContain('projects following the release:cycle-with-rc model.');
    expect(doc.events.get('g-election-close')).toMatchObject({ title: '2026.1 Election Polling Ends', team: null });
    expect(doc.events.has('release:cycle-with-rc')).toBe(false);
  });
});
