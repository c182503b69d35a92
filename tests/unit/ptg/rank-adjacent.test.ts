// Two words typed one after the other that a topic has side by side ("privsep migration") make
// that topic the answer over one that has them apart, even with one of them in its title.
import { describe, expect, it, vi } from 'vitest';
import { PtgSearch } from '../../../src/ptg/search.ts';
import { TopicIndex } from '../../../src/ptg/topic-index.ts';
import { corpus, filler, topic } from '../../helpers/corpus.ts';

const { repo } = corpus([
  {
    id: 'neutron-wallaby',
    project: 'neutron',
    cycle: 'wallaby',
    topics: [
      topic({
        title: 'Change from rootwrap to the privsep',
        body: 'This is a community goal now. Rodolfo explained several possible strategies of migration to us.',
      }),
      ...filler(10, 3),
    ],
  },
  {
    id: 'tc-flamingo',
    project: 'tc',
    cycle: 'flamingo',
    topics: [
      topic({ title: 'Goals retrospective', body: 'We reviewed the community goals. Privsep migration: progress is slow, tracking is hard.' }),
      ...filler(10, 5),
    ],
  },
]);
const search = new PtgSearch(repo);
const first = (q: string) => search.search(q).hits[0]?.document;

describe('query words side by side', () => {
  it('prefer the topic that has them next to each other', () => {
    expect(first('how is the privsep migration going')).toBe('tc-flamingo');
  });

  it('leave one-word queries to the other rules', () => {
    expect(first('privsep')).toBe('neutron-wallaby');
  });

  it('look up each phrase of the query once, not once per candidate topic', () => {
    // Twelve topics with both words apart: every one is a candidate for the side-by-side bonus.
    const many = corpus([
      {
        id: 'nova-flamingo',
        project: 'nova',
        cycle: 'flamingo',
        topics: Array.from({ length: 12 }, (_, i) => topic({ title: `Item ${i}`, body: `The privsep work goes on. Later the migration ${i} too.` })),
      },
    ]);
    const s = new PtgSearch(many.repo);
    s.search('privsep'); // index built
    const phrase = vi.spyOn(TopicIndex.prototype, 'phrase');
    try {
      s.search('privsep migration');
      // Scoring reads each phrase once; the pair check once per search, not once per topic.
      expect(phrase.mock.calls.filter(([words]) => words.join(' ') === 'privsep').length).toBeLessThanOrEqual(3);
    } finally {
      phrase.mockRestore();
    }
  });
});
