// What a question word asks for (lexicon.ts QUESTION_INTENTS): "when" is answered by a topic giving
// a week or a milestone, "why" by one giving the reasons. Like a question's filler, the intent only
// orders the answers; it never makes a topic an answer by itself.
import { describe, expect, it } from 'vitest';
import { oneSummary, topic } from '../../helpers/corpus.ts';

const { search, first } = oneSummary({ id: 'ironic-queens', project: 'ironic', cycle: 'queens' }, [
  topic({ title: 'Pike retrospective', body: 'Feature freeze came too late this cycle: feature freeze hurt the drivers and the client libraries.' }),
  topic({
    title: 'Release cycle',
    body: 'Feature freeze is two weeks before the branching at milestone 3, as agreed after a long talk about the client libraries and the gate.',
  }),
  topic({ title: 'Eventlet links', body: 'Eventlet removal: the eventlet guide and the eventlet tracker.' }),
  topic({ title: 'Background', body: 'Eventlet is unmaintained: the reason to remove eventlet from every service.' }),
  topic({ title: 'Travel', body: 'Two weeks in Denver, the schedule was full.' }),
]);
const terms = (q: string) => search.search(q).analysis.terms.map((t) => t.text);

describe('what a question word asks for', () => {
  it('orders the answers: a week or milestone for "when", the reasons for "why"', () => {
    expect(first('when is the feature freeze')).toBe('Release cycle');
    expect(first('feature freeze')).toBe('Pike retrospective');
    expect(first('why do we remove eventlet')).toBe('Background');
    expect(first('remove eventlet')).toBe('Eventlet links');
  });

  it('never answers by itself, and needs a word the question is about', () => {
    expect(first('when is the gate fixed')).toBeUndefined();
    expect(terms('when will it land')).toEqual(['land']);
    expect(terms('when is the feature freeze')).toEqual(['feature freeze', 'when']);
  });
});
