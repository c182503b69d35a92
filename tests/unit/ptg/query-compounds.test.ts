// One word written as two, or two as one: "subteams" finds "sub-teams" and the other way round.
import { describe, expect, it } from 'vitest';
import { PtgSearch } from '../../../src/ptg/search.ts';
import { corpus, filler, topic } from '../../helpers/corpus.ts';

const { repo } = corpus([
  {
    id: 'ironic-flamingo',
    project: 'ironic',
    cycle: 'flamingo',
    topics: [
      topic({ title: 'Networking', body: 'Consensus was to allow sub-teams to self organize around two focus areas.' }),
      topic({ title: 'Changelog', body: 'Every change gets a releasenote written by its author.' }),
      ...filler(10, 3),
    ],
  },
]);
const search = new PtgSearch(repo);
const first = (q: string) => search.search(q).hits[0]?.topic;

describe('compound words', () => {
  it('finds two words for one typed as one', () => {
    expect(first('subteams')).toBe('Networking');
    expect(first('self organizing subteams')).toBe('Networking');
  });

  it('finds one word for two typed apart', () => {
    expect(first('release-note')).toBe('Changelog');
  });
});
