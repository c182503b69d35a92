// From sections to topics: choose which heading level the topics are, fold deeper sections into
// their topic as subtopics, then run the shared extractors on each topic's lines.
import type { Topic } from '../types.ts';
import { isPageChrome } from './chrome.ts';
import { extractDecisions, isDecisionLine } from './decisions.ts';
import { extractLinks } from './links.ts';
import type { Outline, Section } from './outline.ts';
import { extractOwners } from './owners.ts';
import { recurringLabels, splitParts } from './parts.ts';
import { standaloneSubtopics } from './subtopics.ts';

export interface TopicTree {
  /** Text that is not inside any topic: preamble plus document title / grouping sections. */
  context: string[];
  topics: Topic[];
}

interface Group {
  head: Section;
  subs: Section[];
  /** Titles of the sections a split topic came from ("Status of Pike priorities", "Finished"). */
  parents?: string[];
}

/**
 * A topic this long, holding this share of the document, with two or more sub-sections, reads
 * as several topics: it is split.
 */
const SPLIT_CHARS = 1200;
const SPLIT_SHARE = 0.35;
/** In a mail, a group this long whose own text is a fifth of it or less is split (see splits). */
const GROUP_MIN_CHARS = 800;
const GROUP_OWN_SHARE = 5;
const DAY_HEADING = /\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)days?|days?[ \t]{0,3}\d{1,2})\b/i;

/**
 * `plain`: the outline is a mail's or a pad's (plain text, "# Group" / "## Topic" lines), where a
 * heading with little text of its own over two or more sections only groups them.
 */
export function buildTopics(outline: Outline, opts: { plain?: boolean } = {}): TopicTree {
  const plain = opts.plain === true;
  const context = [...(outline.meta ?? []), ...outline.preamble];
  const level = topicLevel(outline.sections);
  const groups: Group[] = [];
  for (const s of outline.sections) {
    if (s.level === level) groups.push({ head: s, subs: [] });
    else if (s.level > level && groups.length) groups[groups.length - 1].subs.push(s);
    // A document title, a "Day 1" grouping heading, or a stray deeper heading before the first topic.
    else context.push(s.title, ...s.lines);
  }
  const docChars = outline.sections.reduce((n, s) => n + chars(s), 0);
  // Once one topic splits into its sub-sections the page is that deep: a sibling long enough splits too.
  const large = Math.max(SPLIT_CHARS, SPLIT_SHARE * docChars);
  const deep = groups.some((g) => splits(g, large, plain, false));
  const minChars = deep ? SPLIT_CHARS : large;
  const recurring = recurringLabels(outline.sections);
  const split = groups
    .flatMap((g) => splitLarge(g, context, minChars, plain, deep))
    // A long section without sub-sections (a retrospective's one long list) splits into parts.
    .flatMap((g) => (g.subs.length ? [g] : splitParts(g.head, docChars, recurring).map((head) => ({ ...g, head }))));
  const all = split.map((g, i) => toTopic(g, i === split.length - 1));
  const topics = all.filter((t) => !isPageChrome(t));
  if (topics.length === 0) topics.push(...all);
  if (topics.length && substantive(outline.preamble)) topics.unshift(toTopic({ head: { title: 'Overview', level, lines: outline.preamble }, subs: [] }, false));
  return { context, topics };
}

function chars(s: Section): number {
  return s.lines.reduce((n, l) => n + l.length, s.title.length);
}

/**
 * A long topic made of sub-sections ("Status of Pike priorities" → "Finished" → "Booting from
 * cinder volumes") answers better as its sub-sections: each becomes a topic (recursively), the
 * parents' titles kept as its subtopics; the parent's own text stays a topic when it says something.
 * `deep`: another section of the page already split, so sub-sections are topics there; then a
 * section with text of its own over a single long sub-section ("# Release" … "## Security") splits too.
 */
