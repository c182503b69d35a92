// The words of a reminder: one line that says what is coming, when, and what it means.
import { meaningOf, capitalise } from './kinds.ts';
import { isReminded, type ChannelSettings, type ScheduleSettings } from './settings.ts';
import { dayCountdown, daysUntil, eventStart, formatShortDay, formatWhen, zoneLabel } from './time.ts';
import type { Reply } from '../core/types.ts';
import { command, rich } from '../core/rich.ts';
import type { Cycle, PlannedReminder, ScheduleEvent } from './types.ts';
import { byStart } from './view.ts';
import { format } from 'date-fns';
import { tz } from '@date-fns/tz';

export interface WordingContext {
  settings: ScheduleSettings;
  channel: ChannelSettings;
  cycles: Map<string, Cycle>;
  /** Every event, to name the team's next deadline after this one. */
  events: readonly ScheduleEvent[];
}

const isOwn = (e: ScheduleEvent, s: ScheduleSettings) => e.source !== 'official' || (e.project !== null && e.project === s.project);

/** The team's next reminded deadline after `e` in its cycle (on another day), for "next: …". */
function nextOwn(e: ScheduleEvent, ctx: WordingContext): ScheduleEvent | undefined {
  const start = +eventStart(e);
  return ctx.events
    .filter(
      (x) => x.key !== e.key && x.cycle === e.cycle && x.date !== e.date && +eventStart(x) > start && isOwn(x, ctx.settings) && isReminded(x, ctx.settings),
    )
    .sort(byStart)[0];
}

/**
 * "[Flamingo] Nova Spec Soft Freeze in 7 days (Tue 2025-06-03 23:59 UTC): no new Nova specs are
 * accepted after it; next: Nova Spec Review Day, Tue Jun 17." The countdown is counted at `now`.
 * `movedFrom`: the old date the channel was reminded of, for "Nova Spec Freeze (moved from Thu Jan 7) in 7 days".
 */
export function reminderText(r: Pick<PlannedReminder, 'event' | 'at'>, now: Date, ctx: WordingContext, late = false, movedFrom: string | null = null): string {
  const e = r.event;
  const zone = ctx.channel.timeZone;
  const cycle = ctx.cycles.get(e.cycle);
  const when = `${dayCountdown(daysUntil(e, now, zone))} (${formatWhen(e, zone)})`;
  const meaning = meaningOf(e, cycle?.releaseId ?? null);
  const next = isOwn(e, ctx.settings) ? nextOwn(e, ctx) : undefined;
  const tail = [meaning, next ? `next: ${next.title}, ${formatShortDay(next)}` : ''].filter(Boolean).join('; ');
  const lateNote = late ? `Late reminder (was due ${format(r.at, 'EEE HH:mm', { in: tz(zone) })} ${zoneLabel(r.at, zone)}): ` : '';
  const moved = movedFrom ? ` (moved from ${movedFrom})` : '';
  return `[${capitalise(e.cycle)}] ${lateNote}${e.title}${moved} ${when}${tail ? `: ${tail}` : ''}.`;
}

/** At most this many reminder lines in one message; the rest are summed up. */
export const MAX_LINES = 3;

/** One message for every reminder due together in a channel (Bot.post renders the command with the prefix). */
export function reminderMessage(lines: string[]): Reply {
  if (lines.length <= MAX_LINES) return { lines: lines.map((l) => [l]) };
  const shown = lines.slice(0, MAX_LINES - 1);
  return { lines: [...shown.map((l) => [l]), rich`…and ${lines.length - shown.length} more reminders: ${command('schedule')} lists what is next.`] };
}
