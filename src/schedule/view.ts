// What the team sees of the schedule: the current cycle, what comes next, events by name.
import { isReminded, isTeamEvent, type ScheduleSettings } from './settings.ts';
import { dayIn, eventEnd, eventStart } from './time.ts';
import type { Cycle, ScheduleEvent } from './types.ts';
import { capitalise } from './kinds.ts';

/** The pinned cycle, else the latest imported cycle whose first week has begun, else the earliest. */
export function currentCycle(cycles: Cycle[], now: Date, pinned: string | null = null): Cycle | undefined {
  if (pinned) return cycles.find((c) => c.name === pinned);
  const today = dayIn(now, 'UTC');
  const sorted = [...cycles].sort((a, b) => a.startDate.localeCompare(b.startDate));
  return sorted.filter((c) => c.startDate <= today).at(-1) ?? sorted[0];
}

/** "2025.2 Flamingo" or "Flamingo". */
export function cycleLabel(c: Cycle | undefined, name: string): string {
  return c?.releaseId ? `${c.releaseId} ${capitalise(name)}` : capitalise(name);
}

export const byStart = (a: ScheduleEvent, b: ScheduleEvent) => +eventStart(a) - +eventStart(b) || a.key.localeCompare(b.key);

/** The next reminded events of the team that are not over yet. */
export function upcoming(events: readonly ScheduleEvent[], s: ScheduleSettings, now: Date, n = 3): ScheduleEvent[] {
  return events
    .filter((e) => isReminded(e, s) && +eventEnd(e) > +now)
    .sort(byStart)
    .slice(0, n);
}

const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}.+-]+/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);

/**
 * Events of the team whose title or id matches the query: an exact id or title first, then titles
 * containing the phrase, then titles holding every word.
 */
export function findEvents(events: readonly ScheduleEvent[], s: ScheduleSettings, query: string): ScheduleEvent[] {
  const team = events.filter((e) => isTeamEvent(e, s));
  const q = query.trim().toLowerCase();
  const exact = team.filter((e) => e.eventId === q || e.key === q || e.title.toLowerCase() === q);
  if (exact.length) return exact;
  const phrase = words(q).join(' ');
  const byPhrase = team.filter((e) => ` ${words(e.title).join(' ')} `.includes(` ${phrase} `));
  if (byPhrase.length) return byPhrase;
  const want = words(q);
  return team.filter((e) => {
    const have = new Set([...words(e.title), ...(e.eventId ? e.eventId.split('-') : [])]);
    return want.every((w) => have.has(w) || [...have].some((h) => h.startsWith(w) && w.length >= 3));
  });
}
