// Builds small stored corpora for search tests, with filler topics so bm25 IDF means something.
import type { Db } from '../../src/store/db.ts';
import { openDb } from '../../src/store/db.ts';
import { PtgRepo } from '../../src/ptg/repo.ts';
import { importParsed } from '../../src/ptg/importer.ts';
import { PtgSearch } from '../../src/ptg/search.ts';
import type { Topic } from '../../src/ptg/types.ts';

export type TopicSpec = Partial<Topic> & { title: string };

export function topic(spec: TopicSpec): Topic {
  const decisions = spec.decisions ?? [];
  return {
    title: spec.title,
    body: spec.body ?? [spec.title, ...decisions].join('\n'),
    subtopics: spec.subtopics ?? [],
    decisions,
    owners: spec.owners ?? [],
    links: spec.links ?? [],
  };
}

const FILLER_WORDS =
  'scheduler quota flavor image volume network port compute host cell conductor database upgrade release job gate review patch driver resource inventory allocation'.split(
    ' ',
  );

/** Deterministic filler topics about ordinary Nova matters. */
export function filler(n: number, seed = 1): Topic[] {
  let x = seed;
  const rnd = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: n }, (_, i) => {
    const pick = () => FILLER_WORDS[Math.floor(rnd() * FILLER_WORDS.length)];
    return topic({
      title: `Filler ${i} ${pick()} ${pick()}`,
      body: Array.from({ length: 30 }, pick).join(' '),
      decisions: [`We will look at the ${pick()} ${pick()}.`],
    });
  });
}

export function corpus(docs: { id: string; project: string; cycle: string; topics: Topic[] }[]): { db: Db; repo: PtgRepo } {
  const db = openDb(':memory:');
  const repo = new PtgRepo(db);
  for (const d of docs) {
    importParsed(repo, { format: 'markdown', topics: d.topics }, { id: d.id, project: d.project, cycle: d.cycle });
  }
  return { db, repo };
}

/**
 * One summary of `topics` padded with twelve filler topics (so a word's rarity means something),
 * its search, and the title of a query's first answer: the set-up of most query-rule tests.
 */
export function oneSummary(
  doc: { id: string; project: string; cycle: string },
  topics: Topic[],
): { search: PtgSearch; first: (q: string) => string | undefined } {
  const { repo } = corpus([{ ...doc, topics: [...topics, ...filler(12, 47)] }]);
  const search = new PtgSearch(repo);
  return { search, first: (q) => search.search(q).hits[0]?.topic };
}
