// "the dublin ptg": an in-person PTG's city names the cycle it planned (Dublin planned Rocky), so
// the query's other words are looked for in that cycle's summaries, not next to the word "Dublin".
import { describe, expect, it } from 'vitest';
import { PtgSearch } from '../../../src/ptg/search.ts';
import { corpus, filler, topic } from '../../helpers/corpus.ts';

const { repo } = corpus([
  {
    id: 'designate-rocky',
    project: 'designate',
    cycle: 'rocky',
    topics: [
      topic({ title: 'Unified limits', body: 'It was decided to create oslo.limits for the limits kept in keystone.' }),
      topic({ title: 'The hotel', body: 'The hotel in Dublin was amazing during the snow.' }),
      ...filler(12, 31),
    ],
  },
  {
    id: 'nova-stein',
    project: 'nova',
    cycle: 'stein',
    topics: [topic({ title: 'Limits', body: 'Unified limits in placement were discussed again.' }), ...filler(12, 37)],
  },
]);
const search = new PtgSearch(repo);

describe('a PTG city in the query', () => {
  it('names the cycle that PTG planned', () => {
    const r = search.search('what was decided about limits at the dublin ptg');
    expect(r.analysis.cycles).toEqual(['rocky']);
    expect(r.hits[0]?.topic).toBe('Unified limits');
  });

  it('is a plain word without "PTG", or when the query names a project', () => {
    expect(search.search('hotel in dublin').analysis.cycles).toEqual([]);
    expect(search.search('designate dublin ptg limits').analysis.cycles).toEqual([]);
  });
});
