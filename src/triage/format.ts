// The round's chat lines. Launchpad text (titles, tags) is untrusted: it is cut to length here and
// goes through the core renderers, which strip CR/LF/NUL. No line starts with '#' or a URL, so
// OpenDev's meeting bot never reads one as a command or a link item: bug lines start with "Bug".
import type { RichLine } from '../core/types.ts';
import { sanitizeLine, truncate } from '../core/text.ts';
import type { BugDetails, BugTask } from './types.ts';

const DAY = 86_400_000;

/** "5h old", "5d old", "7mo old", "2y old". */
export function age(createdIso: string, now: number): string {
  const at = Date.parse(createdIso);
  if (Number.isNaN(at)) return 'age unknown';
  const ms = Math.max(0, now - at);
  const hours = Math.floor(ms / 3_600_000);
  if (hours < 48) return `${hours}h old`;
  const days = Math.floor(ms / DAY);
  if (days < 60) return `${days}d old`;
  const months = Math.floor(days / 30.44);
  if (months < 24) return `${months}mo old`;
  return `${Math.floor(days / 365.25)}y old`;
}

/** "3 Jun" in UTC, with the year when it is not the current one. */
export function shortDate(ms: number, now: number): string {
  const d = new Date(ms);
  const month = d.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
  const sameYear = d.getUTCFullYear() === new Date(now).getUTCFullYear();
  return `${d.getUTCDate()} ${month}${sameYear ? '' : ` ${d.getUTCFullYear()}`}`;
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function hhmm(ms: number): string {
  return new Date(ms).toISOString().slice(11, 16);
}

/** A title fit for one chat line: controls removed, at most 80 characters. */
export function shortTitle(title: string): string {
  return truncate(sanitizeLine(title), 80) || '(no title)';
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Comments on the bug: Launchpad's message_count includes the description (message 0). */
export function comments(messageCount: number): string {
  const n = Math.max(0, messageCount - 1);
  return n === 0 ? 'no comments' : plural(n, 'comment');
}

/**
 * `Bug 2105896 [Undecided,New] "Security group name conflict…" (5d old, 3 affected, heat 12,
 * tags: network, 4 comments) https://bugs.launchpad.net/nova/+bug/2105896`
 */
export function bugLine(task: BugTask, details: BugDetails | null, now: number): RichLine {
  const title = shortTitle(details?.title || task.title);
  const facts = [age(task.created, now)];
  if (details) {
    facts.push(`${details.usersAffected} affected`, `heat ${details.heat}`);
    if (details.tags.length) facts.push(`tags: ${truncate(details.tags.map(sanitizeLine).join(', '), 60)}`);
    facts.push(comments(details.messageCount));
  }
  return [
    { bold: `Bug ${task.id}` },
    ` [${sanitizeLine(task.importance)},${sanitizeLine(task.status)}] "${title}" (${facts.join(', ')}) `,
    { link: task.webLink },
  ];
}

// OpenStack series names, release numbers (2025.1), package versions (31.0.1), "master".
const SERIES =
  'austin|bexar|cactus|diablo|essex|folsom|grizzly|havana|icehouse|juno|kilo|liberty|mitaka|newton|ocata|pike|queens|rocky|stein|train|ussuri|victoria|wallaby|xena|yoga|zed|antelope|bobcat|caracal|dalmatian|epoxy|flamingo|gazpacho|hibiscus|indri';
const VERSION_PATTERNS = [
  new RegExp(`\\b(?:${SERIES})\\b`, 'i'),
  /\b20\d\d\.[12]\b/,
  /\b\d{1,2}\.\d{1,3}\.\d{1,3}\b/,
  /\b(?:master|main) branch\b|\bon master\b|\bmaster\s*\(/i,
  /\bversions?\s*[:=]\s*\S/i,
];

export function mentionsVersion(description: string): boolean {
  return VERSION_PATTERNS.some((re) => re.test(description));
}

const REVIEW_LINK = /https?:\/\/review\.(?:opendev|openstack)\.org\/(?:c\/|#\/c\/|\d)/i;

/** What the triagers should notice: missing tag or version, an existing patch. */
export function hints(details: BugDetails | null): string[] {
  if (!details) return [];
  const out: string[] = [];
  if (details.tags.length === 0) out.push('no tag');
  if (!mentionsVersion(details.description)) out.push('no version in the description');
  if (details.hasPatch || REVIEW_LINK.test(details.description)) out.push('has a patch');
  if (details.informationType !== 'Public') out.push(sanitizeLine(details.informationType).toLowerCase());
  return out;
}

/** "2 of 5 (deferred last time) — no tag · has a patch". */
export function hintLine(position: number, of: number, carried: string | null, details: BugDetails | null): RichLine {
  const where = `${position} of ${of}${carried ? ` (${carried === 'deferred' ? 'deferred last time' : 'not reached last time'})` : ''}`;
  if (!details) return [where];
  const h = hints(details);
  return [`${where} — ${h.length ? h.join(' · ') : 'tagged, version given'}`];
}

/** A plain text line, guaranteed not to start like a MeetBot command or a link item. */
export function safeText(text: string): RichLine {
  const t = sanitizeLine(text);
  return [/^(?:[#!]|[a-z][a-z0-9+.-]*:\/\/)/i.test(t) ? `› ${t}` : t];
}

export { plural };
