// A summary that is one retrospective ("[nova][ptg] Summary: Stein Retrospective", "Rocky PTG
// summary - Queens retrospective"): its sections ("What went well", "What needs to improve") never
// say so themselves. Like a group heading's, the title's "<series> retrospective" is every topic's
// parent heading (first of its subtopics), so "nova queens retrospective" finds them, in the
// Queens scope (scope.ts reads subtopics as titles) though the summary is of the next cycle.
import type { Topic } from '../types.ts';
import { SERIES } from './vocabulary.ts';

const MAX_TITLE = 200;
const SERIES_NAMES = SERIES.flatMap((s) => [s.name, ...(s.release ? [s.release.replace('.', '\\.')] : [])]).join('|');
/** "Stein Retrospective", "2025.1 Epoxy retrospective", "Queens cycle retrospective". */
const RETROSPECTIVE = new RegExp(`(?<![\\w.])(?:(?:${SERIES_NAMES})\\s+){1,2}(?:cycle\\s+)?retrospective\\b`, 'i');
/** A title about planning too covers more than the retrospective: it is no parent of every topic. */
const PLANNING = /\bplan(?:ning|s)?\b/i;

/** The "<series> retrospective" a summary's title (its first line) says the whole summary is; undefined if none. */
export function retrospectiveOfTitle(head: string): string | undefined {
  const title = (
    head
      .slice(0, 1000)
      .split('\n')
      .find((l) => l.trim() !== '') ?? ''
  ).slice(0, MAX_TITLE);
  if (PLANNING.test(title)) return undefined;
  return RETROSPECTIVE.exec(title)?.[0].replace(/\s+/g, ' ');
}

/** Every topic with the retrospective as its first subtopic, unless its title or a subtopic names a retrospective already. */
export function underRetrospective(topics: Topic[], retrospective: string): Topic[] {
  return topics.map((t) =>
    /\bretrospective\b/i.test(t.title) || t.subtopics.some((s) => /\bretrospective\b/i.test(s)) ? t : { ...t, subtopics: [retrospective, ...t.subtopics] },
  );
}
