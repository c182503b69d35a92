// Title lines of plain text, rules 2-4 of the segmenter (segment.ts): marked titles (numbered,
// emphasised, ALL CAPS), bare topic lines, outline items and paragraph blocks. Each finds the lines
// that would head a topic; segment.ts decides which rule splits the text.
// Headings are short: no rule looks at a line longer than MAX_TITLE, so no regex sees long input.
import { bareMarker, isDecisionLine } from './decisions.ts';

export const MAX_TITLE = 120;
export const MAX_TITLE_WORDS = 12;

export type MarkKind = 'numbered' | 'emphasis' | 'caps';

export const NUMBERED = /^\*{0,2}(?:\d{1,2}(?:\.\d{1,2}){0,3}[.)]{1,2}|\(\d{1,2}\)|[IVX]{1,5}\.)[ \t]+(\S.*)$/;
const EMPHASIS = /^(\*{1,2}|_{1,2})([^*_\s](?:[^*_]{0,118}[^*_\s])?)\1:?$/;
// A greeting or sign-off alone on its line ("Cheers", "Hi all"); "Greetings, user survey" is a title.
const SALUTATION =
  /^(?:hi|hello|hey|dear|greetings|thanks|thank you|cheers|regards|best|br|sincerely|kind regards|best regards|many thanks)(?: (?:all|everyone|folks|team))?$/i;

