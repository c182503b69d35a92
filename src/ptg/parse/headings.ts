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
