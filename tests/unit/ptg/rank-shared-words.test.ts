// Ranking rule: when many summaries share a word (every retrospective says "retrospective"), the
// topic that says most about the rest of the query wins, not the one whose title is the shared word.
import { describe, expect, it } from 'vitest';
import { PtgSearch } from '../../../src/ptg/search.ts';
import { corpus, filler, topic } from '../../helpers/corpus.ts';

const retro = (title: string, body: string) => [topic({ title, body }), ...filler(8, title.length)];
const { repo } = corpus([
  {
    id: 'nova-xena',
    project: 'nova',
    cycle: 'xena',
    topics: retro('Retrospective', 'A good retrospective: the gate held, the review backlog stayed small and specs landed early.'),
  },
  {
    id: 'nova-yoga',
    project: 'nova',
    cycle: 'yoga',
    topics: retro('Retrospective', 'Retrospective of the retrospective process itself; we keep the etherpad format.'),
  },
  {
    id: 'nova-zed',
    project: 'nova',
    cycle: 'zed',
    topics: retro(
      'Zed cycle look back',
      'In the retrospective we found the gate unstable for weeks and the review backlog at 200 patches; gate fixes come first.',
    ),
  },
  { id: 'nova-antelope', project: 'nova', cycle: 'antelope', topics: retro('Retrospective', 'The review backlog shrank thanks to review days.') },
]);
const search = new PtgSearch(repo);

describe('a word many summaries share', () => {
  it('lets the other words of the query decide', () => {
    expect(search.search('retrospective unstable gate review backlog').hits[0]?.document).toBe('nova-zed');
    expect(search.search('retrospective review days').hits[0]?.document).toBe('nova-antelope');
    expect(search.search('retrospective unstable gate review backlog').hits.map((h) => h.document)).toContain('nova-xena');
  });
});
