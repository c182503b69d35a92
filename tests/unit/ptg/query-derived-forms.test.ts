// A word also finds the forms the stemmer keeps apart: "contributing" finds "contributor", for
// less than the word itself. Plurals and verb forms share a stem already; a person or a thing made
// from a verb ("-or", "-ion") often does not.
import { describe, expect, it } from 'vitest';
import { oneSummary, topic } from '../../helpers/corpus.ts';

const { search, first } = oneSummary({ id: 'monasca-rocky', project: 'monasca', cycle: 'rocky' }, [
  topic({ title: 'Community', body: 'HPE was a major contributor and user of the project from the start.' }),
  topic({ title: 'Docs', body: 'The contributing guide moves to the main repository; include the release notes.' }),
  topic({ title: 'Sponsors', body: 'HPE joined the call over GoToMeeting.' }),
]);
const alternatives = (q: string) => search.search(q).analysis.terms.flatMap((t) => t.alternatives.map((a) => `${a.phrase.join(' ')}:${a.kind}`));

describe('another form of a word', () => {
  it('answers for a little less than the word itself', () => {
    expect(first('did HPE stop contributing')).toBe('Community');
    expect(first('contributing')).toBe('Docs');
    expect(first('hpe contributors')).toBe('Community');
    expect(alternatives('contributing')).toEqual(['contributing:exact', 'contributor:derived']);
  });

  it('is a stem extended by a short suffix, never a short stem', () => {
    expect(alternatives('inclusion')).toEqual(['inclusion:exact']);
    expect(alternatives('users')).toEqual(['users:exact']);
  });
});
