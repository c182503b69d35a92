// Questions typed with apostrophes: "what's", "nova's", "didn't". The clitic is dropped, so the
// word is what it names (a question word, a project, an identifier) instead of a two-word phrase
// ("what s") that every answer had to hold.
import { describe, expect, it } from 'vitest';
import { oneSummary, topic } from '../../helpers/corpus.ts';

const { search, first } = oneSummary({ id: 'nova-flamingo', project: 'nova', cycle: 'flamingo' }, [
  topic({ title: 'Threading', body: 'The concurrency backend is selected with an environment variable per service.' }),
  topic({ title: "What's new in placement", body: "Placement's allocation candidates are faster." }),
  topic({ title: 'Policy', body: 'The oslo.policy defaults move to secure RBAC this cycle.' }),
]);

describe('a query with clitics', () => {
  it('reads "what\'s" as a question word and "nova\'s" as the project', () => {
    expect(first("what's the concurrency backend")).toBe('Threading');
    expect(first('what’s the concurrency backend')).toBe('Threading');
    expect(first("what's nova's concurrency backend")).toBe('Threading');
    expect(search.search("nova's concurrency backend").analysis.projects).toEqual(['nova']);
    expect(first("what's the status of oslo.policy's defaults")).toBe('Policy');
  });

  it('reads a negated auxiliary as the auxiliary', () => {
    expect(first("didn't we pick a concurrency backend")).toBe('Threading');
    expect(search.search("won't we pick a concurrency backend").analysis.dropped).toContain('will');
    expect(search.search("isn't the concurrency backend set").analysis.terms.map((t) => t.text)).toEqual(['concurrency', 'backend', 'set']);
  });

  it('keeps other apostrophes', () => {
    expect(search.search("o'brien backend").analysis.terms.map((t) => t.text)).toEqual(["o'brien", 'backend']);
  });
});