/** Counts a line's words without a regex over it. */
export function wordCount(text: string): number {
  let n = 0;
  let inWord = false;
  for (const ch of text) {
    const space = ch === ' ' || ch === '\t';
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

export function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return i;
}

/** A line that can be a title at all: short, has letters, not a bullet, quote, URL, decision or greeting. */
export function titleShaped(text: string): boolean {
  if (text.length < 3 || text.length > MAX_TITLE || wordCount(text) > MAX_TITLE_WORDS) return false;
  if (!/\p{L}/u.test(text)) return false;
  if (/^(?:[-+•>|]|\*\s)/.test(text)) return false;
  if (/https?:\/\/|^\S+@\S+$|^\[\d+\]/.test(text)) return false;
  // A sentence's end, in Latin or CJK punctuation ("…開催されます。", "「…思います。」"), ends no title.
  if (/[.,;!?。！？、]$|[.!?。！？]["')\]」』”]$/.test(text)) return false;
  if (SALUTATION.test(text) || isDecisionLine(text)) return false;
  return true;
}

/** Title text of a marked line, or undefined. */
export function markedTitle(text: string): { title: string; kind: MarkKind } | undefined {
  if (text.length > MAX_TITLE) return undefined;
  const num = NUMBERED.exec(text);
  if (num) {
    const title = num[1].replace(/(?<![*_])[*_]+:?$/, '').trim();
    // A numbered title may ask its question: "2. What's up with Glance docs?"
    const shaped = titleShaped(title.endsWith('?') ? title.slice(0, -1) : title);
    if (shaped && /^[\p{Lu}\p{N}*_"'`]/u.test(title)) return { title: text.replace(/^[*_]+|(?<![*_])[*_]+:?$/g, '').trim(), kind: 'numbered' };
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

export interface Line {
  raw: string;
  text: string;
}

/** The next non-blank line after i, and whether a blank line came first. */
export function below(lines: Line[], i: number): { line: Line | undefined; gap: boolean } {
  let gap = false;
  for (let j = i + 1; j < lines.length; j++) {
    if (lines[j].text === '') gap = true;
    else return { line: lines[j], gap };
  }
  return { line: undefined, gap };
}

/** Is there text below line i that a title at i would head? */
export function headsText(lines: Line[], i: number): boolean {
  return below(lines, i).line !== undefined;
}

export function standsAlone(lines: Line[], i: number): boolean {
  return i === 0 || lines[i - 1].text === '' || indentOf(lines[i - 1].raw) > indentOf(lines[i].raw) + 1;
}

/** Rule 2: marked titles by kind; tight lists of numbered lines ("1. a" / "2. b") are lists. */
export function markedLines(lines: Line[]): Map<number, string> {
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
export function bareLines(lines: Line[]): Map<number, string> {
  const found = new Map<number, string>();
  lines.forEach((l, i) => {
    if (!l.text || indentOf(l.raw) > 1 || !standsAlone(lines, i)) return;
    const text = l.text.replace(/:$/, '');
    if (!titleShaped(text) || !(/^[\p{Lu}\p{N}]/u.test(text) || lowerTitle(text))) return;
    if (listStart(lines, i)) return;
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
  return withoutLeadIns(lines, found);
}

const LIST_NUMBER = /^(\d{1,2})[.)][ \t]/;

/**
 * "1. Karbor" over "- Action item: …" and then "2. Qinling" with no blank line between: the first
 * item of a numbered list, not a title (its siblings do not stand alone as titles do).
 */
function listStart(lines: Line[], i: number): boolean {
  const first = LIST_NUMBER.exec(lines[i].text);
  if (!first) return false;
  const want = String(Number(first[1]) + 1);
  const depth = indentOf(lines[i].raw);
  for (let j = i + 1; j < lines.length && j <= i + 40 && lines[j].text; j++) {
    const m = LIST_NUMBER.exec(lines[j].text);
    if (m && m[1] === want && indentOf(lines[j].raw) === depth) return true;
  }
  return false;
}

/**
 * "Greetings and some Cinder project business" / "Business in no particular order:" / a list: a
 * line ending in ':' right below a title introduces the title's text, it is not a title itself.
 */
function withoutLeadIns(lines: Line[], found: Map<number, string>): Map<number, string> {
  for (const i of [...found.keys()]) {
    if (!lines[i].text.endsWith(':')) continue;
    let j = i - 1;
    while (j >= 0 && lines[j].text === '') j--;
    if (j >= 0 && found.has(j) && !lines[j].text.endsWith(':')) found.delete(i);
  }
  return found;
}

const ITEM = /^(?:[-*+•]|\d{1,2}[.)]|[a-z][.)])[ \t]+(\S.*)$/;

/**
 * Rule 3b: an outline (etherpad export, numbered mail) — the shallowest list items that have
 * deeper lines below them, when most items at that depth do ("1. Metrics" over "1. … 2. …").
 */
export function outlineItems(lines: Line[]): Map<number, string> {
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

/**
 * Rule 4: paragraphs (or a top-level line with its nested items) titled by their first words.
 * A block that says nothing of its own (a greeting, "Thoughts?", "- The Ironic Team", "Thanks,",
 * a footnote's link, "Etherpad: <url>") starts no topic: before the first block that says
 * something it is preamble, after it it reads on with the block above. When no block says
 * anything, every block is a topic (a text is never left without one).
 */
export function blockStarts(lines: Line[]): Map<number, string> {
  const starts: number[] = [];
  lines.forEach((l, i) => {
    if (!l.text) return;
    const prev = lines[i - 1];
    if (i === 0 || prev.text === '' || (indentOf(l.raw) === 0 && indentOf(prev.raw) > 0)) starts.push(i);
  });
  const slight = starts.map((s, k) => slightBlock(lines, s, starts[k + 1] ?? lines.length));
  const found = new Map<number, string>();
  for (let k = 0; k < starts.length; k++) {
    const i = starts[k];
    // A short title-shaped line over a block that says something titles that block.
    if (slight[k] && k + 1 < starts.length && !slight[k + 1] && oneLine(lines, i, starts[k + 1]) && blockTitle(lines[i].text)) {
      found.set(i, lines[i].text);
      k++;
    } else if (!slight[k]) found.set(i, firstWords(lines[i].text));
  }
  return found.size ? found : new Map(starts.map((i) => [i, firstWords(lines[i].text)]));
}

/**
 * A one-line block that may title the block below it: title-shaped, a label ("Gate status:"), a
 * list heading ("Action items", "Next steps:") or a question of three or more words ("What went
 * well?"). Never a greeting, a sign-off or a short prompt to the reader ("Thoughts?", "Any
 * questions?"): what follows those is not about them.
 */
function blockTitle(text: string): boolean {
  const end = text[text.length - 1];
  if (end === '?' && wordCount(text) < 3) return false;
  const core = end === ':' || end === '?' ? text.slice(0, -1) : text;
  return titleShaped(core) || bareMarker(core);
}

/** Only blank lines between line i and line `next`. */
function oneLine(lines: Line[], i: number, next: number): boolean {
  for (let j = i + 1; j < next; j++) if (lines[j].text) return false;
  return true;
}

/** Fewer words than this in a block (links and footnote marks not counted): it says nothing. */
const SLIGHT_WORDS = 8;
const LINK_WORD = /^(?:https?:\/\/|www\.|\[\d{1,3}\]:?$)/;

/** The block of lines [from, to) has fewer than SLIGHT_WORDS words once links are set aside. */
function slightBlock(lines: Line[], from: number, to: number): boolean {
  let words = 0;
  for (let i = from; i < to && words < SLIGHT_WORDS; i++) {
    // Only the first words of a line are needed; long lines are not split whole.
    for (const w of lines[i].text.slice(0, 400).split(/\s+/)) {
      if (w && !LINK_WORD.test(w) && /[\p{L}\p{N}]/u.test(w)) words++;
    }
  }
  return words < SLIGHT_WORDS;
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
/**
 * Drops titles with nothing of their own below them (the next line is another title): the first
 * line of a mail or pad ("Keystone Zed PTG etherpad") names the document, it is not a topic.
 */
export function withText<T>(lines: Line[], titles: Map<number, T>): Map<number, T> {
  const out = new Map<number, T>();
  for (const [i, t] of titles) {
    const { line } = below(lines, i);
    const next = line ? lines.indexOf(line) : -1;
    if (next >= 0 && !titles.has(next)) out.set(i, t);
  }
  return out;
}

export function markedRule(lines: Line[], marked: Map<number, string>): string {
  const first = lines[marked.keys().next().value!].text;
  if (NUMBERED.test(first)) return 'numbered titles';
  return EMPHASIS.test(first) ? 'emphasised titles' : 'ALL-CAPS titles';
}
