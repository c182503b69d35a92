// Explicit heading lines of plain text: "#### Topic ####", "== Topic ==", "*** Topic ***",
// "--- Topic ---", "# Topic" and "Topic: …". Shared by the segmenter and the plain-text parser.

/** Longest title a heading pattern looks at (with room for its decoration). */
export const MAX_HEADING_LINE = 140;

export interface PlainHeading {
  title: string;
  style: string;
}

// A title must contain a letter or digit so separator lines ("########") are not headings.
// Runs are capped ({2,12}) and the title is bounded: lines longer than MAX_HEADING_LINE are never tried.
const WRAPPED = /^(#{2,12}|={2,12}|\*{3,12}|-{3,12})[ \t]*([^ \t].{0,140}?)[ \t]*(?:#{2,12}|={2,12}|\*{3,12}|-{3,12})[ \t]*$/u;
const TOPIC_LINE = /^topic(?:[ \t]+\d{1,3})?[ \t]*:[ \t]*(\S.{0,200})$/i;
// "# Wallaby Retrospective" in a mail or an HTML mail part: Markdown headings in plain text.
const ATX = /^(#{1,6})[ \t]+([^#\s].{0,150})$/;

export function matchPlainHeading(line: string): PlainHeading | undefined {
  if (line.length > MAX_HEADING_LINE) return undefined;
  const wrapped = WRAPPED.exec(line);
  // Style = the opening run, so "#### x ####" and "== x ==" can coexist at different levels.
  // "== Topic: TC Retrospective ==": the word "Topic" is not part of the title.
  if (wrapped && /[\p{L}\p{N}]/u.test(wrapped[2]))
    return { title: wrapped[2].replace(/^topic(?:[ \t]{1,3}\d{1,3})?[ \t]{0,3}:[ \t]*/i, '').trim() || wrapped[2].trim(), style: wrapped[1] };
  const topic = TOPIC_LINE.exec(line);
  if (topic) return { title: topic[1], style: 'topic:' };
  const atx = ATX.exec(line);
  if (atx && /\p{L}/u.test(atx[2])) return { title: atx[2].trim(), style: `atx${atx[1].length}` };
  return undefined;
}

/** An rst / setext underline: one punctuation character, three or more times. */
export const UNDERLINE = /^([=~^"'`+*#-])\1{2,}$/;

/**
 * An underline of four or more drawn to the title's length (within two), under a line that does
 * not end a sentence: a title even without a blank line above (copies that lost their blank lines).
 */
export function drawnUnder(title: string, underline: string): boolean {
  const t = title.trim();
  const u = underline.trim();
  return u.length >= 4 && Math.abs(u.length - t.length) <= 2 && /\p{L}/u.test(t) && !/[.,;!?]$/.test(t);
}

/**
 * Underline characters a text draws to its titles' length two or more times: only then does a
 * line over such an underline count as a title without a blank line above (a paragraph's last
 * line over a rule of its length happens, twice hardly ever).
 */
export function drawnUnderlines(lines: string[]): Set<string> {
  const seen = new Set<string>();
  const drawn = new Set<string>();
  for (let i = 1; i < lines.length; i++) {
    const u = lines[i].trim();
    if (u.length > 200 || !UNDERLINE.test(u) || !drawnUnder(lines[i - 1], u)) continue;
    if (seen.has(u[0])) drawn.add(u[0]);
    seen.add(u[0]);
  }
  return drawn;
}
