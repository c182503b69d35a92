// A word the summaries only write shortened ("Alertmgr" for "Alertmanager"): the typed full word
// finds it. Only for words the index does not know, and only for contractions, not any subsequence.
import { describe, expect, it } from 'vitest';
import { PtgSearch } from '../../../src/ptg/search.ts';
import { corpus, filler, topic } from '../../helpers/corpus.ts';

const { repo } = corpus([
  {
    id: 'kolla-yoga',
    project: 'kolla',
    cycle: 'yoga',
    topics: [
      topic({ title: 'Monitoring', body: 'Add the OSISM Grafana dashboards and the Prometheus Alertmgr rules to the default deployment.' }),
      topic({ title: 'Images', body: 'Binary images are deprecated; source images stay, and the management network is split.' }),
      ...filler(12, 59),
    ],
  },
]);
const search = new PtgSearch(repo);
const alternatives = (q: string) => search.search(q).analysis.terms[0].alternatives.map((a) => a.phrase.join(' '));

describe('a shortened word in the summaries', () => {
  it('answers the full word typed', () => {
    expect(alternatives('alertmanager')).toEqual(['alertmanager', 'alertmgr']);
    expect(search.search('prometheus alertmanager rules').hits[0]?.topic).toBe('Monitoring');
  });

  it('only for a word the index lacks, sharing its first four letters and its last', () => {
    // A known word keeps its own; another last letter is another word.
    expect(alternatives('management')).toEqual(['management']);
    expect(alternatives('alertmanagerx')).toEqual(['alertmanagerx']);
  });
});
