// A cycle or project named in a query picks the summaries of that cycle or project: a topic is in
// scope when its document is of it, or when the topic itself names it (the "Caracal retrospective"
// inside the Dalmatian summary). Search drops the other topics unless they match very strongly.
// A title elsewhere in the document does not count: the Dalmatian summary opens with a "Caracal
// retrospective", and "caracal spec freeze" must still not answer with Dalmatian's planning. But a
// summary whose text names a cycle or project more often than its own (stored) one is of it too,
// a little less than one stored as of it: the cycle and project detected at import can be wrong
// (except for the cycle just before its own, which every summary looks back at). A summary whose text named no project or
// cycle (stored as 'unknown') may be of any: it stays in scope, below the summaries known to be of it.
import type { DocumentRow } from './repo.ts';
import { releaseOf, seriesOrdinal } from './lexicon.ts';
import { columnIn, slotOf, slotStart, type Positions, type TopicIndex } from './topic-index.ts';
import { words } from './words.ts';

/** The stored project or cycle of a summary that names none (importer.ts). */
const UNKNOWN = 'unknown';

/** How far a topic is in scope when its title (or a sub-title) names the cycle or project. */
const IN_TITLE = 1;
/**
 * Above 1 when both its document and its title name it: "TC Retrospective" for "tc flamingo
 * retrospective", over "Goals retrospective" whose text says "retrospective" once more.
 */
const TITLE_BONUS = 0.3;
/** ...when only its text names the cycle ("the Stein release seemed less focused"). */
const CYCLE_IN_TEXT = 0.7;
/** ...when only its text names the project: summaries name other projects all the time ("the nova driver"). */
const PROJECT_IN_TEXT = 0.4;
/** Index columns: title and subtopics are titles; decisions, owners and body are text; meta holds the document's own names. */
const LAST_TITLE_COLUMN = 1;
const META_COLUMN = 5;
/** A summary naming a cycle/project this often, and more often than its own, is of it too. */
const MIN_MENTIONS = 3;
/**
 * ...but less than a summary stored as of it: "nova functional tests" is answered by the Nova
 * summary first, before the eventlet-removal one that names Nova in every section.
 */
const NAMED_OFTEN = 0.9;
/** ...and a summary whose text named no cycle/project (stored as 'unknown') may be of any: in scope this far. */
const UNKNOWN_OWN = 0.4;

/** How far a topic is in scope, of two projects named, when its text names only its own. */
const CROSS_ALONE = 0.5;

/** For a slot: 1 = its document is of the named cycle/project (a little more if its title names it too), 0 = nothing names it. */
export type ScopeOf = (slot: number) => number;

