// Two words typed one after the other that the topic also has side by side ("privsep migration"
// answered by "- Privsep Migration [8] - Progress is slow" rather than by a section that says
// "privsep" in its title and "migration" further down). Read from the in-memory index's positions
// of the one topic asked about; only for topics that could make the answer list with it.
import type { Term } from './query.ts';
import { columnIn, slotStart, type Positions, type TopicIndex } from './topic-index.ts';

/** The meta column holds the document's own names, not text. */
const META_COLUMN = 5;

/** Where the first of sorted positions at or after `at` is (binary search). */
export function lowerBound(positions: Positions, at: number): number {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (positions[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The positions of each phrase of one query, looked up once: a phrase of several words is a merge
 * over whole posting lists (9 ms for "one time use devices" on 20,000 topics when it was redone
 * for every candidate topic), the same for every topic the query is checked against.
 */
export class QueryPhrases {
  private readonly memo = new Map<string[], Positions>();
  constructor(private readonly index: TopicIndex) {}

  positions(phrase: string[]): Positions {
    let positions = this.memo.get(phrase);
    if (!positions) this.memo.set(phrase, (positions = this.index.phrase(phrase)));
    return positions;
  }
}

/** A term's positions (any alternative) inside one slot's text columns, sorted. */
function positionsIn(phrases: QueryPhrases, term: Term, start: number, end: number): number[] {
  const out: number[] = [];
  for (const alt of term.alternatives) {
    const positions = phrases.positions(alt.phrase);
    for (let k = lowerBound(positions, start); k < positions.length && positions[k] < end; k++) {
      if (columnIn(positions[k], start) < META_COLUMN) out.push(positions[k]);
    }
  }
  return out.sort((a, b) => a - b);
}

/** Whether some position of `a` and one of `b` (both sorted) are next to each other. */
function touching(a: number[], b: number[]): boolean {
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (Math.abs(a[i] - b[j]) <= 1) return true;
    if (a[i] < b[j]) i++;
    else j++;
  }
  return false;
}

/** True when two consecutive full-weight terms of the query stand next to each other in the topic (either order). */
export function adjacentPair(phrases: QueryPhrases, slot: number, terms: Term[]): boolean {
  const start = slotStart(slot);
  const end = slotStart(slot + 1);
  let previous: number[] = [];
  for (const term of terms) {
    // A lone number ("python 3") weighs little everywhere: it makes no pair either.
    const here = (term.weight ?? 1) < 1 ? [] : positionsIn(phrases, term, start, end);
    if (touching(previous, here)) return true;
    previous = here;
  }
  return false;
}
