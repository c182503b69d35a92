// Two projects named in one query ask about what they did together: the topic of one that names
// the other answers, not a topic of either that shares the query's other words. Also: built-in
// acronyms people type for long forms ("high availability" → HA).
import { describe, expect, it } from 'vitest';
import { PtgSearch } from '../../../src/ptg/search.ts';
import { corpus, filler, topic } from '../../helpers/corpus.ts';

const { repo } = corpus([
  {
    id: 'oslo-rocky',
    project: 'oslo',
    cycle: 'rocky',
    topics: [
      topic({ title: 'oslo.config drivers', body: 'There is a weekly meeting with the TripleO team about the Castellan driver.' }),
      topic({ title: 'Stable libraries', body: 'Some Oslo libraries are mature and rarely change.' }),
      ...filler(8, 3),
    ],
  },
  {
    id: 'oslo-victoria',
    project: 'oslo',
    cycle: 'victoria',
    topics: [topic({ title: 'Oslo virtual PTG', body: 'The second hour was set aside for cross-project discussions with the Nova team.' }), ...filler(8, 5)],
  },
  {
    id: 'nova-flamingo',
    project: 'nova',
    cycle: 'flamingo',
    topics: [
      topic({ title: 'Upstream bug triage', body: 'The team will meet every week to triage new bugs together.' }),
      topic({ title: 'Ironic inspector HA', body: 'The inspector service splits into API and conductor parts.' }),
      ...filler(8, 7),
    ],
  },
]);
const search = new PtgSearch(repo);
const first = (q: string) => {
  const h = search.search(q).hits[0];
  return h ? `${h.document}: ${h.topic}` : undefined;
};

describe('two projects named', () => {
  it("answers with the topic of one that names the other, over either's topics on the other words", () => {
    expect(first('did oslo meet with the nova team')).toBe('oslo-victoria: Oslo virtual PTG');
    expect(first('nova and oslo team discussions')).toBe('oslo-victoria: Oslo virtual PTG');
  });

  it('leaves a query naming one project as it was', () => {
    expect(first('nova team meet')).toBe('nova-flamingo: Upstream bug triage');
  });
});

describe('built-in acronyms', () => {
  it('finds "HA" for "high availability"', () => {
    expect(first('inspector high availability')).toBe('nova-flamingo: Ironic inspector HA');
  });
});
