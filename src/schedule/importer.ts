// Builds a cycle's events from schedule.yaml (weeks and event ids) and schedule.rst (titles,
// prose, exact dates and times), cross-checked with series_status.yaml. Where the sources
// disagree the rst prose wins and a warning says so; nothing about a disagreement fails.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { addDaysIso, isIsoDate } from './time.ts';
import { kindOfOfficial } from './kinds.ts';
import { parseScheduleRst, proseDates, type ProseDate, type RstDocument } from './rst.ts';
import type { Cycle, ScheduleEvent } from './types.ts';
import type { ScheduleRepo } from './repo.ts';
import { DATA_DIR } from '../paths.ts';

/** An input file that is not a schedule: one line for the user. */
export class ScheduleFormatError extends Error {
  /** usage: the command line was wrong (a missing or bad --cycle), not the file. */
  constructor(
    message: string,
    readonly usage = false,
  ) {
    super(message);
  }
}

const IsoDate = z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD');
const Week = z.object({
  start: IsoDate,
  end: IsoDate,
  name: z.string().optional(),
  'x-project': z.array(z.string()).optional(),
  'project-specific': z.array(z.string()).optional(),
});
const ScheduleYaml = z.object({
  'start-week': IsoDate.optional(),
  'release-week': IsoDate.optional(),
  cycle: z.array(Week).min(1),
});
export type WeekEntry = z.infer<typeof Week>;

export interface SeriesStatus {
  name: string;
  releaseId: string;
  status: string;
  initialRelease: string | null;
}

export interface BuiltSchedule {
  cycle: Cycle;
  events: ScheduleEvent[];
  warnings: string[];
}

