// Turning a Reply into IRC wire text: how many bytes fit per target, and the guard that keeps a
// line from being read as a command by other bots in the channel. Pure functions.
import { renderIrc } from './render.ts';
import type { Reply, ReplyKind } from '../../core/types.ts';
import { lateNote, splitUtf8, utf8Length } from '../../core/text.ts';

/** RFC 1459: a line is at most 512 bytes including CR LF. */
export const IRC_LINE_BYTES = 512;
/** Longest hostname a server may show for us (RFC 1035 label limit; cloaks are shorter). */
export const HOST_ESTIMATE = 63;
/**
 * Prepended to a line whose visible text would start with '#', '!' or a URL. OpenDev's meeting
 * bot records every channel line that starts with "#word" (from any nick) and turns a line that
 * starts with a URL into a LINK item; '!' would trigger other command bots (or another cyclebot).
 * "» " keeps the text readable and is not whitespace, so stripping does not undo it.
 */
export const GUARD = '» ';
export const GUARD_BYTES = utf8Length(GUARD);
/** Below this a line budget is a configuration error (very long nick + channel); splitUtf8 needs ≥ 4. */
const MIN_TEXT_BYTES = 64;

export interface BudgetInput {
  target: string;
  /** Our nick as the server will show it in the prefix. */
  nick: string;
  /** Our username; the server may add '~' when there is no ident (counted). */
  user: string;
  /** cfg.lineBytes: the configured ceiling. */
  configured: number;
  hostBytes?: number;
}

/**
 * Text bytes one PRIVMSG/NOTICE to `target` may carry so that the line the server relays,
 * ":nick!~user@host PRIVMSG target :text\r\n", stays within 512 bytes. GUARD_BYTES are kept
 * free so a guarded line still fits.
 */
export function lineBudget(p: BudgetInput): number {
  const prefix = utf8Length(`:${p.nick}!~${p.user}@ `) + (p.hostBytes ?? HOST_ESTIMATE);
  const command = utf8Length(`PRIVMSG ${p.target} :`); // NOTICE is one byte shorter
  const fits = IRC_LINE_BYTES - 2 - prefix - command;
  return Math.max(MIN_TEXT_BYTES, Math.min(p.configured, fits)) - GUARD_BYTES;
}

// IRC formatting codes that may precede the visible text (bold, colour with digits, reset, …).
const LEADING_FORMAT = /^(?:[\x02\x0f\x11\x16\x1d\x1e\x1f]|\x03(?:\d{1,2}(?:,\d{1,2})?)?|\s)+/;
const RISKY_START = /^(?:[#!]|[a-z][a-z0-9+.-]*:\/\/)/i;

/** True when the visible start of the line would be taken as a command or a link item. */
export function needsGuard(line: string): boolean {
  return RISKY_START.test(line.replace(LEADING_FORMAT, ''));
}

export function guardLine(line: string): string {
  return needsGuard(line) ? GUARD + line : line;
}

// Defence in depth: renderIrc already sanitizes, but nothing that ends or corrupts a protocol
// line may ever reach the socket, whatever a future renderer does.
const PROTOCOL_BREAKERS = /[\r\n\0]/g;

// MeetBot commands any participant may use (never chair-only ones such as #agreed or #topic).
const MINUTES_LINE = /^#(info|link|action|idea|help) \S/i;

/**
 * The wire lines of a reply: rendered, split on UTF-8 boundaries, capped, guarded. Only the first
 * piece of a minutes reply's "#info"/"#link"/"#action" line goes out as it is, so the meeting
 * bot records it; every continuation piece of a split line is guarded like any other line, so
 * text that lands at the start of a piece (a crafted bug title: "… #agreed …") never becomes a
 * MeetBot command, whatever it is.
 */
export function wireLines(reply: Reply, budget: number, maxLines: number): string[] {
  const pieces = reply.lines.flatMap((l) =>
    splitUtf8(renderIrc(l), budget)
      .map((text, i) => ({ text: text.replace(PROTOCOL_BREAKERS, ' '), first: i === 0 }))
      .filter((p) => p.text.length > 0),
  );
  const out = pieces.map((p) => (reply.minutes && p.first && MINUTES_LINE.test(p.text) ? p.text : guardLine(p.text)));
  if (out.length <= maxLines) return out;
  const kept = out.slice(0, maxLines - 1);
  kept.push(`(${out.length - kept.length} more lines not shown)`);
  return kept;
}

/**
 * For each of the reply's lines, how many wire lines (of wireLines' output, uncapped) end with it:
 * the wire line at index i completes reply.lines[k] when ends[k] === i + 1.
 */
export function lineEnds(reply: Reply, budget: number): number[] {
  let total = 0;
  return reply.lines.map((l) => (total += wireLines({ ...reply, lines: [l] }, budget, Infinity).length));
}

/** What a reply is for (outbox.ts: kept or droppable, confirmed or not). */
export function replyKind(reply: Reply): ReplyKind {
  return reply.kind ?? (reply.minutes ? 'minutes' : 'reply');
}

/** A kept line (acknowledgement, minutes) written this long after it was queued says so. */
export const LATE_AFTER_MS = 60_000;
/** Bytes the late note takes; kept lines are split this much shorter so it always fits. */
export const LATE_BYTES = utf8Length(' (late: queued 00:00 UTC)');

/** "… (late: queued 14:02 UTC)": for a line that waited for a reconnect. */
export function lateLine(text: string, queuedAt: number): string {
  return `${text}${lateNote(queuedAt)}`;
}

/** Longest line we write ourselves, CR LF excluded (RFC 1459 allows 510). */
const MAX_WIRE_BYTES = 510;

/**
 * The protocol line for one outgoing PRIVMSG/NOTICE, or null when it is too long and must go
 * through irc-framework's say()/notice(), which split it. Lines from wireLines() always fit;
 * writing them as they are skips say()'s re-split of every line grapheme by grapheme, the
 * costliest step of sending a reply. CR/LF/NUL are stripped again here: this line is the socket.
 */
export function wireCommand(line: { target: string; text: string; notice: boolean }): string | null {
  const out = `${line.notice ? 'NOTICE' : 'PRIVMSG'} ${line.target} :${line.text.replace(PROTOCOL_BREAKERS, ' ')}`;
  return utf8Length(out) > MAX_WIRE_BYTES ? null : out;
}

/** A nick or channel we may put in a PRIVMSG target: no spaces, controls, commas or leading ':'. */
export function isSafeTarget(target: string): boolean {
  return /^[^\s:,\x00-\x1f\x7f][^\s,\x00-\x1f\x7f]{0,199}$/.test(target);
}
