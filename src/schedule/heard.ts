// What a channel already heard, so a reminder never repeats it: a deadline that moved after the
// channel was reminded of its old date says so ("Nova Spec Freeze (moved from Thu Jan 7) in 7
// days …"), and a line the channel already got word for word, late or not (an event whose id
// was renamed upstream), is not posted again.
import { ledgerEventKey, type LedgerKey, type ScheduleRepo } from './repo.ts';
import { formatShortDay, occurrenceOf } from './time.ts';
import type { PlannedReminder, ScheduleEvent } from './types.ts';

/** "Thu Jan 7", or "Thu Jan 7 12:00 UTC" for a deadline with a time. */
function occurrenceLabel(occurrence: string): string {
  const [date, time] = occurrence.replace(/Z$/, '').split('T');
  return `${formatShortDay({ date })}${time ? ` ${time} UTC` : ''}`;
}

/**
 * The old date of a reminded event that moved: the date of the channel's latest reminder of this
 * event that is no longer one of its dates (an id listed in several weeks has several). Null when
 * the channel was never reminded of another date.
 */
export function movedFrom(repo: ScheduleRepo, r: PlannedReminder, events: readonly ScheduleEvent[]): string | null {
  const key = ledgerEventKey(r.event.key);
  const current = new Set(events.filter((e) => ledgerEventKey(e.key) === key).map(occurrenceOf));
  const old = repo.remindedOccurrences(r.channel, key).find((o) => o !== r.occurrence && !current.has(o));
  return old === undefined ? null : occurrenceLabel(old);
}

/** A reminder's ledger identity. */
export const keyOf = (r: PlannedReminder): LedgerKey => ({
  channel: r.channel,
  eventKey: ledgerEventKey(r.event.key),
  offset: r.offset,
  occurrence: r.occurrence,
});

type Lined = { item: PlannedReminder; text: string };

/** A line without its "Late reminder (was due …): " note: a late repeat is still a repeat. */
const LATE_NOTE = /^(\[[^\]\n]{1,40}\] )Late reminder \(was due [^)\n]{1,40}\): /;
const plain = (line: string) => line.replace(LATE_NOTE, '$1');

/**
 * Keeps the reminders whose line the channel has not got since `sinceMs` (nor twice in this
 * message); the others are recorded as skipped ("same text already posted") and returned apart.
 */
export function dropRepeats(repo: ScheduleRepo, channel: string, lined: Lined[], now: Date, sinceMs: number): { fresh: Lined[]; repeats: PlannedReminder[] } {
  const seen = new Set(repo.messagesSince(channel, sinceMs).flatMap((m) => m.split('\n').map(plain)));
  const fresh: Lined[] = [];
  const repeats: PlannedReminder[] = [];
  for (const l of lined) {
    if (seen.has(plain(l.text))) repeats.push(l.item);
    else {
      seen.add(plain(l.text));
      fresh.push(l);
    }
  }
  if (repeats.length)
    repo.skip(
      repeats.map((r) => ({ ...keyOf(r), dueAt: +r.at, note: 'same text already posted' })),
      +now,
    );
  return { fresh, repeats };
}
