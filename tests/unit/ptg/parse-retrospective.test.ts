// A summary that is one retrospective says so in its title only ("Rocky PTG summary - Queens
// retrospective"): its sections ("What went well") become topics under it, as under a group heading,
// so "nova queens retrospective" finds them though the summary is of the next cycle (src/ptg/parse/retrospective.ts).
import { describe, expect, it } from 'vitest';
import { parseSummary } from '../../../src/ptg/parse/index.ts';
import { corpus, filler } from '../../helpers/corpus.ts';
import { PtgSearch } from '../../../src/ptg/search.ts';

const sections = `What went well

* Volume multiattach support is now available for libvirt and lvm
* The websocket proxy security work finally landed this cycle

What needs to improve

* Concern around core team expansion and how to become a member
* Too many non-priority specs and bug fixes waiting for reviews
`;
const mail = (subject: string) => `${subject}\n\nmelanie witt melwittt at gmail.com\nTue Mar 13 21:40:26 UTC 2018\n\n${sections}`;
const parents = (subject: string) => parseSummary(mail(subject)).topics.map((t) => t.subtopics[0]);

describe('a summary titled as one retrospective', () => {
  it('puts its "<series> retrospective" over every topic', () => {
    expect(parents('[openstack-dev] [nova] Rocky PTG summary - Queens retrospective')).toEqual(['Queens retrospective', 'Queens retrospective']);
    expect(parents('[nova][ptg] Summary: Stein Retrospective')).toEqual(['Stein Retrospective', 'Stein Retrospective']);
  });

  it('not for a title about planning too, nor one naming no series', () => {
    expect(parents('[nova] Dalmatian PTG: Caracal retrospective and Dalmatian planning')).toEqual([undefined, undefined]);
    expect(parents('[nova] Rocky PTG summary')).toEqual([undefined, undefined]);
  });

  it('is found by the retrospective it is, in that cycle', () => {
    const { topics } = parseSummary(mail('[openstack-dev] [nova] Rocky PTG summary - Queens retrospective'));
    const other = { id: 'nova-queens', project: 'nova', cycle: 'queens', topics: filler(12, 5) };
    const { repo } = corpus([{ id: 'nova-rocky', project: 'nova', cycle: 'rocky', topics }, other]);
    const hits = new PtgSearch(repo).search('nova queens retrospective').hits;
    expect(hits.map((h) => h.topic)).toEqual(['What went well', 'What needs to improve']);
  });
});
