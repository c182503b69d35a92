// A query naming a project that no summary mentions asks about a team the summaries know nothing
// of: it has no answer, even when its other words ("backup api") match some topic.
import { describe, expect, it } from 'vitest';
import { oneSummary, topic } from '../../helpers/corpus.ts';

const { search, first } = oneSummary({ id: 'nova-flamingo', project: 'nova', cycle: 'flamingo' }, [
  topic({ title: 'Backups', body: 'The backup api of the volume service gets database backups and websockets support.' }),
  topic({ title: 'Cinder', body: 'The cinder team reviews the attachment api with us.' }),
  topic({ title: 'Placement', body: 'Placement allocation candidates are faster.' }),
]);

describe('a project no summary mentions', () => {
  it('leaves the query unanswered', () => {
    expect(first('who is working on the trove backup api')).toBeUndefined();
    expect(first('trove database backups')).toBeUndefined();
    expect(first('when will zaqar support websockets')).toBeUndefined();
    expect(search.search('when will zaqar support websockets').analysis.absent).toEqual(['zaqar']);
  });

  it('is only a project spelled as one, in no form and no typo of a known word', () => {
    expect(first('who is working on the backup api')).toBe('Backups');
    expect(first('cinder attachment api')).toBe('Cinder');
    expect(first('placement allocation candidates')).toBe('Placement');
    expect(first('database backups')).toBe('Backups');
  });
});
