// From sections to topics: choose which heading level the topics are, fold deeper sections into
// their topic as subtopics, then run the shared extractors on each topic's lines.
import type { Topic } from '../types.ts';
import { extractDecisions } from './decisions.ts';
import { extractLinks } from './links.ts';
import type { Outline, Section } from './outline.ts';
import { extractOwners } from './owners.ts';
import { standaloneSubtopics } from './subtopics.ts';

export interface TopicTree {
  /** Text that is not inside any topic: preamble plus document title / grouping sections. */
  context: string[];
  topics: Topic[];
}

interface Group {
  head: Section;
  subs: Section[];
}

export function buildTopics(outline: Outline): TopicTree {
  const context = [...outline.preamble];
  const level = topicLevel(outline.sections);
  const groups: Group[] = [];
  for (const s of outline.sections) {
    if (s.level === level) groups.push({ head: s, subs: [] });
    else if (s.level > level && groups.length) groups[groups.length - 1].subs.push(s);
    // A document title, a "Day 1" grouping heading, or a stray deeper heading before the first topic.
    else context.push(s.title, ...s.lines);
  }
  const topics = groups.map((g, i) => toTopic(g, i === groups.length - 1));
  return { context, topics };
}

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
  const subtopics = standaloneSubtopics(g.head.lines);
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

const SALUTATION = /^(best( regards)?|(kind |warm )?regards|cheers|thanks( again)?( all| everyone)?|thank you|many thanks|br|sincerely)[,.!]*$/i;

/** The mail's closing ("Best regards. René.") follows the last topic but is not part of it. */
export function dropSignOff(lines: string[]): string[] {
  for (let i = lines.length - 1; i >= 0 && i >= lines.length - 8; i--) {
    if (!SALUTATION.test(lines[i].trim())) continue;
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
    .replace(/^\n+|\n+$/g, '');
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
function cleanTitle(title: string): string {
  return title.replace(/\s*(?:🔗|¶|§|#|\uD83D\uDD17)+\s*$/u, '').trim() || title;
}
