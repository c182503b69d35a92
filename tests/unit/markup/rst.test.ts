// One reStructuredText title rule for both readers: PTG summaries (ptg/parse/formats/rst.ts) and
// openstack/releases schedules (schedule/rst.ts) find the same titles at the same levels.
import { describe, expect, it } from 'vitest';
import { StyleLevels } from '../../../src/markup/levels.ts';
import { rstTitleAt } from '../../../src/markup/rst.ts';
import { parseRst } from '../../../src/ptg/parse/formats/rst.ts';
import { parseScheduleRst } from '../../../src/schedule/rst.ts';

/** Every title in `text` with its level, read the way both parsers read them. */
function titles(text: string): [string, number][] {
  const lines = text.split('\n');
  const levels = new StyleLevels();
  const out: [string, number][] = [];
  for (let i = 0; i < lines.length; i++) {
    const t = rstTitleAt(lines, i);
    if (!t) continue;
    out.push([t.title, levels.level(t.style)]);
    i += t.span - 1;
  }
  return out;
}

// Adornments that the old schedule reader did not know ('%', '!'), nested the way docutils wants.
const DOC = `==========================
2030.1 Zebra Release Sched
==========================

Cross-project events
%%%%%%%%%%%%%%%%%%%%

Milestones
~~~~~~~~~~

.. _z-milestone-1:

Zebra-1 milestone
!!!!!!!!!!!!!!!!!

The first milestone, see \`the plan <https://example.org/plan>\`_.

Project-specific events
%%%%%%%%%%%%%%%%%%%%%%%

Nova
~~~~

.. _z-nova-spec-freeze:

Nova Spec Freeze
!!!!!!!!!!!!!!!!

All Nova specs must be approved by Thursday.
`;

describe('reStructuredText titles: one rule', () => {
  it('underlined and overlined titles with any punctuation, levels by first appearance', () => {
    expect(titles(DOC)).toEqual([
      ['2030.1 Zebra Release Sched', 1],
      ['Cross-project events', 2],
      ['Milestones', 3],
      ['Zebra-1 milestone', 4],
      ['Project-specific events', 2],
      ['Nova', 3],
      ['Nova Spec Freeze', 4],
    ]);
  });

  it('an overline makes a style of its own, as in docutils', () => {
    expect(titles('----\nA\n----\n\nB\n----\n\nC\n====\n')).toEqual([
      ['A', 1],
      ['B', 2],
      ['C', 3],
    ]);
  });

  it('is no title: short underline, text right above, inset underlined text, explicit markup, mismatched overline', () => {
    expect(titles('Longer title\n===\n')).toEqual([]);
    expect(titles('prose goes on\nTitle\n=====\n')).toEqual([]);
    expect(titles('  Inset\n=======\n')).toEqual([]);
    expect(titles('.. comment\n==========\n')).toEqual([]);
    expect(titles('=======\nTitle\n-------\n')).toEqual([]);
    expect(titles('===\nLong title\n===\n')).toEqual([]);
  });

  it('a title may sit right under a ".. _label:" target; an overlined one may be inset', () => {
    expect(titles('.. _x:\nTitle\n-----\n')).toEqual([['Title', 1]]);
    expect(titles('=========\n  Inset\n=========\n')).toEqual([['Inset', 1]]);
    // As docutils: an adornment of 4 or more may be shorter than its title (openstack/releases has them).
    expect(titles('Juniper-2 milestone\n^^^^^^^^^^^^^^^^^\n')).toEqual([['Juniper-2 milestone', 1]]);
    expect(titles('=====\n2027.2 Juniper Release Schedule\n=====\n')).toEqual([['2027.2 Juniper Release Schedule', 1]]);
  });

  it('the PTG reader makes its sections from these titles', () => {
    expect(parseRst(DOC).sections.map((s) => [s.title, s.level])).toEqual(titles(DOC));
    // It once made a title of a comment over an adornment, which the schedule reader never did.
    expect(parseRst('Intro\n\n.. a comment\n============\n\nText\n').sections).toEqual([]);
  });

  it('the schedule reader finds the document title, the events and their team', () => {
    const doc = parseScheduleRst(DOC);
    expect(doc.title).toBe('2030.1 Zebra Release Sched');
    expect(doc.releaseId).toBe('2030.1');
    expect([...doc.events.values()].map((e) => [e.id, e.title, e.team, e.description])).toEqual([
      ['z-milestone-1', 'Zebra-1 milestone', null, 'The first milestone, see the plan.'],
      ['z-nova-spec-freeze', 'Nova Spec Freeze', 'nova', 'All Nova specs must be approved by Thursday.'],
    ]);
  });
});
