// Long flat sections split into parts: a section with no sub-headings that holds most of a
// summary's text answers a question better as a few parts of a few items each.
//
// Real shapes this is for: an etherpad retrospective where "What went well" is one long bullet
// list; a mail whose line breaks were lost, where one forum report is a single paragraph; a
// "Topic: X" block of "Discussion:" and "Action Items:" lists. Each part keeps the section's
// title (the answer line shows the part's own first sentence), and a part that starts inside a
// labelled list ("Action Items:") repeats the label, so its items stay decisions.
// Where the section labels its own parts ("What went well:", "**What needs improvement**", a
// short line over a list), the cuts fall at the labels and each part's title adds its label
// ("Retrospective: What went well"); labels every topic has ("Discussion:") are not such parts.
import type { Section } from './outline.ts';
import { firstWords } from './title-lines.ts';

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
/** A longer line ending in ':' over a list leads in to it: a part inside the list repeats it too. */
const LEAD_IN_CHARS = 200;

interface Unit {
  lines: string[];
  chars: number;
  /** The label line in effect when this unit starts (not set on the label's own unit). */
  label?: string;
  /** On a label's own unit: the label as a part's title ("What went well"). */
  title?: string;
}

/** The section's parts, or the section itself when it is not long enough to split. */
export function splitParts(section: Section, docChars: number, recurring: ReadonlySet<string> = new Set()): Section[] {
  const chars = section.lines.reduce((n, l) => n + l.length, 0);
  if (chars < PART_MIN_CHARS || chars < PART_SHARE * docChars) return [section];
  const units = unitsOf(section.lines);
  // Labelled parts ("What went well:", "**What needs improvement**"): the reader sees them as the
  // section's own sections, so the cuts fall there first, each titled by its label. A label that
  // recurs in other sections ("Discussion:" / "Action Items:" in every topic) is the summary's
  // template, not a section of this one.
  for (const u of units) if (u.title !== undefined && recurring.has(u.title.toLowerCase())) delete u.title;
  const groups = labelGroups(units);
  const parts: { title: string; units: Unit[] }[] = [];
  for (const g of groups) {
    const title = g.label ? `${section.title}: ${g.label}` : section.title;
    for (const p of bySize(g.units)) parts.push({ title, units: p });
  }
  if (parts.length < 2) return [section];
  // A block titled by its own first words (no heading named it): each part by its own first words.
  const untitled = section.title === firstWords(section.lines.find((l) => l.trim()) ?? '');
  return parts.map((p) => {
    const lines = p.units.flatMap((u) => u.lines);
    const label = p.units[0].label;
    const title = untitled && !label ? firstWords(lines.find((l) => l.trim()) ?? '') || p.title : p.title;
    return { title, level: section.level, lines: label ? [label, ...lines] : lines };
  });
}

/** Labels (lower case) found in two or more of the sections: a template's, not a section's own. */
export function recurringLabels(sections: Section[]): Set<string> {
  const seen = new Map<string, number>();
  for (const s of sections) {
    const own = new Set(unitsOf(s.lines).flatMap((u) => (u.title !== undefined ? [u.title.toLowerCase()] : [])));
    for (const l of own) seen.set(l, (seen.get(l) ?? 0) + 1);
  }
  return new Set([...seen].filter(([, n]) => n >= 2).map(([l]) => l));
}

/** A section's units cut into parts of about PART_TARGET characters at item boundaries. */
function bySize(units: Unit[]): Unit[][] {
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
  return parts;
}

/** Words a label may have to title a part: "What needs to improve", not a lead-in sentence. */
const LABEL_WORDS = 6;
/** A labelled group shorter than this (a label over one short line) stays with the one before. */
const LABEL_MIN_CHARS = 80;

/**
 * Units grouped at the section's labels, when two or more labels each head some text: the text
 * before the first label (if any) and then one group per label. One group, unlabelled, otherwise.
 */
function labelGroups(units: Unit[]): { label?: string; units: Unit[] }[] {
  const groups: { label?: string; units: Unit[] }[] = [{ units: [] }];
  for (const u of units) {
    const title = u.title;
    if (title !== undefined) groups.push({ label: title, units: [] });
    groups[groups.length - 1].units.push(u);
  }
  const size = (g: { units: Unit[] }) => g.units.reduce((n, u) => n + u.chars, 0);
  // A label over almost nothing joins the group before it (its text stays, only the cut goes).
  for (let i = groups.length - 1; i >= 1; i--) {
    if (groups[i].label !== undefined && size(groups[i]) < LABEL_MIN_CHARS) {
      groups[i - 1].units.push(...groups[i].units);
      groups.splice(i, 1);
    }
  }
  if (groups[0].units.length === 0) groups.shift();
  const labelled = groups.filter((g) => g.label !== undefined);
  if (labelled.length < 2) return [{ units }];
  // A short lead-in before the first label reads with it.
  if (groups[0].label === undefined && size(groups[0]) < PART_TAIL) {
    const [intro, first] = groups;
    groups.splice(0, 2, { label: first.label, units: [...intro.units, ...first.units] });
  }
  return groups;
}

