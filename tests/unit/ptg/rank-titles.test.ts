// Ranking rules about titles: an empty heading does not outrank a full section, a numbered or
// decorated title is named without its number, a misspelled title matches through its body.
import { describe, expect, it } from 'vitest';
import { PtgSearch } from '../../../src/ptg/search.ts';
import { corpus, filler, topic } from '../../helpers/corpus.ts';

const { repo } = corpus([
  {
    id: 'nova-flamingo',
    project: 'nova',
    cycle: 'flamingo',
    topics: [
      // A heading whose section went elsewhere, and the section that says it all.
      topic({ title: 'Unified limits', body: '' }),
      topic({
        title: 'Quota rework',
        body: 'Unified limits replace the quota driver in every service; the migration tool counts usage from placement, and the old driver is removed in Gazpacho.',
      }),
      topic({ title: '1. Development goal', body: 'Finish the native threading work in the scheduler and the conductor this cycle.' }),
      topic({ title: '*2.)* Upgrade checks', body: 'nova-status gains a check for the service version of every compute host.' }),
      topic({ title: 'Healtcheck API', body: 'A healthcheck endpoint for each API service, so load balancers stop sending requests to a dead worker.' }),
      topic({
        title: 'API reference',
        body: 'The API reference lists every API endpoint; healthcheck pages are missing from the API reference, and the healthcheck page of placement too.',
      }),
      ...filler(20, 11),
    ],
  },
]);
const search = new PtgSearch(repo);
const first = (q: string) => search.search(q).hits[0]?.topic;

describe('titles', () => {
  it('ranks a full section above an empty heading on the same subject', () => {
    expect(first('unified limits')).toBe('Quota rework');
    expect(search.search('unified limits').hits.map((h) => h.topic)).toContain('Unified limits');
  });

  it('matches a numbered or decorated title without its number', () => {
    // The title's words named outright make it the answer even beside words the topic lacks
    // (not words no summary has: tests/unit/ptg/rank-title-unknown.test.ts).
    expect(first('development goal for the scheduler quota image')).toBe('1. Development goal');
    expect(first('upgrade checks scheduler quota image')).toBe('*2.)* Upgrade checks');
  });

  it('matches a misspelled title through its body', () => {
    expect(first('healthcheck api')).toBe('Healtcheck API');
    expect(first('healtcheck api')).toBe('Healtcheck API');
  });
});

describe('a focused section before a long one', () => {
  // A day's notes under one heading mention everything; the section about the subject is short.
  const day = Array.from(
    { length: 16 },
    (_, i) => `Item ${i}: the ${['scheduler', 'quota', 'image', 'runways for specs'][i % 4]} work continues with reviews.`,
  ).join(' ');
  const { repo: r } = corpus([
    {
      id: 'nova-epoxy',
      project: 'nova',
      cycle: 'epoxy',
      topics: [
        topic({ title: 'Monday', body: `${day} The runways for specs were discussed too. ${day}` }),
        topic({ title: 'Process', body: 'Runways for specs stay: one slot per week, reviewed at the team meeting, and unused runways expire.' }),
        ...filler(20, 13),
      ],
    },
  ]);
  it('ranks the short section on the subject above a long topic that mentions every word', () => {
    const s = new PtgSearch(r);
    // Only the long topic also says "scheduler"; the section is still the answer.
    expect(
      s
        .search('runways specs scheduler')
        .hits.map((h) => h.topic)
        .slice(0, 2),
    ).toEqual(['Process', 'Monday']);
  });
});

describe('parts of one section, under the same title', () => {
  it('the part whose text also says the word comes first, though longer: the shared title does not drown it', () => {
    const long = 'The gate was slow and reviews waited for weeks, so the cores agreed to hold review days. '.repeat(1);
    const { repo: r } = corpus([
      {
        id: 'ironic-rocky',
        project: 'ironic',
        cycle: 'rocky',
        topics: [
          topic({ title: 'From our retrospective', body: 'Placement extraction went well and the forum session had no negative energy at all.' }),
          topic({ title: 'From our retrospective', body: `As usual with retrospectives, the list grew. ${long}` }),
          topic({ title: 'From our retrospective', body: 'The spec template changes: a section on upgrades and one on testing, both required.' }),
          ...filler(12, 53),
        ],
      },
    ]);
    expect(new PtgSearch(r).search('ironic rocky retrospective').hits[0]?.body).toContain('As usual with retrospectives');
  });
});