function splits(g: Group, minChars: number, plain: boolean, deep: boolean): boolean {
  if (g.subs.length === 0) return false;
  const childLevel = Math.min(...g.subs.map((s) => s.level));
  const size = g.subs.reduce((n, s) => n + chars(s), chars(g.head));
  const children = g.subs.filter((s) => s.level === childLevel).length;
  if (children < 2 && !(deep && children === 1 && substantive(g.head.lines))) return false;
  // A day's heading ("Cross Project Days (Monday / Tuesday)", "Day 2") groups that day's topics,
  // even with a few lines of its own: its sections are the topics, whatever their size.
  if (DAY_HEADING.test(g.head.title)) return true;
  // In a mail, "# Kolla" with a line or two of its own over "## …" topics groups them: its
  // sections are the topics. (A page's heading over sub-sections is one topic in parts.)
  return size >= minChars || (plain && size >= GROUP_MIN_CHARS && chars(g.head) * GROUP_OWN_SHARE <= size);
}

function splitLarge(g: Group, context: string[], minChars: number, plain: boolean, deep: boolean): Group[] {
  if (!splits(g, minChars, plain, deep)) return [g];
  const childLevel = Math.min(...g.subs.map((s) => s.level));
  const parents = [...(g.parents ?? []), g.head.title];
  const out: Group[] = [];
  if (substantive(g.head.lines)) out.push({ head: g.head, subs: [], parents: g.parents });
  else context.push(g.head.title, ...g.head.lines);
  let current: Group | undefined;
  for (const s of g.subs) {
    if (s.level === childLevel) out.push((current = { head: s, subs: [], parents }));
    else if (current) current.subs.push(s);
    else context.push(s.title, ...s.lines);
  }
  // Below a split section, any sub-section long enough is split too: the page is that deep.
  return out.flatMap((c) => (c.head === g.head ? [c] : splitLarge(c, context, SPLIT_CHARS, plain, true)));
}

const GREETING = /^(?:hi|hello|hey|dear|greetings|good (?:morning|afternoon|evening))\b.{0,40}$/i;
/** Words of prose a preamble needs to be a topic of its own ("Hi all, here is the summary" is not). */
const OVERVIEW_WORDS = 25;

/** The preamble says something: enough words once greetings and sign-offs are set aside, or a decision. */
export function substantive(preamble: string[]): boolean {
  let words = 0;
  // Sentences run over a mail's wrapped lines: each paragraph is read as one text.
  let paragraph = '';
  const read = () => {
    for (const sentence of paragraph.slice(0, 2000).split(/(?<=[.!?])\s/)) {
      if (!CHATTER.test(sentence)) words += sentence.split(/\s+/).filter(Boolean).length;
    }
    paragraph = '';
  };
  for (const line of preamble) {
    const t = line.trim();
    if (!t) read();
    if (!t || (t.length < 60 && (GREETING.test(t) || SALUTATION.test(t)))) continue;
    if (t.startsWith('---') || /^[\w-]{1,30}:[ \t]/.test(t)) continue; // front matter a page left in its text
    if (isDecisionLine(t)) return true;
    if (paragraph.length < 2000) paragraph += `${t} `;
  }
  read();
  return words >= OVERVIEW_WORDS;
}

/**
 * Sentences about the meeting or the mail itself say nothing: thanks, attendance, where the notes
 * or recordings are, "please reply", apologies for the delay.
 */
