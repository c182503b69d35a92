// Date helpers for the schedule: UTC days, wall-clock instants in a zone, display and countdowns.
// Every date-fns call names its zone (`in: tz(...)`); instants are plain Dates, days are strings.
import { TZDate, tz } from '@date-fns/tz';
import { differenceInCalendarDays, format, formatDistanceStrict, isValid, parseISO } from 'date-fns';
import type { ScheduleEvent } from './types.ts';

const UTC = tz('UTC');

export function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && isValid(parseISO(s, { in: UTC }));
}

export function isHhMm(s: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(s);
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Answers kept by their arguments, at most 20,000 (then forgotten at once): a bot serving many
 * teams plans the same few hundred days for every team's channels, and a TZDate or a Date
 * round-trip costs µs each (planning 60 teams' reminders took a second without them).
 */
function remembered<T>(): (key: string, compute: () => T) => T {
  const kept = new Map<string, T>();
  return (key, compute) => {
    let v = kept.get(key);
    if (v === undefined) {
      v = compute();
      if (kept.size >= 20_000) kept.clear();
      kept.set(key, v);
    }
    return v;
  };
}

const shiftedDays = remembered<string>();
const wallClocks = remembered<number>();

/** YYYY-MM-DD plus n calendar days (n may be negative); UTC days have no DST. */
export function addDaysIso(date: string, n: number): string {
  return shiftedDays(`${date} ${n}`, () => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10));
}

/** The UTC instant of a wall-clock time on a calendar day in a zone (DST-correct). */
export function wallClock(date: string, hhmm: string, zone: string): Date {
  const ms = wallClocks(`${date} ${hhmm} ${zone}`, () => {
    const [y, m, d] = date.split('-').map(Number);
    const [hh, mm] = hhmm.split(':').map(Number);
    return +new TZDate(y, m - 1, d, hh, mm, 0, zone);
  });
  return new Date(ms);
}

/** The calendar day an instant falls on in a zone. */
export function dayIn(instant: Date, zone: string): string {
  return format(instant, 'yyyy-MM-dd', { in: tz(zone) });
}

export function isoUtc(d: Date): string {
  return new Date(+d).toISOString();
}

/** Start of the event: the deadline instant, or 00:00 UTC of its day. */
export function eventStart(e: Pick<ScheduleEvent, 'date' | 'time'>): Date {
  return new Date(`${e.date}T${e.time ?? '00:00'}:00Z`);
}

/** When the event is over: the deadline instant, or the end of its (last) UTC day. */
export function eventEnd(e: Pick<ScheduleEvent, 'date' | 'time' | 'endDate'>): Date {
  if (e.time) return eventStart(e);
  return new Date(`${addDaysIso(e.endDate ?? e.date, 1)}T00:00:00Z`);
}

/** Ledger identity of the event's date and time: a moved event gets new reminders. */
export function occurrenceOf(e: Pick<ScheduleEvent, 'date' | 'time'>): string {
  return e.time ? `${e.date}T${e.time}Z` : e.date;
}

/** "UTC", "CEST", "BST", or "UTC+9" where the zone has no common abbreviation. */
export function zoneLabel(instant: Date, zone: string): string {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 'UTC';
  const part = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'short' }).formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value;
  if (part && /^[A-Z]{2,5}$/.test(part)) return part;
  const offset = format(instant, 'xxx', { in: tz(zone) }); // "+09:00"
  if (offset === 'Z' || offset === '+00:00') return 'UTC';
  return `UTC${offset.replace(/:00$/, '').replace(/^([+-])0/, '$1')}`;
}

/**
 * "Tue 2025-06-17"; a deadline with a time in UTC, the day OpenStack states, then the channel's
 * local time: "Thu 2025-07-03 23:59 UTC (Fri 01:59 CEST)".
 */
export function formatWhen(e: Pick<ScheduleEvent, 'date' | 'time' | 'endDate'>, zone: string): string {
  if (!e.time) {
    const day = (d: string) => format(parseISO(d, { in: UTC }), 'EEE yyyy-MM-dd', { in: UTC });
    return e.endDate && e.endDate !== e.date ? `${day(e.date)} to ${day(e.endDate)}` : day(e.date);
  }
  const at = eventStart(e);
  const utc = `${format(at, 'EEE yyyy-MM-dd HH:mm', { in: UTC })} UTC`;
  const label = zoneLabel(at, zone);
  return label === 'UTC' ? utc : `${utc} (${format(at, 'EEE HH:mm', { in: tz(zone) })} ${label})`;
}

/** The time part of formatWhen: "23:59 UTC (Fri 01:59 CEST)"; "" for a whole-day event. */
export function formatTimeOf(e: Pick<ScheduleEvent, 'date' | 'time' | 'endDate'>, zone: string): string {
  return e.time ? formatWhen(e, zone).split(' ').slice(2).join(' ') : '';
}

/** "Thu Aug 28": the event's day as OpenStack states it (UTC). */
export function formatShortDay(e: Pick<ScheduleEvent, 'date'>): string {
  return format(parseISO(e.date, { in: UTC }), 'EEE MMM d', { in: UTC });
}

/** Calendar days from today in the channel's zone to the event's (UTC) day: what reminders were planned by. */
export function daysUntil(e: Pick<ScheduleEvent, 'date'>, now: Date, zone: string): number {
  return differenceInCalendarDays(parseISO(e.date, { in: UTC }), parseISO(dayIn(now, zone), { in: UTC }), { in: UTC });
}

/** "today", "tomorrow", "in 7 days". */
export function dayCountdown(days: number): string {
  if (days <= 0) return 'today';
  if (days === 1) return 'tomorrow';
  return `in ${days} days`;
}

/** "in 12 days", "in 5 hours", "today" (a whole-day event under way), "3 months ago". */
export function countdown(e: Pick<ScheduleEvent, 'date' | 'time' | 'endDate'>, now: Date): string {
  const start = eventStart(e);
  if (!e.time && +now >= +start && +now < +eventEnd(e)) return 'today';
  if (!e.time && +now >= +eventEnd(e)) return formatDistanceStrict(eventEnd(e), now, { addSuffix: true, roundingMethod: 'floor', in: UTC });
  return formatDistanceStrict(start, now, { addSuffix: true, roundingMethod: 'round', in: UTC });
}
