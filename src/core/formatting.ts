// Neutral rich text: plain rendering (console, Matrix `body`, logs) and the pieces each
// transport's renderer shares. IRC codes live in transports/irc/render.ts, HTML in render/html.ts.
import type { Inline, RichLine } from './types.ts';
import { sanitizeLine } from './text.ts';
import { DEFAULT_PREFIX } from './rich.ts';

export const DECISION_MARK = '✅';

/** The words of one piece, without markup. */
export function inlineText(part: Inline): string {
  if (typeof part === 'string') return part;
  if ('bold' in part) return part.bold;
  if ('code' in part) return part.code;
  if ('link' in part) return part.label ? `${part.label} ${part.link}` : part.link;
  // The router renders commands with the configured prefix; one left here shows the default.
  if ('command' in part) return DEFAULT_PREFIX + part.command;
  return DECISION_MARK;
}

/** Plain text: what the console prints and what Matrix puts in `body`. */
export function renderPlain(line: RichLine): string {
  return sanitizeLine(line.map(inlineText).join(''));
}

/** A piece sanitized, keeping one leading/trailing space where it had blanks (pieces join with them). */
export function spaced(text: string): string {
  const lead = /^\s/.test(text) ? ' ' : '';
  const trail = /\s$/.test(text) ? ' ' : '';
  return lead + sanitizeLine(text) + trail;
}