const CHATTER =
  /\b(?:thanks?|thank you|enjoy(?:ed)?|hope|summary|summari[sz]e|recap|attend(?:ed|ance|ees)?|joined|participants|notes|below|here(?:'s|’s| is| are)|last week|this week|feedback|welcome|sorry|apologi[sz]e|please (?:see|check|look|reply|feel free|follow|reach|let)|reply|questions|check out|dig in|for more|more (?:context|details|information)|long version|recorded|recordings?|exhaustive|(?:this|the) (?:mail|e-?mail|thread|post)|write down|typed up|coffee)\b/i;

/**
 * The topic level is the shallowest one, except that (repeatedly):
 *  - a level used by a single heading that has deeper headings below it is a document title;
 *  - a level whose headings all have deeper headings and no text of their own only groups topics
 *    (e.g. "Monday" / "Tuesday").
 * Empty headings with nothing below them (a blog's site name) do not count when deciding.
 */
export function topicLevel(sections: Section[]): number {
  const levels = [...new Set(sections.map((s) => s.level))].sort((a, b) => a - b);
  for (let i = 0; i < levels.length - 1; i++) {
    const level = levels[i];
    const here = sections
      .map((s, idx) => ({ s, children: hasChildren(sections, idx) }))
      .filter(({ s, children }) => s.level === level && (children || hasText(s)));
    if (here.length === 0) continue;
    if (here.length === 1 && here[0].children) continue;
    if (here.every(({ s, children }) => children && !hasText(s))) continue;
    return level;
  }
  return levels[levels.length - 1] ?? 1;
}

function hasChildren(sections: Section[], idx: number): boolean {
  const next = sections[idx + 1];
  return next !== undefined && next.level > sections[idx].level;
}

function hasText(s: Section): boolean {
  return s.lines.some((l) => l.trim() !== '');
}

function toTopic(g: Group, last: boolean): Topic {
  // Sub-section titles stay in the text (as lines of their own) so the body reads like the page.
  let lines = [...g.head.lines];
  const subtopics = [...(g.parents ?? []), ...standaloneSubtopics(g.head.lines)];
  for (const sub of g.subs) {
    lines.push('', sub.title, ...sub.lines);
    if (sub.title) subtopics.push(sub.title, ...standaloneSubtopics(sub.lines));
  }
  if (last) lines = dropSignOff(lines);
  const decisions = extractDecisions(lines);
  const body = tidy(lines);
  return {
    title: cleanTitle(g.head.title),
    body,
    subtopics: unique(subtopics),
    decisions: decisions.map((d) => d.text),
    owners: extractOwners(decisions),
    links: extractLinks(body),
  };
}

// "Thanks," / "Cheers, Sylvain" / "Best regards. René." / "-- gibi": a closing, with a name or not.
const SALUTATION =
  /^(?:[Bb]est(?: [Rr]egards)?|(?:[Kk]ind |[Ww]arm )?[Rr]egards|[Cc]heers|[Tt]hanks(?: again)?(?: all| everyone| folks)?|[Tt]hank you(?: all)?|[Mm]any thanks|BR|[Ss]incerely|--[ \t]?\p{L}[\p{L}\d_-]{0,30})(?:[,.!]{0,3}[ \t]{0,3}\p{Lu}[\p{L}.'-]{0,20}(?: \p{Lu}[\p{L}.'-]{0,20}){0,2}|,[ \t]{0,3}\p{Ll}[\p{Ll}\d_-]{0,20})?[,.!]{0,3}$/u;

/** The mail's closing ("Best regards. René.") follows the last topic but is not part of it. */
export function dropSignOff(lines: string[]): string[] {
  for (let i = lines.length - 1; i >= 0 && i >= lines.length - 8; i--) {
    const t = lines[i].trim();
    if (t.length > 60 || !SALUTATION.test(t)) continue;
    const after = lines.slice(i + 1).filter((l) => l.trim() !== '');
    if (after.length <= 3) return lines.slice(0, i);
  }
  return lines;
}

/** Right-trims lines, collapses runs of blank lines and trims the ends. */
export function tidy(lines: string[]): string {
  return lines
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|(?<!\n)\n+$/g, ''); // lookbehind: a trailing run is tried once
}

function unique(items: string[]): string[] {
  const seen = new Set<string>();
  return items.filter((t) => {
    const key = t.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// Heading permalinks rendered as symbols ("Context 🔗", "Usage ¶") are not part of the title.
// A scan from the end, not a regex: /\s*(?:🔗|¶|§|#|\uD83D\uDD17)+\s*$/u had one symbol twice in its
// alternation ('🔗' is U+1F517 under /u), so 30 link symbols took seconds; any unanchored
// "strip the trailing run" regex is quadratic on a long run that ends in something else.
const PERMALINK = new Set(['🔗', '¶', '§', '#']);

function cleanTitle(title: string): string {
  const chars = Array.from(title);
  let end = chars.length;
  let symbol = false;
  while (end > 0 && (PERMALINK.has(chars[end - 1]) || /^\s$/u.test(chars[end - 1]))) {
    if (PERMALINK.has(chars[end - 1])) symbol = true;
    end--;
  }
  return (symbol ? chars.slice(0, end).join('') : title).trim() || title;
}
