// Ranking on the headings real summaries have: numbered titles, bare headings, split sections.
import { describe, expect, it } from 'vitest';
import { PtgSearch } from '../../../src/ptg/search.ts';
import { corpus, filler, topic } from '../../helpers/corpus.ts';

describe('search over real heading shapes', () => {
  const { repo } = corpus([
    {
      id: 'cinder-rocky',
      project: 'cinder',
      cycle: 'rocky',
      topics: [
        topic({ title: '1. Development goal', body: 'Finish multiattach and drop the v2 API this cycle.' }),
        topic({ title: 'Replication failback', body: '' }),
        topic({
          title: 'Replication',
          body: 'Replication failback stays manual; every driver documents its failback steps and the failback tests run nightly in the third-party CI.',
        }),
        ...filler(20),
      ],
    },
  ]);
  const search = new PtgSearch(repo);

  it('a numbered title matches without its number', () => {
    expect(search.search('development goal').hits[0].topic).toBe('1. Development goal');
    // Naming every word of a title makes it an answer even when its other words are elsewhere...
    expect(search.search('development goal for the scheduler quota flavor').hits[0]?.topic).toBe('1. Development goal');
    // ...but not when they are in no summary: the query is about something the summaries lack.
    expect(search.search('development goal for the zyxwv qrstu').hits[0]?.topic).toBeUndefined();
  });

  it('a heading with an empty body does not outrank a full section on the same subject', () => {
    expect(
      search
        .search('replication failback')
        .hits.map((h) => h.topic)
        .slice(0, 2),
    ).toEqual(['Replication', 'Replication failback']);
  });
});
