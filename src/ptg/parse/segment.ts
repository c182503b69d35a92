// Segmentation that never gives up, for text without markup headings: mails, etherpad exports,
// HTML mails and pages with no <h*>. Rules, in order; the first that finds topics decides:
//  1. explicit plain headings: "#### Topic ####", "== Day 1 ==" / "=== Topic ===", "--- Topic ---",
//     "**** Monday ****", "Topic: …" (see plain.ts);
//  2. marked title lines: numbered ("1. Title", "1.)", "*1. Title*"), emphasised ("*Title*",
//     "**Title**") or ALL CAPS, standing alone and followed by text;
//  3. bare topic lines: short, no final period, a blank line (or nothing) above and a paragraph,
//     a list or indented lines below;
//  4. paragraph blocks, each titled by its first words.
// Headings are short: no rule looks at a line longer than MAX_TITLE, so no regex sees long input.
import { isDecisionLine } from './decisions.ts';
import { matchPlainHeading, type PlainHeading } from './headings.ts';
import { OutlineBuilder, StyleLevels, type Outline } from './outline.ts';

export const MAX_TITLE = 120;
const MAX_GROUPS = 12;
const MAX_TITLE_WORDS = 12;

export type MarkKind = 'numbered' | 'emphasis' | 'caps';

const NUMBERED = /^\*{0,2}(?:\d{1,2}(?:\.\d{1,2}){0,3}[.)]{1,2}|\(\d{1,2}\)|[IVX]{1,5}\.)[ \t]+(\S.*)$/;
const EMPHASIS = /^(\*{1,2}|_{1,2})([^*_\s](?:[^*_]{0,118}[^*_\s])?)\1:?$/;
// A greeting or sign-off alone on its line ("Cheers", "Hi all"); "Greetings, user survey" is a title.
const SALUTATION =
  /^(?:hi|hello|hey|dear|greetings|thanks|thank you|cheers|regards|best|br|sincerely|kind regards|best regards|many thanks)(?: (?:all|everyone|folks|team))?$/i;
const DAY = /^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|day\s*\d)/i;

