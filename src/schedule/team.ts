// The team's own dates: from the config file, from chat (!schedule add) or the CLI. They sit on
// top of the official schedule, under the team's project, and are always reminded.
import { kindFromName } from './kinds.ts';
import { addDaysIso, isHhMm, isIsoDate } from './time.ts';
import { KINDS, type Cycle, type EventSource, type Kind, type ScheduleEvent } from './types.ts';

export class TeamEventError extends Error {}

export interface TeamEventInput {
  name: string;
  date: string;
  time?: string | null;
  kind?: Kind;
  cycle?: string;
  description?: string;
}

export function slugify(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|(?<!-)-+$/g, '') /* lookbehind: a trailing run is tried once */
      .slice(0, 60) || 'event'
  );
}

/** The cycle whose weeks hold a date (a weekend after the release week still counts), else the latest begun. */
export function cycleForDate(date: string, cycles: Cycle[]): Cycle | undefined {
  const sorted = [...cycles].sort((a, b) => a.startDate.localeCompare(b.startDate));
  return sorted.find((c) => c.startDate <= date && date <= addDaysIso(c.endDate, 2)) ?? sorted.filter((c) => c.startDate <= date).at(-1);
}

export function teamEvent(
  input: TeamEventInput,
  opts: {
    project: string;
    cycles: Cycle[];
    source: Exclude<EventSource, 'official'>;
    addedBy?: string | null;
    /** Several teams share the database: the key names the project ("team:flamingo:nova/dinner"). */
    scoped?: boolean;
  },
): ScheduleEvent {
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (!name) throw new TeamEventError('the event needs a name');
  if (!isIsoDate(input.date)) throw new TeamEventError(`"${input.date}" is not a date YYYY-MM-DD`);
  if (input.time && !isHhMm(input.time)) throw new TeamEventError(`"${input.time}" is not a time HH:MM (UTC)`);
  const cycle = input.cycle?.toLowerCase() ?? cycleForDate(input.date, opts.cycles)?.name;
  if (!cycle) throw new TeamEventError(`no imported cycle holds ${input.date}: say which cycle (e.g. --cycle flamingo)`);
  const prefix = opts.source === 'config' ? 'config' : 'team';
  return {
    key: `${prefix}:${cycle}:${opts.scoped ? `${opts.project}/` : ''}${slugify(name)}`,
    cycle,
    eventId: null,
    title: name,
    kind: input.kind ?? kindFromName(name),
    project: opts.project,
    date: input.date,
    time: input.time ?? null,
    endDate: null,
    week: null,
    description: input.description?.trim() ?? '',
    source: opts.source,
    addedBy: opts.addedBy ?? null,
  };
}

/**
 * Reads "!schedule add" arguments: `<YYYY-MM-DD>[ HH:MM[ UTC]| THH:MM[Z]] <name…> [--kind <kind>]`.
 */
export function parseAddArgs(args: string): TeamEventInput {
  let rest = args.trim();
  let kind: Kind | undefined;
  const k = /(?:^|\s)(?:--kind[=\s]|kind[=:])\s*(\S+)/i.exec(rest);
  if (k) {
    const want = k[1].toLowerCase();
    if (!(KINDS as readonly string[]).includes(want)) throw new TeamEventError(`unknown kind "${k[1]}"; kinds: ${KINDS.join(', ')}`);
    kind = want as Kind;
    rest = (rest.slice(0, k.index) + rest.slice(k.index + k[0].length)).trim();
  }
  // The name starts at a non-blank (was (.+)$, which took blanks back from \s+ one by one and rescanned
  // to a failing '$' each time: quadratic on a run of blanks before a line break).
  const m = /^(\d{4}-\d{2}-\d{2})(?:(?:T|\s+)(\d{1,2}:\d{2})(?:\s*(?:Z|UTC)\b)?)?\s+(\S.*)$/i.exec(rest);
  if (!m) throw new TeamEventError('usage: schedule add <YYYY-MM-DD> [HH:MM] <name> [--kind <kind>]');
  const time = m[2] ? m[2].padStart(5, '0') : null;
  return { date: m[1], time, name: m[3], kind };
}