/** YAML with every scalar a string (release ids like 2025.10 must not become numbers). */
function readYaml(text: string, what: string): unknown {
  try {
    return parseYaml(text, { schema: 'failsafe' });
  } catch (err) {
    throw new ScheduleFormatError(`${what}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
}

export function parseSeriesStatus(text: string): SeriesStatus[] {
  const raw = readYaml(text, 'series_status.yaml');
  if (!Array.isArray(raw)) throw new ScheduleFormatError('series_status.yaml: expected a list of series');
  return raw
    .filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null && typeof (r as { name?: unknown }).name === 'string')
    .map((r) => ({
      name: String(r.name).toLowerCase(),
      releaseId: String(r['release-id'] ?? ''),
      status: String(r.status ?? ''),
      initialRelease: typeof r['initial-release'] === 'string' && isIsoDate(r['initial-release']) ? r['initial-release'] : null,
    }));
}

export function parseScheduleYaml(text: string, what = 'schedule.yaml'): z.infer<typeof ScheduleYaml> {
  const result = ScheduleYaml.safeParse(readYaml(text, what));
  if (!result.success) {
    const i = result.error.issues[0];
    throw new ScheduleFormatError(`${what}: not an openstack/releases schedule: ${i.path.join('.') || '(top level)'}: ${i.message}`);
  }
  return result.data;
}

const thursday = (week: WeekEntry) => addDaysIso(week.start, 3);
const inWeek = (date: string, week: WeekEntry) => date >= week.start && date <= addDaysIso(week.start, 6);
/** Monday of the ISO week holding a date. */
function mondayOf(date: string): string {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDaysIso(date, -((dow + 6) % 7));
}

interface Occurrence {
  week: WeekEntry;
  projectSpecific: boolean;
}

export function buildSchedule(opts: { cycle: string; yaml: string; rst?: string | null; status?: SeriesStatus[]; yamlName?: string }): BuiltSchedule {
  const name = opts.cycle.toLowerCase();
  const initial = name.charAt(0);
  const data = parseScheduleYaml(opts.yaml, opts.yamlName);
  const rst: RstDocument = opts.rst ? parseScheduleRst(opts.rst) : { title: null, releaseId: null, events: new Map() };
  const warnings: string[] = [];
  if (!opts.rst) warnings.push('no schedule.rst: titles are event ids and every date is the Thursday of its week');

  const weeks = data.cycle;
  const named = weeks.filter((w) => w.name);
  const series = opts.status?.find((s) => s.name === name);
  const releaseId = series?.releaseId || rst.releaseId;
  if (series && rst.releaseId && series.releaseId !== rst.releaseId) {
    warnings.push(`schedule.rst's title says ${rst.releaseId} but series_status.yaml says ${name} is ${series.releaseId}; using ${series.releaseId}`);
  }
  if (data['start-week'] && named[0] && data['start-week'] !== named[0].start) {
    warnings.push(`start-week ${data['start-week']} is not the first named week (${named[0].name} starts ${named[0].start})`);
  }

  const occurrences = new Map<string, Occurrence[]>();
  for (const week of weeks) {
    for (const [list, projectSpecific] of [
      [week['x-project'], false],
      [week['project-specific'], true],
    ] as const) {
      for (const id of list ?? []) {
        const o = occurrences.get(id) ?? [];
        o.push({ week, projectSpecific });
        occurrences.set(id, o);
      }
    }
  }

  const events: ScheduleEvent[] = [];
  for (const [id, occ] of occurrences) {
    const section = rst.events.get(id);
    if (!section) {
      // Another series' event shown for context (e-final in Flamingo) lives in its own file.
      if (!id.startsWith(`${initial}-`)) continue;
      if (opts.rst) warnings.push(`${id}: in schedule.yaml but has no section in schedule.rst; titled by its id, dated the Thursday of its week`);
    }
    const project = occ[0].projectSpecific ? (section?.team ?? id.split('-')[1] ?? null) : null;
    const prose = section ? proseDates(section.description, Number(occ[0].week.start.slice(0, 4))) : [];
    const used = new Set<ProseDate>();
    occ.forEach((o) => {
      const week = o.week;
      const where = `${week.name ?? 'unnamed week'} (${week.start}..${week.end})`;
      let pick = prose.find((p) => !used.has(p) && inWeek(p.date, week));
      if (!pick && prose.length) {
        const unused = prose.filter((p) => !used.has(p));
        if (occ.length === 1 && unused.length >= 1) {
          pick = unused[0];
          warnings.push(
            `${id}: schedule.rst says ${pick.text}${pick.time ? ` ${pick.time} UTC` : ''} but schedule.yaml puts it in week ${where}; using the rst date ${pick.date}`,
          );
        } else {
          warnings.push(`${id}: no date in schedule.rst's prose falls in week ${where}; using the Thursday, ${thursday(week)}`);
        }
      }
      if (pick) used.add(pick);
      let date = thursday(week);
      let endDate: string | null = null;
      let time: string | null = null;
      if (pick) {
        if (pick.weekOf) date = inWeek(pick.date, week) ? thursday(week) : addDaysIso(mondayOf(pick.date), 3);
        else date = pick.date;
        endDate = pick.endDate;
        time = pick.time;
      }
      events.push({
        // An id listed in several weeks: each occurrence is named by its week (its identity),
        // never by its place in the list, so a re-import that adds a week renames nothing else.
        key: `${name}:${id}${occ.length > 1 ? `@${week.start}` : ''}`,
        cycle: name,
        eventId: id,
        title: section?.title ?? id,
        kind: kindOfOfficial(id, project),
        project,
        date,
        time,
        endDate,
        // A prose date outside the yaml week sits in the week that holds it.
        week: (inWeek(date, week) ? week : (weeks.find((w) => inWeek(date, w)) ?? week)).name ?? null,
        description: section?.description ?? '',
        source: 'official',
        addedBy: null,
      });
    });
    for (const p of prose) {
      if (!used.has(p) && occ.length > 1) warnings.push(`${id}: schedule.rst also names ${p.text}, which is in none of its weeks in schedule.yaml`);
    }
  }

  // Sections of schedule.rst that schedule.yaml never places in a week.
  for (const [id, section] of rst.events) {
    if (occurrences.has(id) || !/^[a-z]-/.test(id)) continue;
    const dated = proseDates(section.description, Number((named[0] ?? weeks[0]).start.slice(0, 4))).filter((p) => !p.weekOf);
    if (dated.length === 1) {
      const p = dated[0];
      const week = weeks.find((w) => inWeek(p.date, w));
      warnings.push(`${id}: in schedule.rst but in no week of schedule.yaml; using its rst date ${p.date}`);
      events.push({
        key: `${name}:${id}`,
        cycle: name,
        eventId: id,
        title: section.title,
        kind: kindOfOfficial(id, section.team),
        project: section.team,
        date: p.date,
        time: p.time,
        endDate: p.endDate,
        week: week?.name ?? null,
        description: section.description,
        source: 'official',
        addedBy: null,
      });
    } else {
      warnings.push(`${id}: in schedule.rst but in no week of schedule.yaml and without one clear date; not imported`);
    }
  }

  events.sort((a, b) => (a.date + (a.time ?? '') + a.key).localeCompare(b.date + (b.time ?? '') + b.key));
  const final = events.find((e) => e.eventId === `${initial}-final`);
  if (final && series?.initialRelease && final.date !== series.initialRelease) {
    warnings.push(
      `${final.eventId}: the schedule says ${final.date} but series_status.yaml's initial-release is ${series.initialRelease}; using ${final.date}`,
    );
  }
  const cycle: Cycle = {
    name,
    releaseId: releaseId || null,
    startDate: (named[0] ?? weeks[0]).start,
    endDate: weeks[weeks.length - 1].end,
    releaseDate: final?.date ?? series?.initialRelease ?? null,
  };
  return { cycle, events, warnings };
}

// ---- files ----

export interface ImportOptions {
  cycle?: string;
  rst?: string;
  /** series_status.yaml; default: one next to the yaml, else the bundled copy. */
  status?: string;
}

export interface ImportResult extends BuiltSchedule {
  yamlFile: string;
  rstFile: string | null;
  unchanged: boolean;
}

function readText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ScheduleFormatError(`cannot read ${what} ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? (err as Error).message)}`);
  }
}