/** Counts a line's words without a regex over it. */
function wordCount(text: string): number {
  let n = 0;
  let inWord = false;
  for (const ch of text) {
    const space = ch === ' ' || ch === '\t';
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return i;
}

/** A line that can be a title at all: short, has letters, not a bullet, quote, URL, decision or greeting. */
function titleShaped(text: string): boolean {
  if (text.length < 3 || text.length > MAX_TITLE || wordCount(text) > MAX_TITLE_WORDS) return false;
  if (!/\p{L}/u.test(text)) return false;
  if (/^(?:[-+•>|]|\*\s)/.test(text)) return false;
  if (/https?:\/\/|^\S+@\S+$|^\[\d+\]/.test(text)) return false;
  if (/[.,;!?]$|[.!?]["')\]]$/.test(text)) return false;
  if (SALUTATION.test(text) || isDecisionLine(text)) return false;
  return true;
}

/** Title text of a marked line, or undefined. */
export function markedTitle(text: string): { title: string; kind: MarkKind } | undefined {
  if (text.length > MAX_TITLE) return undefined;
  const num = NUMBERED.exec(text);
  if (num) {
    const title = num[1].replace(/(?<![*_])[*_]+:?$/, '').trim();
    if (titleShaped(title) && /^[\p{Lu}\p{N}*_"'`]/u.test(title)) return { title: text.replace(/^[*_]+|(?<![*_])[*_]+:?$/g, '').trim(), kind: 'numbered' };
    return undefined;
  }
  const em = EMPHASIS.exec(text);
  if (em && titleShaped(em[2])) return { title: em[2].trim(), kind: 'emphasis' };
  // ALL CAPS: no lower-case letter and at least four capitals (tested without copying the line).
  if (!/\p{Ll}/u.test(text) && (text.match(/\p{Lu}/gu)?.length ?? 0) >= 4) {
    const title = text.replace(/:$/, '').trim();
    if (titleShaped(title) && !/^[A-Z]{2,}\d*$/.test(title)) return { title, kind: 'caps' };
  }
  return undefined;
}

interface Line {
  raw: string;
  text: string;
}

/** The next non-blank line after i, and whether a blank line came first. */
function below(lines: Line[], i: number): { line: Line | undefined; gap: boolean } {
  let gap = false;
  for (let j = i + 1; j < lines.length; j++) {
    if (lines[j].text === '') gap = true;
    else return { line: lines[j], gap };
  }
  return { line: undefined, gap };
}

/** Is there text below line i that a title at i would head? */
function headsText(lines: Line[], i: number): boolean {
  return below(lines, i).line !== undefined;
}

function standsAlone(lines: Line[], i: number): boolean {
  return i === 0 || lines[i - 1].text === '' || indentOf(lines[i - 1].raw) > indentOf(lines[i].raw) + 1;
}

/** Rule 2: marked titles by kind; tight lists of numbered lines ("1. a" / "2. b") are lists. */
function markedLines(lines: Line[]): Map<number, string> {
  const byKind = new Map<MarkKind, Map<number, string>>();
  lines.forEach((l, i) => {
    if (!l.text || indentOf(l.raw) > 1 || !standsAlone(lines, i)) return;
    const m = markedTitle(l.text);
    if (!m || !headsText(lines, i)) return;
    const { line: next, gap } = below(lines, i);
    if (!gap && next && m.kind === 'numbered' && NUMBERED.test(next.text) && indentOf(next.raw) <= indentOf(l.raw)) return;
    if (!byKind.has(m.kind)) byKind.set(m.kind, new Map());
    byKind.get(m.kind)!.set(i, m.title);
  });
  // The kind with the most titles; a mix (numbered topics with an ALL-CAPS day line) keeps only it.
  let best = new Map<number, string>();
  for (const found of byKind.values()) if (found.size > best.size) best = found;
  return best;
}

/** "v1 API", "oslo.messaging RPC": a short title may start lower case when it names an acronym or version. */
function lowerTitle(text: string): boolean {
  return wordCount(text) <= 5 && /^\p{Ll}[\p{L}\d._-]*\d|\b\p{Lu}{2,}\b/u.test(text);
}

/** Rule 3: bare short lines standing alone with text below. */
function bareLines(lines: Line[]): Map<number, string> {
  const found = new Map<number, string>();
  lines.forEach((l, i) => {
    if (!l.text || indentOf(l.raw) > 1 || !standsAlone(lines, i)) return;
    const text = l.text.replace(/:$/, '');
    if (!titleShaped(text) || !(/^[\p{Lu}\p{N}]/u.test(text) || lowerTitle(text))) return;
    const { line: next, gap } = below(lines, i);
    if (!next) return;
    if (!gap) {
      // Directly followed: only a list, indented lines, or a clearly longer line (a wrapped
      // paragraph's first line is as long as the rest), or a title ending with ':'.
      const listOrIndent = /^[-*+•]\s|^\d{1,2}[.)]\s/.test(next.text) || indentOf(next.raw) > indentOf(l.raw);
      const shorter = l.text.length <= 60 && l.text.length * 1.6 < next.text.length;
      if (!listOrIndent && !shorter && !l.text.endsWith(':')) return;
      if (wordCount(text) > 8) return;
    }
    found.set(i, text);
  });
  return found;
}

const ITEM = /^(?:[-*+•]|\d{1,2}[.)]|[a-z][.)])[ \t]+(\S.*)$/;

/**
 * Rule 3b: an outline (etherpad export, numbered mail) — the shallowest list items that have
 * deeper lines below them, when most items at that depth do ("1. Metrics" over "1. … 2. …").
 */
function outlineItems(lines: Line[]): Map<number, string> {
  const byIndent = new Map<number, { all: number; titles: Map<number, string> }>();
  lines.forEach((l, i) => {
    if (!l.text || l.text.length > MAX_TITLE) return;
    const m = ITEM.exec(l.text);
    if (!m) return;
    const depth = indentOf(l.raw);
    if (!byIndent.has(depth)) byIndent.set(depth, { all: 0, titles: new Map() });
    const at = byIndent.get(depth)!;
    at.all++;
    const { line: next } = below(lines, i);
    const title = m[1].replace(/[*_]+/g, '').replace(/:$/, '').trim();
    if (next && indentOf(next.raw) > depth && titleShaped(title)) at.titles.set(i, title);
  });
  const depths = [...byIndent.keys()].sort((a, b) => a - b);
  for (const d of depths) {
    const { all, titles } = byIndent.get(d)!;
    if (titles.size >= 2 && titles.size * 2 >= all) return titles;
    if (titles.size > 0 || all > 1) break; // a flat list at the top: not an outline
  }
  return new Map();
}

/** Rule 4: paragraphs (or a top-level line with its nested items) titled by their first words. */
function blockStarts(lines: Line[]): Map<number, string> {
  const found = new Map<number, string>();
  lines.forEach((l, i) => {
    if (!l.text) return;
    const prev = lines[i - 1];
    const start = i === 0 || prev.text === '' || (indentOf(l.raw) === 0 && indentOf(prev.raw) > 0);
    if (start) found.set(i, firstWords(l.text));
  });
  return found;
}

/** "The first six or so words" of a line, without bullet, markup or a trailing clause. */
export function firstWords(text: string): string {
  const t = text
    .slice(0, MAX_TITLE * 2)
    .replace(/^[-*+•>#=\s]+/, '')
    .replace(/[*_`]/g, '');
  const sentence = t.split(/(?<=[.!?:;])\s/)[0];
  const words = sentence.split(/\s+/).filter(Boolean);
  const title = words
    .slice(0, 8)
    .join(' ')
    .replace(/(?<![.,;:!?])[.,;:!?]+$/, ''); /* lookbehind: a trailing run is tried once */
  return words.length > 8 ? `${title}…` : title || t.slice(0, 40);
}

export interface Segmented {
  outline: Outline;
  /** Which rule split the text, for the import report. */
  rule: string;
}

/** Splits plain lines into sections with the first rule that finds any. */
export function segmentLines(raw: string[], preamble: string[] = []): Segmented {
  const lines: Line[] = raw.map((r) => ({ raw: r.trimEnd(), text: r.trim() }));
  const explicit = explicitHeadings(lines);
  if (explicit.size > 0) return withGroups(lines, explicit, preamble);
  const marked = withText(lines, markedLines(lines));
  if (marked.size >= 2) return { outline: build(lines, marked, preamble), rule: `${markedRule(lines, marked)}` };
  const bare = withText(lines, bareLines(lines));
  const items = withText(lines, outlineItems(lines));
  if (items.size >= 2 && items.size > bare.size) return { outline: build(lines, items, preamble), rule: 'outline items' };
  if (bare.size >= 2) return { outline: build(lines, bare, preamble), rule: 'bare topic lines' };
  if (marked.size + bare.size === 1) {
    const one = marked.size ? marked : bare;
    return { outline: build(lines, one, preamble), rule: marked.size ? markedRule(lines, marked) : 'bare topic lines' };
  }
  return { outline: build(lines, blockStarts(lines), preamble, true), rule: 'paragraph blocks' };
}

/**
 * Drops titles with nothing of their own below them (the next line is another title): the first
 * line of a mail or pad ("Keystone Zed PTG etherpad") names the document, it is not a topic.
 */
function withText<T>(lines: Line[], titles: Map<number, T>): Map<number, T> {
  const out = new Map<number, T>();
  for (const [i, t] of titles) {
    const { line } = below(lines, i);
    const next = line ? lines.indexOf(line) : -1;
    if (next >= 0 && !titles.has(next)) out.set(i, t);
  }
  return out;
}

function markedRule(lines: Line[], marked: Map<number, string>): string {
  const first = lines[marked.keys().next().value!].text;
  if (NUMBERED.test(first)) return 'numbered titles';
  return EMPHASIS.test(first) ? 'emphasised titles' : 'ALL-CAPS titles';
}

const UNDERLINE = /^([=~^"'`+*#-])\1{2,}$/;

/** A title underlined as in reStructuredText or Markdown, the underline of any length. */
function underlined(lines: Line[], i: number): PlainHeading | undefined {
  const next = lines[i + 1];
  if (!next || next.text.length > 200 || !UNDERLINE.test(next.text) || next.raw !== next.text) return undefined;
  const t = lines[i].text;
  if (i > 0 && lines[i - 1].text !== '') return undefined;
  if (UNDERLINE.test(t) || /^[-*+•>]\s/.test(t) || !/\p{L}/u.test(t) || wordCount(t) > MAX_TITLE_WORDS) return undefined;
  return { title: t, style: `under${next.text[0]}` };
}

/** Explicit heading lines; an underlined title's underline line is `skip`ped. */
function explicitHeadings(lines: Line[]): Map<number, PlainHeading> {
  const found = new Map<number, PlainHeading>();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.text.length > MAX_TITLE + 20 || l.raw !== l.raw.trimStart()) continue;
    const h = matchPlainHeading(l.text) ?? underlined(lines, i);
    if (!h) continue;
    found.set(i, h);
    if (h.style.startsWith('under')) lines[++i] = { raw: '', text: '' };
  }
  return found;
}

const STYLE_NAMES: Record<string, string> = {
  a: '# headings',
  '#': '#### headings ####',
  '=': '== wiki headings ==',
  '*': '*** headings ***',
  '-': '--- headings ---',
  'topic:': 'Topic: lines',
  u: 'underlined titles',
};

/**
 * Explicit headings, with one refinement: when they only group ("**** Monday ****",
 * "--- Technical Committee ---") and every group holds marked titles (or, under days, bare ones),
 * the groups hold those topics.
 */
function withGroups(lines: Line[], explicit: Map<number, PlainHeading>, preamble: string[]): Segmented {
  const styles = [...new Set([...explicit.values()].map((h) => (h.style === 'topic:' ? h.style : h.style[0])))];
  const rule = styles.map((s) => STYLE_NAMES[s] ?? `${s} headings`).join(' + ');
  const days = [...explicit.values()].every((h) => DAY.test(h.title));
  // Grouping headings are few (days, teams); a document with many explicit headings has its topics.
  if (explicit.size > MAX_GROUPS) return { outline: plainOutline(lines, explicit, preamble), rule };
  let titles = markedLines(lines);
  if (titles.size < 2 && days) titles = bareLines(lines);
  for (const i of explicit.keys()) titles.delete(i);
  titles = withText(lines, titles);
  if (titles.size > explicit.size && everyGroupHasTitles(lines, explicit, titles)) {
    const levels = new StyleLevels();
    const out = new OutlineBuilder();
    for (const l of preamble) out.line(l);
    lines.forEach((l, i) => {
      const h = explicit.get(i);
      if (h) return out.heading(h.title, levels.level('group'));
      const t = titles.get(i);
      if (t !== undefined) return out.heading(t, levels.level('title'));
      if (l.text === '') return out.blank();
      out.line(l.raw);
    });
    // A group's own lines (before its first title) are context, not a topic: the group only groups.
    for (const s of out.outline.sections) {
      if (s.level !== 1 || !s.lines.some((x) => x.trim())) continue;
      out.outline.preamble.push(s.title, ...s.lines);
      s.lines = [];
    }
    const inner = markedLines(lines).size >= 2 ? markedRule(lines, titles) : 'bare topic lines';
    return { outline: out.outline, rule: `${rule} grouping ${inner}` };
  }
  return { outline: plainOutline(lines, explicit, preamble), rule };
}

/** Sections at the explicit headings, their levels by order of first appearance of each style. */
function plainOutline(lines: Line[], explicit: Map<number, PlainHeading>, preamble: string[]): Outline {
  const levels = new StyleLevels();
  const out = new OutlineBuilder();
  for (const l of preamble) out.line(l);
  lines.forEach((l, i) => {
    const h = explicit.get(i);
    if (h) out.heading(h.title, levels.level(h.style));
    else if (l.text === '') out.blank();
    else if (/^[ \t]*([-=_*#~+.])\1{2,}[ \t]*$/.test(l.raw) && l.raw.length <= MAX_TITLE) out.line('');
    else out.line(l.raw);
  });
  return out.outline;
}

function everyGroupHasTitles(lines: Line[], explicit: Map<number, PlainHeading>, titles: Map<number, unknown>): boolean {
  const starts = [...explicit.keys()];
  return starts.every((start, k) => {
    const end = starts[k + 1] ?? lines.length;
    for (let i = start + 1; i < end; i++) if (titles.has(i)) return true;
    return false;
  });
}

/** Sections at the given title lines; a block title keeps its line in the body (it is the text). */
function build(lines: Line[], titles: Map<number, string>, preamble: string[], keepLine = false): Outline {
  const out = new OutlineBuilder();
  for (const l of preamble) out.line(l);
  lines.forEach((l, i) => {
    const t = titles.get(i);
    if (t !== undefined) {
      out.heading(t, 1);
      if (keepLine) out.line(l.raw);
      return;
    }
    if (l.text === '') out.blank();
    else out.line(l.raw);
  });
  return out.outline;
}
