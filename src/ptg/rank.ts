// Scores every topic a query touches, straight from the in-memory index: IDF-weighted coverage of
// the query's terms (partial credit for typo corrections), the same in titles, and FTS5's bm25
// with column weights as the tie-breaker. One pass over each term's positions.
import type { Term } from './query.ts';
import { columnIn, slotOf, slotStart, type Positions, type TopicIndex } from './topic-index.ts';

/**
 * bm25 column weights: title, subtopics, decisions, owners, body, meta. The title weighs little:
 * title matches already earn their share of the score (titleCoverage in search.ts), and a heavy
 * title drowned the text, so the parts of one long section (same title) were told apart by length.
 */
const WEIGHTS = [2, 4, 3, 5, 1, 2];
/**
 * Below this share of the query's weight a topic is not an answer (unless the query names its
 * title). Above half: "swift erasure coding" must not answer with a topic that lists Swift and
 * mentions coding (a half); right answers cover two thirds or more.
 */
const MIN_COVERAGE = 0.55;
// FTS5's bm25 constants.
const K1 = 1.2;
const B = 0.75;

/**
 * What a query scored, by slot, valid until the next query. Typed arrays throughout: handing each
 * candidate's numbers to a callback boxed them, 150 kB of garbage per query on a large corpus.
 */
export interface Scores {
  /** Slots that answer: answers[0..count) */
  answers: Int32Array;
  count: number;
  /** Shares of the query's weight matched, 0..1 (index by slot). */
  coverage: Float64Array;
  titleCoverage: Float64Array;
  /** bm25 relative to the query's best topic, 0..1 (index by slot). */
  relevance: Float64Array;
}

/** Per-slot scratch arrays, reused across queries: allocation per query was the cost. */
class Scratch {
  readonly coverage: Float64Array;
  readonly titleCoverage: Float64Array;
  readonly titleSize: Float64Array;
  readonly bm25: Float64Array;
  readonly required: Int32Array;
  /** Weight of the query's phrasing words (Term.phrasing) a slot matched. */
  readonly phrasing: Float64Array;
  readonly seen: Int32Array;
  readonly best: Float64Array;
  readonly bestTitle: Float64Array;
  readonly bestSize: Float64Array;
  readonly termSeen: Int32Array;
  /** Slots touched by the query / by the current term, and the answers: counts kept beside. */
  readonly touched: Int32Array;
  readonly termSlots: Int32Array;
  readonly answers: Int32Array;
  queryStamp = 0;
  termStamp = 0;

  constructor(readonly size: number) {
    const f = () => new Float64Array(size);
    [this.coverage, this.titleCoverage, this.titleSize, this.bm25, this.best, this.bestTitle, this.bestSize, this.phrasing] = [
      f(),
      f(),
      f(),
      f(),
      f(),
      f(),
      f(),
      f(),
    ];
    this.required = new Int32Array(size);
    this.seen = new Int32Array(size);
    this.termSeen = new Int32Array(size);
    this.touched = new Int32Array(size);
    this.termSlots = new Int32Array(size);
    this.answers = new Int32Array(size);
  }
}

/**
 * A phrase's occurrences topic by topic: slots in order and, for each, its bm25 frequency (column
 * weights summed) times 2, plus 1 when the title has it. Worked out at build for every term, so a
 * query walks one entry per topic instead of every occurrence, twice (the IDF needs the count first).
 */
interface Runs {
  slots: Int32Array;
  freqs: Int32Array;
  count: number;
}

export class Ranker {
  private scratch: Scratch;
  /** Per slot: bm25's length normalisation, K1 * (1 - B + B * length / average). */
  private readonly norm: Float64Array;
  /** Each term's runs, keyed by its positions (the list index.phrase() returns for one word). */
  private readonly runs: Map<Positions, Runs>;
  private readonly phraseRuns: Runs;

  constructor(
    private readonly index: TopicIndex,
    runs?: Map<Positions, Runs>,
  ) {
    this.scratch = new Scratch(index.size);
    const avg = index.averageLength || 1;
    this.norm = Float64Array.from(index.lengths, (length) => K1 * (1 - B + (B * length) / avg));
    this.phraseRuns = { slots: new Int32Array(index.size), freqs: new Int32Array(index.size), count: 0 };
    this.runs = runs ?? runAll(termRuns(index));
  }

  /** The same, its per-term work spread over steps. */
  static *building(index: TopicIndex): Generator<void, Ranker, void> {
    return new Ranker(index, yield* termRuns(index));
  }

