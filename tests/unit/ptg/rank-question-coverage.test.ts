// A question is answered by a topic with half of its subject's weight; a list of keywords needs
// more (55%). The words of a question are the asker's own, and fewer of them are in the answer.
import { describe, expect, it } from 'vitest';
import { PtgSearch } from '../../../src/ptg/search.ts';
import { corpus, filler, topic } from '../../helpers/corpus.ts';

const { repo } = corpus([
  {
    id: 'keystone-rocky',
    project: 'keystone',
    cycle: 'rocky',
    topics: [
      topic({ title: 'Limits', body: 'We met in Dublin and created oslo.limits.' }),
      topic({ title: 'Sprint', body: 'The sprint planning moved online.' }),
      ...filler(12, 5),
    ],
  },
]);
const search = new PtgSearch(repo);
const topics = (q: string) => search.search(q).hits.map((h) => h.topic);

describe('how much of a question a topic must cover', () => {
  it('is half of its subject', () => {
    expect(topics('what happened at the dublin sprint')).toContain('Limits');
    expect(topics('dublin sprint')).toEqual([]);
  });

  it('is never one known word beside one no summary has', () => {
    expect(topics('what is the weather in dublin')).toEqual([]);
  });
});
