// Long flat sections split into parts: a section with no sub-headings that holds most of a
// summary's text answers a question better as a few parts of a few items each.
//
// Real shapes this is for: an etherpad retrospective where "What went well" is one long bullet
// list; a mail whose line breaks were lost, where one forum report is a single paragraph; a
// "Topic: X" block of "Discussion:" and "Action Items:" lists. Each part keeps the section's
// title (the answer line shows the part's own first sentence), and a part that starts inside a
// labelled list ("Action Items:") repeats the label, so its items stay decisions.
import type { Section } from './outline.ts';

/** Below this many characters a section reads at a glance: never split. */
export const PART_MIN_CHARS = 800;
/** A section holding this share of the document's text or more is split. */
export const PART_SHARE = 0.5;
/** A part is cut at the first item boundary once it holds this many characters... */
const PART_TARGET = 450;
/** ...and a last part shorter than this joins the one before. */
const PART_TAIL = 220;
/** A line longer than this (a paragraph whose line breaks were lost) is cut at sentence ends. */
const LONG_LINE = 500;
/** A label line: "Discussion:", "Action Items:", "What went well:" — short and ending in ':'. */
const LABEL_CHARS = 60;

interface Unit {
  lines: string[];
  chars: number;
  /** The label line in effect when this unit starts (not set on the label's own unit). */
  label?: string;
}

/** The section's parts, or the section itself when it is not long enough to split. */
export function splitParts(section: Section, docChars: number): Section[] {
  const chars = section.lines.reduce((n, l) => n + l.length, 0);
  if (chars < PART_MIN_CHARS || chars < PART_SHARE * docChars) return [section];
  const units = unitsOf(section.lines);
  const parts: Unit[][] = [];
  let current: Unit[] = [];
  let size = 0;
  for (const u of units) {
    if (size >= PART_TARGET && current.length) {
      parts.push(current);
      [current, size] = [[], 0];
    }
    current.push(u);
    size += u.chars;
  }
  if (current.length) {
    if (size < PART_TAIL && parts.length) parts[parts.length - 1].push(...current);
    else parts.push(current);
  }
  if (parts.length < 2) return [section];
  return parts.map((p) => {
    const lines = p.flatMap((u) => u.lines);
    const label = p[0].label;
    return { title: section.title, level: section.level, lines: label ? [label, ...lines] : lines };
  });
}

/**
 * Lines grouped into items: a paragraph, a top-level bullet with its nested lines, a label line,
 * or one sentence of a long line. Blank lines end a label's reach.
 */
function unitsOf(lines: string[]): Unit[] {
  const bulletIndent = lines.reduce((min, l) => (isBullet(l) ? Math.min(min, indentOf(l)) : min), Infinity);
  const units: Unit[] = [];
  let label: string | undefined;
  let afterBlank = true;
  const start = (text: string[], own = false) => {
    units.push({ lines: text, chars: text.reduce((n, l) => n + l.length, 0), ...(label && !own ? { label } : {}) });
  };
  for (const line of lines) {
    const t = line.trim();
    if (!t) {
      if (units.length) units[units.length - 1].lines.push('');
      afterBlank = true;
      label = undefined;
      continue;
    }
    const isLabel = t.length <= LABEL_CHARS && t.endsWith(':') && !isBullet(line);
    if (t.length > LONG_LINE) {
      for (const s of sentences(line)) start([s]);
    } else if (isLabel) {
      label = undefined;
      start([line], true);
      label = line;
    } else if (afterBlank || !units.length || (isBullet(line) && indentOf(line) <= bulletIndent)) {
      start([line]);
    } else {
      const u = units[units.length - 1];
      u.lines.push(line);
      u.chars += line.length;
    }
    afterBlank = false;
  }
  return units;
}

/**
 * A long line cut after '.', '!' or '?' followed by a space and a capital letter or digit
 * ("… this cycle. This will …"); a plain scan, so its cost is linear in the line.
 */
export function sentences(line: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let i = 1; i < line.length - 2; i++) {
    const c = line[i];
    if ((c === '.' || c === '!' || c === '?') && line[i + 1] === ' ' && /[\p{Lu}\p{N}]/u.test(line[i + 2]) && i + 1 - from >= 40) {
      out.push(line.slice(from, i + 1));
      from = i + 2;
    }
  }
  out.push(line.slice(from));
  return out;
}

function isBullet(line: string): boolean {
  const t = line.trimStart();
  return (t[0] === '-' || t[0] === '*' || t[0] === '+' || t[0] === '•') && (t[1] === ' ' || t[1] === '\t');
}

function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return i;
}
