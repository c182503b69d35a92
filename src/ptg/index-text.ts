// The searchable text of a topic, column by column, worked out from the stored topic and its
// document whenever the in-memory index is built: nothing of it is stored twice.
import { personNames } from './lexicon.ts';
import type { Topic } from './types.ts';
import { indexable } from './words.ts';

/** What a topic's index columns are made of: its texts and its document's names. */
export type IndexSource = Pick<Topic, 'title' | 'body' | 'subtopics' | 'decisions' | 'owners'> & {
  project: string;
  cycle: string;
  release: string | null;
};

/**
 * title, subtopics, decisions, owners, body, meta: the order topic-index.ts and rank.ts number
 * them in. Owners come with their known nicks and names, so "gibizer" finds what "Gibi" owns.
 */
export function indexColumns(t: IndexSource): string[] {
  const names = new Set<string>();
  for (const owner of t.owners) {
    names.add(owner);
    for (const n of personNames(owner) ?? []) names.add(n);
  }
  return [
    indexable(t.title),
    indexable(t.subtopics.join('\n')),
    indexable(t.decisions.join('\n')),
    [...names].join('\n'),
    indexable(t.body),
    [t.project, t.cycle, t.release ?? ''].join(' '),
  ];
}