/**
 * Lines grouped into items: a paragraph, a top-level bullet with its nested lines, a label line,
 * or one sentence of a long line. Blank lines end a label's reach, except one right below it.
 */
function unitsOf(lines: string[]): Unit[] {
  const bulletIndent = lines.reduce((min, l) => (isBullet(l) ? Math.min(min, indentOf(l)) : min), Infinity);
  const units: Unit[] = [];
  let label: string | undefined;
  // The label line was the last text: a blank below it does not end its reach ("Action Items:", blank, list).
  let justLabelled = false;
  let afterBlank = true;
  const start = (text: string[], own = false) => {
    units.push({ lines: text, chars: text.reduce((n, l) => n + l.length, 0), ...(label && !own ? { label } : {}) });
  };
  lines.forEach((line, i) => {
    const t = line.trim();
    if (!t) {
      if (units.length) units[units.length - 1].lines.push('');
      afterBlank = true;
      if (!justLabelled) label = undefined;
      return;
    }
    justLabelled = false;
    // A label, or a sentence leading in to the list below it ("this is the way the team works:").
    const isLabel = t.endsWith(':') && !isBullet(line) && (t.length <= LABEL_CHARS || (t.length <= LEAD_IN_CHARS && listBelow(lines, i)));
    if (t.length > LONG_LINE) {
      for (const s of sentences(line)) start([s]);
    } else if (isLabel) {
      label = undefined;
      start([line], true);
      label = line;
      justLabelled = true;
      const title = labelTitle(t);
      if (title) units[units.length - 1].title = title;
    } else if (afterBlank && indentOf(line) === 0 && headsBelow(lines, i) && labelTitle(t, true)) {
      // "**What went well**" or a short line of its own over a list: a label without a colon.
      start([line]);
      units[units.length - 1].title = labelTitle(t, true);
    } else if (afterBlank || !units.length || (isBullet(line) && indentOf(line) <= bulletIndent)) {
      start([line]);
    } else {
      const u = units[units.length - 1];
      u.lines.push(line);
      u.chars += line.length;
    }
    afterBlank = false;
  });
  return units;
}

const EMPHASISED = /^(\*\*|__|\*|_)([^*_]{1,60})\1:?$/;

/**
 * A label's words as a part title: a few words with a letter, not a bullet or a sentence
 * ("What went well", "Action items"), not a lead-in ("Essentially, three ideas were considered:")
 * or code ("if not ready():"). `bare`: a line without a colon must be emphasised, or end without
 * punctuation.
 */
function labelTitle(text: string, bare = false): string | undefined {
  if (isBullet(text) || text.length > LABEL_CHARS) return undefined;
  const em = EMPHASISED.exec(text);
  const core = (em ? em[2] : text).replace(/:$/, '').trim();
  if (!/^[\p{Lu}\d]/u.test(core) || /[,;()[\]{}=_<>`]|https?:/.test(core) || core.split(/\s+/).length > LABEL_WORDS) return undefined;
  if (bare && !em && /[.,;:!?)]$/.test(text)) return undefined;
  return core;
}

/** A list starts on the line after i, or after one blank line. */
function listBelow(lines: string[], i: number): boolean {
  const next = lines[i + 1] !== undefined && !lines[i + 1].trim() ? lines[i + 2] : lines[i + 1];
  return next !== undefined && startsList(next);
}

/** The line after i is blank with text further down, or starts a list. */
function headsBelow(lines: string[], i: number): boolean {
  const next = lines[i + 1];
  if (next === undefined) return false;
  if (startsList(next)) return true;
  if (next.trim() !== '') return false;
  for (let j = i + 2; j < lines.length; j++) if (lines[j].trim()) return true;
  return false;
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

/** A bullet or a numbered item ("1. ", "2) "). */
function startsList(line: string): boolean {
  return isBullet(line) || /^\s*\d{1,2}[.)]\s/.test(line);
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
