// The pure round: queue planning, advancing, carry-overs, the tally.
import { describe, expect, it } from 'vitest';
import { advance, carryAtEnd, currentItem, effectOf, newQueue, planQueue, summarize, type Decision, type HandledBug } from '../../../src/triage/round.ts';
import { bugTask } from '../../helpers/launchpad-bugs.ts';

const task = (id: number) => bugTask(id);
const candidates = [10, 20, 30, 40, 50, 60].map(task);
const none = new Map<number, HandledBug>();

describe('planQueue', () => {
  it('takes the first N candidates in the order Launchpad gave', () => {
    expect(planQueue({ candidates, complete: true, carried: [], handled: none, size: 3 })).toEqual({
      items: [
        { bugId: 10, carried: null },
        { bugId: 20, carried: null },
        { bugId: 30, carried: null },
      ],
      dropped: [],
    });
  });

  it('puts deferred, then unreviewed bugs first, and drops carried bugs Launchpad no longer lists', () => {
    const plan = planQueue({
      candidates,
      complete: true,
      carried: [
        { bugId: 50, reason: 'unreviewed' },
        { bugId: 99, reason: 'deferred' }, // triaged on Launchpad meanwhile
        { bugId: 40, reason: 'deferred' },
      ],
      handled: none,
      size: 4,
    });
    expect(plan.items).toEqual([
      { bugId: 40, carried: 'deferred' },
      { bugId: 50, carried: 'unreviewed' },
      { bugId: 10, carried: null },
      { bugId: 20, carried: null },
    ]);
    expect(plan.dropped).toEqual([99]);
  });

  it('keeps a carried bug it cannot check when the list is incomplete', () => {
    const plan = planQueue({ candidates, complete: false, carried: [{ bugId: 99, reason: 'deferred' }], handled: none, size: 2 });
    expect(plan.items.map((i) => i.bugId)).toEqual([99, 10]);
  });

  it('leaves out decided bugs, unless written back and still listed as untriaged', () => {
    const handled = new Map<number, HandledBug>([
      [10, { written: false }], // dry-run decision: not shown again
      [20, { written: true }], // written, yet Launchpad still lists it: look again
      [70, { written: true }], // written and gone from the list
    ]);
    const plan = planQueue({ candidates, complete: true, carried: [{ bugId: 10, reason: 'deferred' }], handled, size: 3 });
    expect(plan.items.map((i) => i.bugId)).toEqual([20, 30, 40]);
    expect(plan.dropped).toEqual([10]);
  });

  it('is empty when everything was handled', () => {
    const handled = new Map(candidates.map((c) => [c.id, { written: false }] as const));
    expect(planQueue({ candidates, complete: true, carried: [], handled, size: 5 }).items).toEqual([]);
  });
});

describe('queue', () => {
  it('advances through the queue and carries deferred and unreached bugs', () => {
    let q = newQueue([
      { bugId: 1, carried: null },
      { bugId: 2, carried: null },
      { bugId: 3, carried: null },
      { bugId: 4, carried: null },
    ]);
    expect(currentItem(q)?.bugId).toBe(1);
    q = advance(q, 'decided');
    q = advance(q, 'deferred');
    expect(currentItem(q)).toMatchObject({ bugId: 3, position: 3 });
    expect(q.map((x) => x.state)).toEqual(['decided', 'deferred', 'current', 'pending']);
    expect(carryAtEnd(q)).toEqual([
      { bugId: 2, reason: 'deferred' },
      { bugId: 3, reason: 'unreviewed' },
      { bugId: 4, reason: 'unreviewed' },
    ]);
    q = advance(advance(q, 'skipped'), 'decided');
    expect(currentItem(q)).toBeUndefined();
    expect(advance(q, 'decided')).toEqual(q);
  });

  it('knows what each decision does', () => {
    expect(effectOf('confirm', false)).toBe('advance-decided');
    expect(effectOf('dup', false)).toBe('advance-decided');
    expect(effectOf('tag', false)).toBe('stay');
    expect(effectOf('importance', false)).toBe('stay');
    expect(effectOf('assign', false)).toBe('stay');
    expect(effectOf('defer', false)).toBe('advance-deferred');
    expect(effectOf('skip', true)).toBe('advance-skipped');
    expect(effectOf('next', false)).toBe('advance-skipped');
    expect(effectOf('next', true)).toBe('advance-decided');
  });
});

describe('summarize', () => {
  const d = (bugId: number, kind: Decision['kind'], value: string | null = null): Decision => ({
    id: 0,
    roundId: 1,
    project: 'nova',
    bugId,
    kind,
    value,
    reason: null,
    by: { key: 'k', display: 'gibi' },
    at: 0,
    meeting: null,
    writeState: 'none',
    writeNote: null,
    corrects: null,
  });

  it('counts outcomes (the last per bug), annotations only, deferred, skipped and unreached', () => {
    let q = newQueue([1, 2, 3, 4, 5, 6].map((bugId) => ({ bugId, carried: null })));
    q = advance(q, 'decided'); // 1 confirm (after invalid)
    q = advance(q, 'decided'); // 2 tag only
    q = advance(q, 'deferred'); // 3
    q = advance(q, 'skipped'); // 4
    q = advance(q, 'decided'); // 5 dup
    const decisions = [d(1, 'invalid'), d(1, 'confirm', 'High'), d(2, 'tag', 'api'), d(3, 'defer'), d(4, 'skip'), d(5, 'dup', '9')];
    expect(summarize(q, decisions, (k) => k !== 'tag' && k !== 'defer' && k !== 'skip')).toEqual({
      reviewed: 3,
      outcomes: [
        ['Confirmed', 1],
        ['duplicate', 1],
      ],
      annotated: 1,
      deferred: 1,
      skipped: 1,
      unreviewed: 1,
      leaving: 2,
    });
  });
});
