// Pure planning: which reminders an event gets in a channel and when, which of several due ones
// are still worth posting, and how coinciding ones merge (one message per channel per hour).
import { offsetDays } from './kinds.ts';
import { isReminded, type ChannelSettings, type ScheduleSettings } from './settings.ts';
import { addDaysIso, eventEnd, occurrenceOf, wallClock } from './time.ts';
import type { PlannedReminder, ScheduleEvent } from './types.ts';

export const HOUR_MS = 3600_000;

/**
 * Reminders of one event in one channel: the channel's postAt (its wall clock, DST-correct) on the
 * day `offset` before the event's day. Days are the UTC days OpenStack states, in every zone.
 */
export function remindersFor(event: ScheduleEvent, channel: ChannelSettings): PlannedReminder[] {
  const day = event.date;
  const end = +eventEnd(event);
  const seen = new Set<number>();
  const out: PlannedReminder[] = [];
  for (const offset of channel.offsets[event.kind]) {
    const days = offsetDays(offset);
    if (days === null) continue;
    const at = wallClock(addDaysIso(day, -days), channel.postAt, channel.timeZone);
    // A reminder at or after the deadline (the morning of a deadline set before the channel's morning) is dropped.
    if (+at >= end || seen.has(+at)) continue;
    seen.add(+at);
    out.push({ channel: channel.target, event, offset, at, occurrence: occurrenceOf(event) });
  }
  return out;
}

export const byDue = (a: PlannedReminder, b: PlannedReminder) =>
  +a.at - +b.at || a.event.date.localeCompare(b.event.date) || (a.event.time ?? '').localeCompare(b.event.time ?? '') || a.event.key.localeCompare(b.event.key);

/** Every reminder the team gets in a channel with `at` in [from, to), in order. */
export function planChannel(events: readonly ScheduleEvent[], settings: ScheduleSettings, channel: ChannelSettings, from: Date, to: Date): PlannedReminder[] {
  return events
    .filter((e) => isReminded(e, settings))
    .flatMap((e) => remindersFor(e, channel))
    .filter((r) => +r.at >= +from && +r.at < +to)
    .sort(byDue);
}

export type SkipReason = 'event over' | 'added later' | 'missed' | 'superseded';

/**
 * Sorts reminders that are due now into those to post and those to skip: the event is over;
 * the event was added (or moved) after the reminder's time, so there was nothing to remind of
 * then (`addedAt`: when the team's own event was written, epoch ms); it is older than the grace
 * window; or a later reminder of the same event is also due (never a "2 weeks before" after the
 * "1 day before").
 */
export function triage(
  due: PlannedReminder[],
  now: Date,
  graceMs: number,
  addedAt: (r: PlannedReminder) => number | undefined = () => undefined,
): { post: PlannedReminder[]; skip: { r: PlannedReminder; reason: SkipReason }[] } {
  const post: PlannedReminder[] = [];
  const skip: { r: PlannedReminder; reason: SkipReason }[] = [];
  const latest = new Map<string, number>();
  for (const r of due) latest.set(r.event.key, Math.max(latest.get(r.event.key) ?? -Infinity, +r.at));
  for (const r of due) {
    if (+now >= +eventEnd(r.event)) skip.push({ r, reason: 'event over' });
    else if ((addedAt(r) ?? -Infinity) > +r.at) skip.push({ r, reason: 'added later' });
    else if (+now - +r.at > graceMs) skip.push({ r, reason: 'missed' });
    else if (+r.at < latest.get(r.event.key)!) skip.push({ r, reason: 'superseded' });
    else post.push(r);
  }
  return { post: post.sort(byDue), skip };
}

export interface PlannedMessage {
  at: Date;
  reminders: PlannedReminder[];
}

/**
 * What a channel receives when the bot runs throughout: reminders due together form one
 * message, and a message comes at least `gapMs` after the previous one (later ones wait and merge).
 */
export function mergeIntoMessages(planned: PlannedReminder[], gapMs = HOUR_MS): PlannedMessage[] {
  const sorted = [...planned].sort(byDue);
  const out: PlannedMessage[] = [];
  let last = -Infinity;
  let i = 0;
  while (i < sorted.length) {
    const at = Math.max(+sorted[i].at, last + gapMs);
    let j = i;
    while (j < sorted.length && +sorted[j].at <= at) j++;
    const { post } = triage(sorted.slice(i, j), new Date(at), Infinity);
    if (post.length) {
      out.push({ at: new Date(at), reminders: post });
      last = at;
    }
    i = j;
  }
  return out;
}
