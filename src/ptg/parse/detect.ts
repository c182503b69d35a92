// Format detection: a file extension decides when it is specific; otherwise the text's own
// signals are counted and the strongest wins. Plain text ('mail') is the fallback.
import type { SummaryFormat } from '../types.ts';

const EXTENSIONS: Record<string, SummaryFormat> = {
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  md: 'markdown',
  markdown: 'markdown',
  mdown: 'markdown',
  rst: 'rst',
  rest: 'rst',
  eml: 'mail',
  mbox: 'mail',
};

// Structural tags only: Markdown often carries a stray <br> or <a>, never a page of <p>s.
// [^<>]: a tag left open stops at the next '<' instead of each one rescanning to the end (quadratic).
const HTML_BLOCK = /<(?:p|div|h[1-6]|ul|ol|table|pre|body|article|section)\b[^<>]*>/gi;
const MAX_HEADING = 200;
const RST_ADORNMENT = /^([!-/:-@[-`{-~])\1+\s*$/;

export function detectFormat(text: string, filename?: string): SummaryFormat {
  const ext = filename?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  if (ext && EXTENSIONS[ext]) return EXTENSIONS[ext];

  const head = text
    .replace(/^\ufeff/, '')
    .trimStart()
    .slice(0, 512)
    .toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<?xml')) return 'html';
  const htmlTags = text.match(HTML_BLOCK)?.length ?? 0;
  if (htmlTags >= 3 && htmlTags * 20 >= text.split('\n').length) return 'html';

  const s = signals(text);
  // "#### Topic ####" closed on both sides is the etherpad/mail convention; Markdown rarely closes them.
  if (s.closedHash > 0 && s.closedHash >= s.atx * 0.8 && s.mdInline === 0 && s.fences === 0) return 'etherpad';

  const scores: [SummaryFormat, number][] = [
    ['markdown', s.atx * 2 + s.fences * 2 + s.mdInline + s.setextMd],
    ['rst', s.rstTitles * 2 + s.rstMarkup * 2 + s.setextMd],
    ['mail', s.plainHeadings * 2],
  ];
  // Ties between Markdown and rst (only "===" / "---" underlines) read the same either way.
  scores.sort((a, b) => b[1] - a[1]);
  return scores[0][1] > 0 ? scores[0][0] : 'mail';
}

interface Signals {
  atx: number;
  closedHash: number;
  fences: number;
  mdInline: number;
  /** Underlines with '=' or '-' only: valid in both Markdown and rst. */
  setextMd: number;
  /** Underlines/overlines with other characters, only rst. */
  rstTitles: number;
  rstMarkup: number;
  plainHeadings: number;
}

// Probes on lines of up to 2000 characters, so each must be linear, not merely capped: a quadratic
// one costs 2000 steps per character of a crafted file. Classes exclude the character that opens
// the next candidate ('[', '`', '<'), so a failed match stops there instead of rescanning the line
// (were [^\]]+, [^)]+, [^`]*, [^>]+).
const MD_INLINE = /\[[^[\]]+\]\(https?:[^)[]+\)|\*\*\S[^*]*\*\*/;
const RST_MARKUP = /^\.\.\s+(_[^:]+:|[\w-]+::)|`[^`<]*<https?:[^>`]+>`_|:\w+:`/;
const LINE_BREAK = /[\r\u2028\u2029]/;

/**
 * "## Title ##", as /^(#{2,})\s+.*\S\s+#{2,}$/ said: its '.*' and blank runs retried each other
 * (quadratic). The opening is unambiguous and the closing run is fixed by the line's end, so two
 * anchored checks on either side of it say the same in one pass.
 */
function closedHash(line: string): boolean {
  const open = /^#{2,}\s+/.exec(line);
  if (!open) return false;
  const rest = line.slice(open[0].length);
  const close = /(?<!\s)\s+#{2,}$/.exec(rest); // lookbehind: the blank run is tried once
  return close !== null && close.index > 0 && !LINE_BREAK.test(rest.slice(0, close.index));
}

/**
 * "== Title ==" / "*** Title ***" with a letter or digit inside, as
 * /^(={2,}|\*{3,})\s*.*[\p{L}\p{N}].*\s*(={2,}|\*{3,})$/u said (4th-degree backtracking): the letter
 * can be neither in the opening nor the closing run, so three independent checks suffice.
 */
function wrappedHeading(line: string): boolean {
  return /^(?:={2}|\*{3})/.test(line) && /(?:={2}|\*{3})$/.test(line) && /[\p{L}\p{N}]/u.test(line) && !LINE_BREAK.test(line);
}

function signals(text: string): Signals {
  const s: Signals = { atx: 0, closedHash: 0, fences: 0, mdInline: 0, setextMd: 0, rstTitles: 0, rstMarkup: 0, plainHeadings: 0 };
  const lines = text.split('\n').map((l) => l.trimEnd());
  // Each regex is tried only on lines whose first character (or a substring) it needs: most lines are prose.
  lines.forEach((full, i) => {
    // Headings are short: heading patterns see at most MAX_HEADING characters, prose patterns 2000,
    // so a crafted megabyte line costs no more than its length.
    const heading = full.length <= MAX_HEADING;
    const line = heading ? full : full.slice(0, 2000);
    const c = line[0];
    if (c === '#' && heading && /^#{1,6}\s+\S/.test(line)) {
      if (closedHash(line)) s.closedHash++;
      else s.atx++;
    }
    if ((c === ' ' || c === '`' || c === '~') && /^ {0,3}(```|~~~)/.test(line)) s.fences++;
    if ((line.includes('](') || line.includes('**')) && MD_INLINE.test(line)) s.mdInline++;
    if (heading && (((c === '=' || c === '*') && wrappedHeading(line)) || ((c === 't' || c === 'T') && /^topic(\s+\d+)?\s*:\s*\S/i.test(line))))
      s.plainHeadings++;
    if ((c === '.' || line.includes('`')) && RST_MARKUP.test(line)) s.rstMarkup++;
    const prev = lines[i - 1];
    if (
      i > 0 &&
      heading &&
      prev.length <= MAX_HEADING &&
      RST_ADORNMENT.test(line) &&
      prev.trim() &&
      !/^\s/.test(prev) &&
      !RST_ADORNMENT.test(prev) &&
      line.length >= prev.length
    ) {
      if (/^[=-]+$/.test(line)) s.setextMd++;
      else s.rstTitles++;
    }
  });
  return s;
}
