// A word also finds another word for the same thing (lexicon.ts SYNONYM_GROUPS), when a summary has
// it: "paid" finds "funding", "drop" finds "removal", for less than the word itself.
import { describe, expect, it } from 'vitest';
import { oneSummary, topic } from '../../helpers/corpus.ts';

const { search, first } = oneSummary({ id: 'keystone-queens', project: 'keystone', cycle: 'queens' }, [
  topic({ title: 'Travel', body: 'With funding from the foundation, three new contributors came to Denver.' }),
  topic({ title: 'API services', body: 'The removal of eventlet from the API services is planned for next cycle.' }),
  topic({ title: 'Gate', body: 'We drop the py27 jobs from the gate; eventlet is pinned there too.' }),
]);
const alternatives = (q: string) => search.search(q).analysis.terms.flatMap((t) => t.alternatives.map((a) => `${a.phrase.join(' ')}:${a.kind}`));

describe('another word for it', () => {
  it('answers with what the summary says in its own words', () => {
    expect(first('who paid for denver')).toBe('Travel');
    expect(first('drop eventlet from the api services')).toBe('API services');
  });

  it('counts for less than the word itself', () => {
    // "drop" is in Gate as typed: it comes before "removal".
    expect(search.search('drop eventlet').hits.map((h) => h.topic)).toEqual(['Gate', 'API services']);
  });

  it('is one word per stem, and only one a summary has', () => {
    expect(alternatives('paid')).toEqual(['paid:exact', 'fund:synonym']);
    expect(alternatives('travel')).toEqual(['travel:exact']);
  });
});
