// A query that names a topic's title answers with it even below the coverage a topic needs, but
// not when the query also has a word no summary has: "erasure coding policy" is about
// something else than "Policy in Code".
import { describe, expect, it } from 'vitest';
import { oneSummary, topic } from '../../helpers/corpus.ts';

const { first } = oneSummary({ id: 'keystone-queens', project: 'keystone', cycle: 'queens' }, [
  topic({ title: 'Policy in Code', body: 'Default rules move into the service; a policy file only overrides them.' }),
  topic({ title: 'Unified limits', body: 'Limits are stored in keystone and read by the services.' }),
  // "policy" and "code" are common words here: naming the title is what finds "Policy in Code".
  ...['Quota', 'Flavors', 'Images', 'Cells'].map((title) => topic({ title, body: `${title} policy changes need code review.` })),
]);

describe('a query naming a title', () => {
  it('answers with it when the summaries know its other words', () => {
    expect(first('policy in code')).toBe('Policy in Code');
    expect(first('policy in code scheduler quota flavor')).toBe('Policy in Code');
  });

  it('does not when another of its words is in no summary', () => {
    expect(first('erasure coding policy')).toBeUndefined();
    expect(first('policy in code for bluetooth pairing')).toBeUndefined();
  });
});
