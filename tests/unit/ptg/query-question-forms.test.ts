// Questions as typed in channel do not always start with a question word: "i wonder what
// happened to X", "hey, who owns X", "remind me what we decided on X", "anyone working on X".
// They are questions too, so the words they are phrased with weigh little.
import { describe, expect, it } from 'vitest';
import { PtgSearch } from '../../../src/ptg/search.ts';
import { corpus, filler, topic } from '../../helpers/corpus.ts';

const { repo } = corpus([
  {
    id: 'ironic-flamingo',
    project: 'ironic',
    cycle: 'flamingo',
    topics: [
      topic({ title: 'Redfish', body: 'Alice is working on the redfish virtual media boot interface.' }),
      topic({ title: 'Mentors', body: 'Someone will remind, explain and say hello to new people; I wonder who came.' }),
      ...filler(12, 31),
    ],
  },
]);
const search = new PtgSearch(repo);
const first = (q: string) => search.search(q).hits[0]?.topic;
const phrasing = (q: string) =>
  search
    .search(q)
    .analysis.terms.filter((t) => t.phrasing)
    .map((t) => t.text);

describe('a question that does not start with a question word', () => {
  it('is one when a question word comes in its first words', () => {
    expect(phrasing('i wonder what came of redfish')).toEqual(['wonder', 'came']);
    expect(phrasing('hey, who is working on redfish')).toEqual(['hey', 'working']);
    expect(first('i wonder what came of redfish')).toBe('Redfish');
  });

  it('is one when it starts with a request', () => {
    expect(first('remind me what we decided on redfish')).toBe('Redfish');
    expect(first('explain redfish')).toBe('Redfish');
    expect(phrasing('anyone working on redfish')).toEqual(['anyone', 'working']);
  });

  it('is not one when the question word comes late', () => {
    expect(phrasing('redfish virtual media boot working what')).toEqual([]);
  });
});
