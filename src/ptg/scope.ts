// A cycle or project named in a query picks the summaries of that cycle or project: a topic is in
// scope when its document is of it, or when the topic itself names it (the "Caracal retrospective"
// inside the Dalmatian summary). Search drops the other topics unless they match very strongly.
// A title elsewhere in the document does not count: the Dalmatian summary opens with a "Caracal
// retrospective", and "caracal spec freeze" must still not answer with Dalmatian's planning.
import type { DocumentRow } from '../store/ptg-repo.ts';
import { releaseOf } from './lexicon.ts';
import { columnIn, slotOf, slotStart, type TopicIndex } from './topic-index.ts';
import { words } from './words.ts';

/** How far a topic is in scope when its title (or a sub-title) names the cycle or project. */
const IN_TITLE = 1;
/** ...when only its text names the cycle ("the Stein release seemed less focused"). */
const CYCLE_IN_TEXT = 0.7;
/** ...when only its text names the project: summaries name other projects all the time ("the nova driver"). */
const PROJECT_IN_TEXT = 0.4;
/** Index columns: title and subtopics are titles; decisions, owners and body are text; meta is the document's own names, matched on the document row instead. */
const LAST_TITLE_COLUMN = 1;
const META_COLUMN = 5;

/** 0..1 for a slot: 1 = its document is of the named cycle/project, 0 = nothing names it. */
export type ScopeOf = (slot: number) => number;

/** Per-slot values of one dimension (cycles or projects), reused across queries. */
class Dimension {
  readonly mention: Float64Array;
  readonly stamp: Int32Array;
  readonly docIn: Uint8Array;
  query = 0;

  constructor(size: number, docs: number) {
    this.mention = new Float64Array(size);
    this.stamp = new Int32Array(size);
    this.docIn = new Uint8Array(docs);
  }
}

export class ScopeFilter {
  private readonly dims: Dimension[];

  constructor(
    private readonly index: TopicIndex,
    private readonly docOfSlot: Int32Array,
    private readonly docs: DocumentRow[],
  ) {
    this.dims = [new Dimension(index.size, docs.length), new Dimension(index.size, docs.length)];
  }

  /** How far each slot is in scope, or null when the query names no cycle and no project. */
  prepare(cycles: string[], projects: string[]): ScopeOf | null {
    const parts: ScopeOf[] = [];
    if (cycles.length > 0) {
      const names = cycles.flatMap((c) => [c, releaseOf(c) ?? '']).filter(Boolean);
      parts.push(this.dimension(this.dims[0], names, CYCLE_IN_TEXT, (d) => cycles.includes(d.cycle.toLowerCase())));
    }
    if (projects.length > 0) parts.push(this.dimension(this.dims[1], projects, PROJECT_IN_TEXT, (d) => projects.includes(d.project.toLowerCase())));
    if (parts.length === 0) return null;
    if (parts.length === 1) return parts[0];
    return (slot) => parts[0](slot) * parts[1](slot);
  }

  private dimension(dim: Dimension, names: string[], inText: number, ofDocument: (d: DocumentRow) => boolean): ScopeOf {
    const q = ++dim.query;
    const { docOfSlot } = this;
    for (let i = 0; i < this.docs.length; i++) dim.docIn[i] = ofDocument(this.docs[i]) ? 1 : 0;
    for (const name of names) {
      const positions = this.index.phrase(words(name));
      for (let i = 0; i < positions.length; i++) {
        const slot = slotOf(positions[i]);
        const column = columnIn(positions[i], slotStart(slot));
        if (column >= META_COLUMN) continue;
        const value = column <= LAST_TITLE_COLUMN ? IN_TITLE : inText;
        if (dim.stamp[slot] !== q) (dim.stamp[slot] = q), (dim.mention[slot] = 0);
        if (value > dim.mention[slot]) dim.mention[slot] = value;
      }
    }
    return (slot) => {
      const d = docOfSlot[slot];
      if (d >= 0 && dim.docIn[d] === 1) return 1;
      return dim.stamp[slot] === q ? dim.mention[slot] : 0;
    };
  }
}
