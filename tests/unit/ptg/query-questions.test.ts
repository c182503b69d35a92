// Questions as people type them: a plain word no summary uses is most likely the asker's own
// paraphrase ("choose" for "select"), so it weighs little once two other words are known.
import { describe, expect, it } from 'vitest';
import { oneSummary, topic } from '../../helpers/corpus.ts';

const { search, first } = oneSummary({ id: 'nova-flamingo', project: 'nova', cycle: 'flamingo' }, [
  topic({ title: 'Threading', body: 'The concurrency backend is selected with an environment variable per service.' }),
  topic({ title: 'Privsep', body: 'The privsep migration is slow: two projects left.' }),
  topic({ title: 'Denver hotels', body: 'We met in Denver.' }),
]);

describe('a question with a word no summary uses', () => {
  it('is still answered from its known words', () => {
    expect(first('how does nova choose the concurrency backend')).toBe('Threading');
    expect(first('how is the privsep migration going')).toBe('Privsep');
    const weights = search.search('how does nova choose the concurrency backend').analysis.terms.map((t) => [t.text, t.weight ?? 1]);
    expect(weights).toEqual([
      ['choose', 0.3],
      ['concurrency', 1],
      ['backend', 1],
    ]);
  });

  it('needs two known words, and a question to begin with', () => {
    expect(first('what is the weather in denver')).toBeUndefined();
    expect(first('pick and choose the concurrency backend')).toBeUndefined();
    expect(first('how do we pick and choose the concurrency backend')).toBe('Threading');
    expect(first('how does nova choose the quantum backend')).toBeUndefined();
  });
});