/** Where the first of sorted positions at or after `at` is (binary search). */
function lowerBound(positions: Positions, at: number): number {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (positions[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class ScopeFilter {
  /** Per dimension (cycles, projects): how far each document is of it (1, UNKNOWN_OWN or 0), reused across queries. */
  private readonly docIn: [Float64Array, Float64Array];
  /** Positions of each name asked about: names are series and stored projects, a few dozen at most. */
  private readonly positions = new Map<string, Positions>();
  /** Per name: how often each document's topics (not its metadata) name it; same names as above. */
  private readonly mentions = new Map<string, Int32Array>();

  constructor(
    private readonly index: TopicIndex,
    private readonly docOfSlot: Int32Array,
    private readonly docs: DocumentRow[],
  ) {
    this.docIn = [new Float64Array(docs.length), new Float64Array(docs.length)];
  }

  /** How far each slot is in scope, or null when the query names no cycle and no project. */
  prepare(cycles: string[], projects: string[]): ScopeOf | null {
    const parts: ScopeOf[] = [];
    if (cycles.length > 0) {
      const names = cycles.flatMap((c) => [c, releaseOf(c) ?? '']).filter(Boolean);
      const own = (d: DocumentRow) => [d.cycle.toLowerCase(), d.release ?? ''].filter(Boolean);
      // A summary looks back at the cycle before its own (its retrospective, the last cycle's priorities): naming it often says nothing.
      const before = (d: DocumentRow) => cycles.every((c) => seriesOrdinal(c) === seriesOrdinal(d.cycle) - 1);
      parts.push(this.dimension(this.docIn[0], names, CYCLE_IN_TEXT, cycles, (d) => d.cycle, own, before));
    }
    if (projects.length > 0) {
      const own = (d: DocumentRow) => [d.project.toLowerCase()];
      parts.push(this.dimension(this.docIn[1], projects, PROJECT_IN_TEXT, projects, (d) => d.project, own));
    }
    // Two projects named ("did oslo meet with the nova team"): a topic of one that names another is what they did together.
    if (projects.length >= 2) parts.push(this.together(projects));
    if (parts.length === 0) return null;
    if (parts.length === 1) return parts[0];
    return (slot) => parts[0](slot) * parts[1](slot);
  }

  /** 1 for a topic whose text names a project of `projects` other than its document's own, CROSS_ALONE for the others. */
  private together(projects: string[]): ScopeOf {
    const lists = projects.map((name) => ({ name, positions: this.namePositions(name) }));
    return (slot) => {
      const d = this.docOfSlot[slot];
      const own = d >= 0 ? this.docs[d].project.toLowerCase() : '';
      const start = slotStart(slot);
      for (const { name, positions } of lists) {
        if (name === own) continue;
        const at = lowerBound(positions, start);
        if (at < positions.length && positions[at] < slotStart(slot + 1) && columnIn(positions[at], start) < META_COLUMN) return 1;
      }
      return CROSS_ALONE;
    };
  }

  /** A release number is a two-word phrase ("2025 1") in every topic of its summaries: kept, not merged per query. */
  private namePositions(name: string): Positions {
    let p = this.positions.get(name);
    if (!p) this.positions.set(name, (p = this.index.phrase(words(name))));
    return p;
  }

  /** How often each document's topics name any of `names`; walked once per name and index. */
  private mentionCount(names: string[], doc: number): number {
    let n = 0;
    for (const name of names) {
      let m = this.mentions.get(name);
      if (!m) {
        m = new Int32Array(this.docs.length);
        const positions = this.namePositions(name);
        for (let i = 0; i < positions.length; i++) {
          const slot = slotOf(positions[i]);
          const d = this.docOfSlot[slot];
          if (d >= 0 && columnIn(positions[i], slotStart(slot)) < META_COLUMN) m[d]++;
        }
        this.mentions.set(name, m);
      }
      n += m[doc];
    }
    return n;
  }

  /**
   * Only the slots asked about are looked up, each by a binary search in the names' positions:
   * walking every position of a common name ("nova" in 10,000 topics) cost milliseconds.
   */
  private dimension(
    docIn: Float64Array,
    names: string[],
    inText: number,
    wanted: string[],
    stored: (d: DocumentRow) => string,
    own: (d: DocumentRow) => string[],
    lookedBack: (d: DocumentRow) => boolean = () => false,
  ): ScopeOf {
    for (let i = 0; i < this.docs.length; i++) {
      const value = stored(this.docs[i]).toLowerCase();
      const ofDocument = wanted.includes(value);
      const named = ofDocument ? MIN_MENTIONS : lookedBack(this.docs[i]) ? 0 : this.mentionCount(names, i);
      docIn[i] = ofDocument ? 1 : named >= MIN_MENTIONS && named > this.mentionCount(own(this.docs[i]), i) ? NAMED_OFTEN : value === UNKNOWN ? UNKNOWN_OWN : 0;
    }
    const lists = names.map((name) => this.namePositions(name)).filter((p) => p.length > 0);
    const { docOfSlot } = this;
    return (slot) => {
      const d = docOfSlot[slot];
      const partly = d >= 0 ? docIn[d] : 0;
      let ofDoc = partly === 1;
      let title = false;
      let text = false;
      const start = slotStart(slot);
      const end = slotStart(slot + 1);
      for (const positions of lists) {
        // A slot's positions run in column order: the first one tells the best column...
        const at = lowerBound(positions, start);
        if (at >= positions.length || positions[at] >= end) continue;
        const column = columnIn(positions[at], start);
        if (column <= LAST_TITLE_COLUMN) title = true;
        else if (column < META_COLUMN) text = true;
        // ...and the last one whether the summary's own names (meta, last column) hold it: an
        // import may name more cycles there than the document row has.
        if (columnIn(positions[lowerBound(positions, end) - 1], start) >= META_COLUMN) ofDoc = true;
      }
      if (ofDoc) return title ? 1 + TITLE_BONUS : 1;
      return Math.max(title ? IN_TITLE : text ? inText : 0, partly);
    };
  }
}
