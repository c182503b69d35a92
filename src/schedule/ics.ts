// A small RFC 5545 writer: one VEVENT per event (official, project-specific and the team's own),
// whole days as VALUE=DATE with an exclusive DTEND, deadlines with a time in UTC; text escaped,
// lines folded at 75 octets and ended with CRLF.
import { addDaysIso, eventStart } from './time.ts';
import type { Cycle, ScheduleEvent } from './types.ts';
import { capitalise } from './kinds.ts';

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, newline. */
export function escapeText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line into chunks of at most 75 octets, never inside a UTF-8 character (§3.1). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (bytes + n > 75) {
      out.push(current);
      current = ' ';
      bytes = 1;
    }
    current += ch;
    bytes += n;
  }
  out.push(current);
  return out.join('\r\n');
}

const basic = (d: string) => d.replace(/-/g, '');
const utcStamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');

export interface IcsOptions {
  /** DTSTAMP: when the calendar was written. */
  now: Date;
  cycles: Map<string, Cycle>;
  /** X-WR-CALNAME, e.g. "Nova 2025.2 Flamingo schedule". */
  name: string;
  /** Domain part of UIDs. */
  domain?: string;
}

export function scheduleUrl(e: ScheduleEvent): string | null {
  return e.eventId && e.source === 'official' ? `https://releases.openstack.org/${e.cycle}/schedule.html#${e.eventId}` : null;
}

export function toIcs(events: ScheduleEvent[], opts: IcsOptions): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//cyclebot//release schedule//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(opts.name)}`,
  ];
  const domain = opts.domain ?? 'cyclebot.invalid';
  for (const e of events) {
    const cycle = opts.cycles.get(e.cycle);
    const label = cycle?.releaseId ? `${cycle.releaseId} ${capitalise(e.cycle)}` : capitalise(e.cycle);
    const uid = `${e.key.replace(/[^A-Za-z0-9.-]+/g, '-')}@${domain}`;
    lines.push('BEGIN:VEVENT', `UID:${uid}`, `DTSTAMP:${utcStamp(opts.now)}`);
    if (e.time) {
      // A deadline is an instant: no DTEND (RFC 5545 §3.6.1: it ends when it starts).
      lines.push(`DTSTART:${utcStamp(eventStart(e))}`);
    } else {
      lines.push(`DTSTART;VALUE=DATE:${basic(e.date)}`, `DTEND;VALUE=DATE:${basic(addDaysIso(e.endDate ?? e.date, 1))}`);
    }
    lines.push(`SUMMARY:${escapeText(`${e.title} (${label})`)}`);
    const description = [e.description, e.week ? `Week ${e.week}.` : ''].filter(Boolean).join('\n\n');
    if (description) lines.push(`DESCRIPTION:${escapeText(description)}`);
    const url = scheduleUrl(e);
    if (url) lines.push(`URL:${url}`);
    const cats = [e.source === 'official' ? (e.project ? 'project-specific' : 'cross-project') : 'team', e.project ?? '', e.kind].filter(Boolean);
    lines.push(`CATEGORIES:${cats.map(escapeText).join(',')}`, 'TRANSP:TRANSPARENT', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
