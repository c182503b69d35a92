// Questions asked the way people ask in channel ("who is working on X", "how will Y stay in
// sync"): the words a question is phrased with weigh little, so the subject's words decide.
import { describe, expect, it } from 'vitest';
import { PtgSearch } from '../../../src/ptg/search.ts';
import { corpus, filler, topic } from '../../helpers/corpus.ts';

const { repo } = corpus([
  {
    id: 'ironic-flamingo',
    project: 'ironic',
    cycle: 'flamingo',
    topics: [
      topic({ title: 'Consensus at the PTG', body: 'Both subteams talk to each other and keep that sync as a higher bandwidth video call.' }),
      topic({ title: 'Networking aspects', body: 'We discussed networking aspects and the challenges of getting everyone on the same page.' }),
      topic({ title: 'Interns', body: 'Networking interns stay in sync with their mentors for three months.' }),
      topic({ title: 'Redfish', body: 'Alice is working on the redfish virtual media boot interface.' }),
      topic({ title: 'Working groups', body: 'The working groups report on virtual media at the weekly meeting.' }),
      topic({
        title: 'Retrospective',
        body: 'The team did reach an agreement: the outcome, a summary of takeaways and action items; each item owner will take care of one. The verdict, the story so far, feedback and opinions we bring before the deadline.',
      }),
      ...filler(12, 31),
    ],
  },
]);
const search = new PtgSearch(repo);
const first = (q: string) => search.search(q).hits[0]?.topic;

describe('a question phrased with everyday verbs', () => {
  it('is answered by the topic with its subject words', () => {
    expect(first('how will the networking subteams stay in sync')).toBe('Consensus at the PTG');
    expect(first('who is working on redfish virtual media')).toBe('Redfish');
  });

  it('weighs those verbs less only in a question', () => {
    const weights = (q: string) => search.search(q).analysis.terms.map((t) => [t.text, t.weight ?? 1]);
    expect(weights('how will the subteams stay in sync')).toEqual([
      ['subteams', 1],
      ['stay', 0.35],
      ['sync', 1],
    ]);
    expect(weights('subteams stay in sync')).toEqual([
      ['subteams', 1],
      ['stay', 1],
      ['sync', 1],
    ]);
  });

  it('lets only the subject decide whether a topic answers', () => {
    // Five phrasing words, none in the answer: at 35% each they outweighed "interns sync".
    expect(first('who needs to plan, own, land and finish the interns sync')).toBe('Interns');
    expect(first('who needs to plan, own, land and finish the quantum sync')).toBeUndefined();
  });

  it('knows the words of asking for an outcome, a summary or an owner', () => {
    expect(first('did the team reach agreement on redfish virtual media')).toBe('Redfish');
    expect(first('what were the action items and takeaways for redfish virtual media')).toBe('Redfish');
    expect(first('who will take care of the redfish virtual media')).toBe('Redfish');
    expect(first('can someone summarize the outcome of redfish virtual media')).toBe('Redfish');
    expect(first('what was the verdict on redfish')).toBe('Redfish');
    expect(first('any feedback on redfish?')).toBe('Redfish');
    expect(first('did anyone bring up redfish')).toBe('Redfish');
    expect(first('what is the deadline for redfish')).toBe('Redfish');
  });

  it('takes a final question mark for a question', () => {
    expect(search.search('the subteams stay in sync?').analysis.terms.map((t) => [t.text, t.weight ?? 1])).toEqual([
      ['subteams', 1],
      ['stay', 0.35],
      ['sync', 1],
    ]);
  });
});