  /** Every touched topic that covers enough of the query (or names its title). */
  score(terms: Term[]): Scores {
    const { index } = this;
    const s = this.scratch;
    const n = index.size;
    const { norm } = this;
    const q = ++s.queryStamp;
    let touched = 0;
    let totalWeight = 0;
    let phrasingWeight = 0;
    let unknownTerms = 0;
    let requiredTerms = 0;

    for (const term of terms) {
      const t = ++s.termStamp;
      let termSlots = 0;
      for (const alt of term.alternatives) {
        const positions = index.phrase(alt.phrase);
        if (positions.length === 0) continue;
        let runs = this.runs.get(positions);
        if (runs === undefined) {
          // A phrase of several words: its runs now, into scratch space.
          runs = this.phraseRuns;
          runs.count = fillRuns(positions, runs.slots, runs.freqs, 0);
        }
        const { slots, freqs, count: topics } = runs;
        // bm25's IDF from the phrase's topic count.
        const idf = Math.max(Math.log((n - topics + 0.5) / (topics + 0.5)), 1e-6);
        for (let j = 0; j < topics; j++) {
          const slot = slots[j];
          const freq = freqs[j] >> 1;
          const inTitle = (freqs[j] & 1) === 1;
          if (s.seen[slot] !== q) {
            s.seen[slot] = q;
            s.coverage[slot] = s.titleCoverage[slot] = s.titleSize[slot] = s.bm25[slot] = s.phrasing[slot] = 0;
            s.required[slot] = 0;
            s.touched[touched++] = slot;
          }
          s.bm25[slot] += (idf * freq * (K1 + 1)) / (freq + norm[slot]);
          if (s.termSeen[slot] !== t) {
            s.termSeen[slot] = t;
            s.best[slot] = s.bestTitle[slot] = s.bestSize[slot] = 0;
            s.termSlots[termSlots++] = slot;
          }
          s.best[slot] = Math.max(s.best[slot], alt.credit);
          if (inTitle) {
            s.bestTitle[slot] = Math.max(s.bestTitle[slot], alt.credit);
            s.bestSize[slot] = Math.max(s.bestSize[slot], alt.phrase.length);
          }
        }
      }
      // IDF over the term's alternatives together: rare terms weigh more; a term nothing matches
      // weighs the most, so it pulls coverage down.
      const weight = Math.log(1 + n / (termSlots + 1)) * (term.weight ?? 1);
      // A word of full weight that nothing matches: no summary has it, nor a close spelling.
      if (termSlots === 0 && term.weight === undefined) unknownTerms++;
      totalWeight += weight;
      if (term.phrasing) phrasingWeight += weight;
      if (term.identifier && termSlots > 0) requiredTerms++;
      for (let k = 0; k < termSlots; k++) {
        const slot = s.termSlots[k];
        s.coverage[slot] += weight * s.best[slot];
        if (term.phrasing) s.phrasing[slot] += weight * s.best[slot];
        s.titleCoverage[slot] += weight * s.bestTitle[slot];
        s.titleSize[slot] += s.bestSize[slot];
        if (term.identifier) s.required[slot]++;
      }
    }

    const subjectWeight = totalWeight - phrasingWeight;
    let maxBm25 = 1e-9;
    for (let k = 0; k < touched; k++) maxBm25 = Math.max(maxBm25, s.bm25[s.touched[k]]);
    let count = 0;
    for (let k = 0; k < touched; k++) {
      const slot = s.touched[k];
      // An identifier the index knows ("sev-snp", "hw:io_threads") is what the person is after.
      if (s.required[slot] < requiredTerms) continue;
      const coverage = s.coverage[slot] / totalWeight;
      // A question's phrasing words do not decide whether a topic answers: its subject's words do.
      const subject = subjectWeight > 0 ? (s.coverage[slot] - s.phrasing[slot]) / subjectWeight : coverage;
      // Or the query names the topic: every content word of a title of two or more words.
      const namesTitle = index.titleWords[slot] >= 2 && s.titleSize[slot] >= index.titleWords[slot];
      // That exception is for a query whose words the summaries know: "swift erasure coding policy"
      // names no "Policy in Code" when no summary says "erasure".
      if (subject < MIN_COVERAGE && (!namesTitle || unknownTerms > 0)) continue;
      s.coverage[slot] = coverage;
      s.titleCoverage[slot] /= totalWeight;
      s.bm25[slot] /= maxBm25;
      s.answers[count++] = slot;
    }
    return { answers: s.answers, count, coverage: s.coverage, titleCoverage: s.titleCoverage, relevance: s.bm25 };
  }
}

/** Every term's runs, in one shared pair of arrays for all terms: count the runs, then fill. */
function* termRuns(index: TopicIndex): Generator<void, Map<Positions, Runs>, void> {
  let total = 0;
  let work = 0;
  for (const positions of index.postingLists()) {
    total += countRuns(positions);
    work += positions.length;
    if (work >= RUNS_STEP) {
      work = 0;
      yield;
    }
  }
  const runs = new Map<Positions, Runs>();
  const slots = new Int32Array(total);
  const freqs = new Int32Array(total);
  let at = 0;
  for (const positions of index.postingLists()) {
    const count = fillRuns(positions, slots, freqs, at);
    runs.set(positions, { slots: slots.subarray(at, at + count), freqs: freqs.subarray(at, at + count), count });
    at += count;
    work += positions.length;
    if (work >= RUNS_STEP) {
      work = 0;
      yield;
    }
  }
  return runs;
}

function runAll<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Positions walked per step of termRuns(): a few milliseconds' work. */
const RUNS_STEP = 1 << 20;

/** The number of topics among sorted positions. */
function countRuns(positions: Positions): number {
  let count = 0;
  for (let i = 0, end = -1; i < positions.length; i++) {
    if (positions[i] >= end) (count++, (end = slotStart(slotOf(positions[i]) + 1)));
  }
  return count;
}

/** Writes the runs of sorted positions from `at` on: slot, and frequency * 2 + title; returns their count. */
function fillRuns(positions: Positions, slots: Int32Array, freqs: Int32Array, at: number): number {
  let count = 0;
  for (let i = 0; i < positions.length;) {
    // One topic's run of positions: column weights give the frequency, column 0 the title.
    const slot = slotOf(positions[i]);
    const start = slotStart(slot);
    const end = slotStart(slot + 1);
    let freq = 0;
    let inTitle = 0;
    for (; i < positions.length && positions[i] < end; i++) {
      const c = columnIn(positions[i], start);
      freq += WEIGHTS[c] ?? 0;
      if (c === 0) inTitle = 1;
    }
    slots[at + count] = slot;
    freqs[at + count] = freq * 2 + inTitle;
    count++;
  }
  return count;
}
