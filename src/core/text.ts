// Text safety: what may leave the bot, and how long lines are cut.

// C0 controls (CR, LF, NUL, CTCP \x01, IRC colour/bold codes), DEL, C1 controls and
// bidi overrides that could inject protocol commands or disguise text.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** One safe line: control characters become spaces, runs of blanks collapse, lone surrogates become U+FFFD. */
export function sanitizeLine(text: string): string {
  return text
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(UNSAFE, ' ')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

/**
 * Longest untrusted text (a chat message, a display name, a formatted body) any code reads: more
 * is cut before any regex sees it. Commands are far shorter (maxInputChars ≤ 4000), so a cut
 * message is still refused as too long; what the cap buys is that no pattern, linear or not, ever
 * scans 60 KB of someone's paste.
 */
export const MAX_UNTRUSTED_CHARS = 8192;

/** `text` cut to at most `max` UTF-16 units, never between the halves of a surrogate pair. */
export function capUntrusted(text: string, max = MAX_UNTRUSTED_CHARS): string {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text[max - 1]) ? max - 1 : max;
  return text.slice(0, end);
}

export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Splits text into chunks of at most maxBytes UTF-8 bytes, preferring to break at a space,
 * never inside a code point (surrogate pairs stay together).
 */
export function splitUtf8(text: string, maxBytes: number): string[] {
  if (maxBytes < 4) throw new RangeError('maxBytes must be at least 4');
  const out: string[] = [];
  let rest = text;
  while (utf8Length(rest) > maxBytes) {
    let bytes = 0;
    let cut = 0; // index in UTF-16 units where the chunk ends
    let lastSpace = -1;
    for (const ch of rest) {
      const size = utf8Length(ch);
      if (bytes + size > maxBytes) break;
      bytes += size;
      cut += ch.length;
      if (ch === ' ') lastSpace = cut;
    }
    // Break at the last space if it keeps at least half the line; else hard cut.
    const end = lastSpace > cut / 2 ? lastSpace : cut;
    out.push(rest.slice(0, end).trimEnd());
    rest = rest.slice(end).trimStart();
  }
  if (rest.length > 0 || out.length === 0) out.push(rest);
  return out;
}

/** Shortens text to at most maxChars code points, ending with an ellipsis when cut. */
export function truncate(text: string, maxChars: number): string {
  const chars = Array.from(text);
  if (chars.length <= maxChars) return text;
  const head = chars.slice(0, Math.max(1, maxChars - 1)).join('');
  const atWord = head.replace(/(?<!\s)\s+\S*$/, ''); // lookbehind: each blank run is tried once, not from each blank;
  return (atWord.length > head.length * 0.6 ? atWord : head).trimEnd() + '…';
}

/** " (late: queued 14:02 UTC)": said by a kept line (acknowledgement, minutes) sent after a reconnect or restart. */
export function lateNote(queuedAt: number): string {
  return ` (late: queued ${new Date(queuedAt).toISOString().slice(11, 16)} UTC)`;
}
