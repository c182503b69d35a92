// Segmentation that never gives up, for text without markup headings: mails, etherpad exports,
// HTML mails and pages with no <h*>. Rules, in order; the first that finds topics decides:
//  1. explicit plain headings: "#### Topic ####", "== Day 1 ==" / "=== Topic ===", "--- Topic ---",
//     "**** Monday ****", "Topic: …" (see plain.ts);
//  2. marked title lines: numbered ("1. Title", "1.)", "*1. Title*"), emphasised ("*Title*",
//     "**Title**") or ALL CAPS, standing alone and followed by text;
//  3. bare topic lines: short, no final period, a blank line (or nothing) above and a paragraph,
//     a list or indented lines below;
//  4. paragraph blocks, each titled by its first words.
// One explicit heading alone does not decide: at the top it is the document's title, elsewhere one
// topic among the bare or marked title lines that rules 2-3 find (title-lines.ts).
// Headings are short: no rule looks at a line longer than MAX_TITLE, so no regex sees long input.
import { drawnUnder, drawnUnderlines, matchPlainHeading, UNDERLINE, type PlainHeading } from './headings.ts';
import { OutlineBuilder, StyleLevels, type Outline } from './outline.ts';
import {
  bareLines,
  blockStarts,
  markedLines,
  markedRule,
  MAX_TITLE,
  MAX_TITLE_WORDS,
  outlineItems,
  titleShaped,
  withText,
  wordCount,
  type Line,
} from './title-lines.ts';

export { firstWords, markedTitle, MAX_TITLE, type MarkKind } from './title-lines.ts';

const MAX_GROUPS = 12;
const DAY = /^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|day\s*\d)/i;

export interface Segmented {
  outline: Outline;
  /** Which rule split the text, for the import report. */
  rule: string;
}

/** Splits plain lines into sections with the first rule that finds any. */
export function segmentLines(raw: string[], preamble: string[] = []): Segmented {
  const lines: Line[] = raw.map((r) => ({ raw: r.trimEnd(), text: r.trim() }));
  const explicit = explicitHeadings(lines);
  if (explicit.size === 1) {
    const mixed = oneExplicit(lines, explicit, preamble);
    if (mixed) return mixed;
  }
  if (explicit.size > 0) return withGroups(lines, explicit, preamble);
  return implicit(lines, preamble);
}

/** Rules 2-4, for text without explicit headings. */
function implicit(lines: Line[], preamble: string[]): Segmented {
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
 * One explicit heading in a text whose other topics are bare or marked lines: at the top it is
 * the document's title ("Nova Stein PTG summary" underlined), elsewhere one topic among the others
 * ("Topic: Release cadence" before bare topic lines). Either way the lines found by rules 2-3 split
 * the text too; undefined when they find fewer than two.
 */
function oneExplicit(lines: Line[], explicit: Map<number, PlainHeading>, preamble: string[]): Segmented | undefined {
  const [at, heading] = [...explicit][0];
  const rest = lines.map((l, i) => (i === at ? { raw: '', text: '' } : l));
  const marked = withText(rest, markedLines(rest));
  const found = marked.size >= 2 ? marked : withText(rest, bareLines(rest));
  if (found.size < 2) return undefined;
  const rule = marked.size >= 2 ? markedRule(rest, marked) : 'bare topic lines';
  const first = lines.findIndex((l) => l.text !== '');
  if (at === first) return { outline: build(rest, found, [...preamble, heading.title]), rule: `${rule} under a title` };
  const style = heading.style === 'topic:' ? heading.style : heading.style[0];
  return {
    outline: build(lines, new Map<number, string>([...found, [at, heading.title] as [number, string]].sort((a, b) => a[0] - b[0])), preamble),
    rule: `${rule} + ${STYLE_NAMES[style] ?? 'headings'}`,
  };
}

/**
 * A title underlined as in reStructuredText or Markdown, the underline of any length. `drawn`:
 * underline characters the text draws to its titles' length two or more times.
 */
function underlined(lines: Line[], i: number, drawn: Set<string>): PlainHeading | undefined {
  const next = lines[i + 1];
  if (!next || next.text.length > 200 || !UNDERLINE.test(next.text) || next.raw !== next.text) return undefined;
  const t = lines[i].text;
  // A blank line above, or (copies that lost their blank lines) an underline drawn to the title's
  // own length, as this text draws its other underlines: a paragraph's last line over a rule
  // hardly ever is, twice.
  if (i > 0 && lines[i - 1].text !== '' && !(drawn.has(next.text[0]) && drawnUnder(t, next.text) && titleShaped(t))) return undefined;
  if (UNDERLINE.test(t) || /^[-*+•>]\s/.test(t) || !/\p{L}/u.test(t) || wordCount(t) > MAX_TITLE_WORDS) return undefined;
  return { title: t, style: `under${next.text[0]}` };
}

/** Explicit heading lines; an underlined title's underline line is `skip`ped. */
function explicitHeadings(lines: Line[]): Map<number, PlainHeading> {
  const found = new Map<number, PlainHeading>();
  const drawn = drawnUnderlines(lines.map((l) => l.text));
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.text.length > MAX_TITLE + 20 || l.raw !== l.raw.trimStart()) continue;
    const h = matchPlainHeading(l.text) ?? underlined(lines, i, drawn);
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
