// The team's calendar: what `schedule ics` writes and the web site serves at /schedule/<team>.ics.
import { toIcs } from './ics.ts';
import { capitalise } from './kinds.ts';
import type { ScheduleRepo } from './repo.ts';
import { isTeamEvent, type ScheduleSettings } from './settings.ts';
import type { Cycle, ScheduleEvent } from './types.ts';
import { cycleLabel } from './view.ts';

export interface TeamCalendar {
  name: string;
  events: ScheduleEvent[];
  cycles: Map<string, Cycle>;
}

/** The team's events (official, project-specific, own) of one cycle or of every imported cycle. */
export function teamCalendar(repo: ScheduleRepo, s: Pick<ScheduleSettings, 'project' | 'strictOwn'>, cycle?: Cycle): TeamCalendar {
  const events = repo.events(cycle ? { cycle: cycle.name } : {}).filter((e) => isTeamEvent(e, s));
  const cycles = new Map(repo.cycles().map((c) => [c.name, c]));
  return { name: `${capitalise(s.project)} ${cycle ? cycleLabel(cycle, cycle.name) : 'release'} schedule`, events, cycles };
}

/** The calendar as iCalendar text, stamped `now`. */
export function calendarText(cal: TeamCalendar, now: Date): string {
  return toIcs(cal.events, { now, cycles: cal.cycles, name: cal.name });
}