/** "doc/source/flamingo/schedule.yaml" or "flamingo-schedule.yaml" → flamingo. */
export function cycleFromPath(file: string): string | null {
  const base = path.basename(file).toLowerCase();
  const m = /^([a-z]+)-schedule\.ya?ml$/.exec(base);
  if (m) return m[1];
  if (/^schedule\.ya?ml$/.test(base)) {
    const dir = path.basename(path.dirname(path.resolve(file))).toLowerCase();
    if (/^[a-z]+$/.test(dir)) return dir;
  }
  return null;
}

/** The schedule.rst beside a schedule.yaml (same name with .rst), if it exists. */
export function rstBeside(yamlFile: string): string | null {
  const candidate = yamlFile.replace(/\.ya?ml$/i, '.rst');
  return candidate !== yamlFile && fs.existsSync(candidate) ? candidate : null;
}

/** data/schedules: the official schedules shipped with cyclebot. */
export const BUNDLED_SCHEDULES_DIR = path.join(DATA_DIR, 'schedules');

export function loadSeriesStatus(file?: string, beside?: string): SeriesStatus[] {
  const candidates = [file, beside ? path.join(path.dirname(beside), 'series_status.yaml') : undefined, path.join(BUNDLED_SCHEDULES_DIR, 'series_status.yaml')];
  const found = candidates.find((f): f is string => !!f && fs.existsSync(f));
  if (file && found !== file) throw new ScheduleFormatError(`cannot read series status ${file}: ENOENT`);
  return found ? parseSeriesStatus(readText(found, 'series status')) : [];
}

/** Imports one cycle's schedule files; the cycle's official events are replaced in one transaction. */
export function importScheduleFile(repo: ScheduleRepo, yamlFile: string, opts: ImportOptions = {}, force = true): ImportResult {
  // The file first: a mistyped path is reported as such, not as a missing --cycle.
  const yaml = readText(yamlFile, 'schedule');
  const cycle = (opts.cycle ?? cycleFromPath(yamlFile))?.toLowerCase();
  if (!cycle) throw new ScheduleFormatError(`which cycle is ${yamlFile}? give --cycle <series>, e.g. --cycle flamingo`, true);
  if (!/^[a-z]+$/.test(cycle)) throw new ScheduleFormatError(`--cycle must be a series name like flamingo, not "${cycle}"`, true);
  const rstFile = opts.rst ?? rstBeside(yamlFile);
  const rst = rstFile ? readText(rstFile, 'schedule.rst') : null;
  const status = loadSeriesStatus(opts.status, yamlFile);
  const r = importScheduleText(repo, { cycle, yaml, rst, status, yamlName: path.basename(yamlFile), source: path.resolve(yamlFile) }, force);
  return { ...r, yamlFile, rstFile };
}

/** Builds a cycle from fetched or read texts and replaces it when its sources changed (or force). */
export function importScheduleText(
  repo: ScheduleRepo,
  t: { cycle: string; yaml: string; rst: string | null; status: SeriesStatus[]; yamlName: string; source: string },
  force = true,
): BuiltSchedule & { unchanged: boolean; hash: string } {
  const { cycle, yaml, rst, status } = t;
  const hash = crypto
    .createHash('sha256')
    .update(yaml)
    .update('\0')
    .update(rst ?? '')
    .update('\0')
    .update(JSON.stringify(status.find((s) => s.name === cycle) ?? null))
    .digest('hex');
  const built = buildSchedule({ cycle, yaml, rst, status, yamlName: t.yamlName });
  if (built.events.length === 0) throw new ScheduleFormatError(`${t.source}: no events found`);
  const unchanged = repo.cycleSourceHash(cycle) === hash;
  if (force || !unchanged) repo.replaceCycle(built.cycle, built.events, t.source, hash);
  return { ...built, unchanged, hash };
}
