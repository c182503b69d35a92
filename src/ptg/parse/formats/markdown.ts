// Markdown: ATX ("## Title ##") and setext (=== / --- underline) headings; fenced code is opaque.
import { normalizeDate } from '../context.ts';
import { OutlineBuilder, type Outline } from '../outline.ts';
import { drawnUnder, drawnUnderlines } from '../headings.ts';
import { replaceTags } from './html-scan.ts';

// ATX heading: was /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/, whose lazy content retried
// the closing "  ##  " at every position (quadratic on a long line of blanks). atxHeading gives the
// same [line, marks, content] in one pass; no regex can express "shortest content" linearly here.
const ATX_OPEN = /^ {0,3}(#{1,6})/;
const LINE_END = /[\n\r\u2028\u2029]/;
const isBlank = (c: string | undefined) => c === ' ' || c === '\t';
function atxHeading(line: string): [string, string, string | undefined] | null {
  const open = ATX_OPEN.exec(line);
  if (!open) return null;
  const rest = line.slice(open[0].length);
  if (rest === '') return [line, open[1], undefined];
  if (!isBlank(rest[0]) || LINE_END.test(rest)) return null;
  let start = 0;
  while (isBlank(rest[start])) start++;
  const body = rest.slice(start);
  let end = body.length;
  while (end > 0 && isBlank(body[end - 1])) end--;
  let hashes = end;
  while (hashes > 0 && body[hashes - 1] === '#') hashes--;
  if (hashes < end && isBlank(body[hashes - 1])) {
    end = hashes;
    while (end > 0 && isBlank(body[end - 1])) end--;
  }
  return [line, open[1], body.slice(0, end)];
}
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const SETEXT_1 = /^ {0,3}=+[ \t]*$/;
const SETEXT_2 = /^ {0,3}-+[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s/;
// Was /^\s*\|?\s*…\|?\s*$/: '\s*\|?\s*' split a run of blanks every way (quadratic); a pipe now
// separates the two runs, so each blank is read once. Same language.
const TABLE_RULE = /^\s*(?:\|\s*)?:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+(?:\|\s*)?$/;

export function parseMarkdown(text: string): Outline {
  const out = new OutlineBuilder();
  const lines = callouts(text.split('\n'));
  let i = skipFrontMatter(lines, out);
  let fence: string | undefined;
  const drawn = drawnUnderlines(lines);
  for (; i < lines.length; i++) {
    const line = lines[i].trimEnd();
    if (fence !== undefined) {
      // A closing fence uses the same character and is at least as long as the opening one.
      const close = FENCE.exec(line);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length && line.trim() === close[1]) fence = undefined;
      else out.line(line);
      continue;
    }
    const open = FENCE.exec(line);
    if (open) {
      fence = open[1];
      continue;
    }
    const atx = atxHeading(line);
    if (atx) {
      if (atx[2]) out.heading(mdInline(atx[2]), atx[1].length);
      continue;
    }
    // Setext only for a one-line paragraph: a "---" under longer text is far more often a rule,
    // unless it is drawn to the line's own length (a copy that lost the blank line above).
    const next = lines[i + 1]?.trimEnd() ?? '';
    const prev = i > 0 ? lines[i - 1].trim() : '';
    if (line.trim() && (prev === '' || (drawn.has(next.trim()[0]) && drawnUnder(line, next))) && !LIST_ITEM.test(line) && !/^\s*>/.test(line)) {
      if (SETEXT_1.test(next) || (SETEXT_2.test(next) && next.trim().length >= 2)) {
        out.heading(mdInline(line.trim()), SETEXT_1.test(next) ? 1 : 2);
        i++;
        continue;
      }
    }
    if (TABLE_RULE.test(line)) continue; // the |---|---| row under a table header
    if (THEMATIC_BREAK.test(line)) {
      out.line('');
      continue;
    }
    out.line(mdInline(line.replace(/^(\s*)>[ \t]?/, '$1')));
  }
  return { ...out.outline, rule: 'Markdown headings' };
}

// Kramdown attribute lines: "{: .prompt-info }" styles the blockquote above it (Jekyll Chirpy).
const IAL = /^ {0,3}\{:[^{}\n]{0,200}\}[ \t]*$/;
const AGREEMENT_CALLOUT = /\.prompt-(?:info|tip|success)\b/;

/**
 * "> We keep the v1 API.\n{: .prompt-info }" is how Chirpy blogs show an agreement: the quote
 * becomes a ✅ decision; attribute lines themselves are never text.
 */
function callouts(lines: string[]): string[] {
  const out = [...lines];
  for (let i = 0; i < out.length; i++) {
    if (out[i].length > 210 || !IAL.test(out[i])) continue;
    if (AGREEMENT_CALLOUT.test(out[i])) {
      let start = i;
      while (start > 0 && /^ {0,3}>/.test(out[start - 1])) start--;
      if (start < i) {
        // One decision: the quote's lines joined (a call-out is one statement wrapped over lines).
        const joined = out
          .slice(start, i)
          .map((l) => l.replace(/^ {0,3}>[ \t]?/, '').trim())
          .filter(Boolean)
          .join(' ');
        const marked = /^(?:✅|\*{0,2}(?:agreed|decision|agreement)\b)/i.test(joined);
        out.fill('', start, i);
        out[start] = `> ${marked ? '' : '✅ '}${joined}`;
      }
    }
    out[i] = '';
  }
  return out;
}

/** Jekyll/Hugo front matter is metadata, but its title names the project and cycle. */
function skipFrontMatter(lines: string[], out: OutlineBuilder): number {
  if (lines[0]?.trim() !== '---') return 0;
  const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (end < 0 || !lines.slice(1, end).some((l) => /^\w[\w-]*:/.test(l))) return 0;
  for (const l of lines.slice(1, end)) {
    const title = frontTitle(l);
    if (title !== null) (out.outline.meta ??= []).unshift(title);
    // (?=([ \t]*))\1: the blanks are taken once (atomic), not given back one by one.
    const date = /^date:(?=([ \t]*))\1["']?(.{0,60})$/.exec(l);
    const when = date && normalizeDate(date[2]);
    if (when) (out.outline.meta ??= []).push(`Date: ${when}`);
  }
  return end + 1;
}

/**
 * Front matter "title:" value, as /^title:\s*["']?(.*?)["']?\s*$/ captured it: that lazy group retried
 * the trailing blanks at every position (quadratic on one long line), this trims in one pass.
 */
function frontTitle(l: string): string | null {
  if (!l.startsWith('title:')) return null;
  let v = l.slice(6).trimStart(); // trimStart/trimEnd strip exactly \s
  if (v[0] === '"' || v[0] === "'") v = v.slice(1);
  v = v.trimEnd();
  if (v.endsWith('"') || v.endsWith("'")) v = v.slice(0, -1);
  return LINE_END.test(v) ? null : v;
}

/** Strips inline Markdown, keeping link targets in the text as "text (url)" so links are not lost. */
export function mdInline(s: string): string {
  const code: string[] = [];
  // Code spans first, so their content is not read as emphasis; restored at the end.
  let t = codeSpans(s, (c) => `\u0000${code.push(c.trim()) - 1}\u0000`);
  // Images, links, autolinks: each bracket/target class excludes the character that opens the next
  // one ('[', '<'), so a failed match stops there instead of rescanning the rest of the line
  // (was [^\]]*, [^)]*, \S+?, [^>\s]+: quadratic on a long line of '![](' or '<http:').
  t = t
    .replace(/!\[([^[\]]*)\]\([^)[]*\)/g, '$1')
    .replace(/\[([^[\]]+)\]\(([^\s)[]+)(?:\s+"[^"]*")?\)/g, (_, label: string, url: string) => linkText(label, url))
    .replace(/<((?:https?|mailto):[^<>\s]+)>/g, '$1');
  // HTML tags dropped: was /<\/?[a-zA-Z][^>]*>/g, quadratic on a long line of '<a' without '>'.
  t = replaceTags(t, /<\/?[a-zA-Z]/g, () => '')
    .replace(/\[([^[\]]+)\]\[[^[\]]*\]/g, '$1') // reference links; '[' excluded as above
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*([^*\s](?:[^*]*[^*\s])?)\*(?=[^\w*]|$)/g, '$1$2')
    .replace(/(^|[^\w])_([^_\s](?:[^_]*[^_\s])?)_(?=[^\w]|$)/g, '$1$2')
    .replace(/~~(.+?)~~/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!>])/g, '$1');
  return t.replace(/\u0000(\d+)\u0000/g, (_, n: string) => code[Number(n)]);
}

const CODE_BREAK = /[\n\r\u2028\u2029]/;

/**
 * CommonMark code spans: a run of n backticks up to the next run of exactly n, on one line. Was
 * /(`+)(.+?)\1/g, which retried every split of a backtick run against every later run (cubic on a
 * line of backticks); a regex cannot say "a run of exactly n" without that search. Here each run
 * is read once, and its closer is looked up in a table built in one backward pass.
 */
function codeSpans(s: string, span: (content: string) => string): string {
  if (!s.includes('`')) return s;
  // A span never crosses a line break ('.' did not): odd parts are the breaks themselves.
  if (CODE_BREAK.test(s))
    return s
      .split(/([\n\r\u2028\u2029])/)
      .map((part, i) => (i % 2 ? part : codeSpans(part, span)))
      .join('');
  const runs: [number, number][] = []; // [start, length] of each backtick run
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '`') continue;
    let j = i;
    while (s[j] === '`') j++;
    runs.push([i, j - i]);
    i = j - 1;
  }
  // next[r]: the next run of the same length, found in one backward pass.
  const next: number[] = new Array(runs.length);
  const seen = new Map<number, number>();
  for (let r = runs.length - 1; r >= 0; r--) {
    next[r] = seen.get(runs[r][1]) ?? -1;
    seen.set(runs[r][1], r);
  }
  let out = '';
  let copied = 0;
  for (let r = 0; r < runs.length; r++) {
    const c = next[r];
    if (c < 0) continue;
    const [start, n] = runs[r];
    out += s.slice(copied, start) + span(s.slice(start + n, runs[c][0]));
    copied = runs[c][0] + n;
    r = c;
  }
  return out + s.slice(copied);
}

function linkText(label: string, url: string): string {
  const l = label.trim();
  return l === url || l === url.replace(/^https?:\/\//, '') ? url : `${l} (${url})`;
}
