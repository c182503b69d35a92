// The search index held in memory: for every term, the sorted positions where it occurs, built
// from the topics' index columns (index-text.ts) and the FTS5 tokenizer's stems. Ranking thousands of matches through FTS5's bm25
// took milliseconds per query; walking these arrays takes microseconds.
import { STOP_WORDS } from './lexicon.ts';
import { maxTypoDistance } from './vocabulary.ts';
import { editDistance, words } from './words.ts';

/** title, subtopics, decisions, owners, body, meta: the order of indexColumns() (index-text.ts). */
const COLUMNS = 6;
// A position is one number: slot * 2^23 + column * 2^20 + offset. Phrase neighbours differ by 1.
const OFFSETS = 2 ** 20;
const SLOT = 2 ** 23;

export interface IndexedTopic {
  id: number;
  documentId: string;
  /** Column texts, from indexColumns(). */
  columns: string[];
}

/** Terms for words, as the FTS5 tokenizer stems them. */
export type Stem = (words: string[]) => string[];

/**
 * Everything a built index holds, as plain arrays (index-codec.ts stores it): restore() makes
 * the same index again without reading a topic's text or stemming a word.
 */
export interface IndexSnapshot {
  ids: number[];
  documents: string[];
  lengths: number[];
  titleWords: number[];
  bodyLengths: number[];
  totalLength: number;
  /** Terms in index order, and each term's positions. */
  terms: string[];
  postings: Positions[];
  /** Known spellings and their stems (the documents' words, and any query words stemmed since). */
  stems: [string, string][];
}

/** Adds topics in id order, then finish() makes the index (once), or finishing() in steps. */
export interface IndexBuilder {
  add(t: IndexedTopic): void;
  finish(): TopicIndex;
  finishing(): Generator<void, TopicIndex, void>;
}

/** Occurrences of a phrase: positions of its first word, sorted. Always a Float64Array: one
 * element type keeps the ranking loop monomorphic (mixing in number[] made it 3x slower). */
export type Positions = Float64Array;

export const slotOf = (pos: number): number => Math.floor(pos / SLOT);
/** First position of a slot, and the column of a position within that slot. */
export const slotStart = (slot: number): number => slot * SLOT;
export const columnIn = (pos: number, start: number): number => (pos - start) >>> 20;

export class TopicIndex {
  /** slot → topic id / document id / length in tokens / content words in the title / tokens below the title */
  readonly ids: number[] = [];
  readonly documents: string[] = [];
  readonly lengths: number[] = [];
  readonly titleWords: number[] = [];
  readonly bodyLengths: number[] = [];
  private readonly postings = new Map<string, Float64Array>();
  private readonly stemCache = new Map<string, string>();
  private totalLength = 0;

  constructor(private readonly stem: Stem) {}

  static build(topics: Iterable<IndexedTopic>, stem: Stem): TopicIndex {
    const builder = TopicIndex.builder(stem);
    for (const t of topics) builder.add(t);
    return builder.finish();
  }

  /** What build() does, a topic at a time: a caller can spread a large build over several turns. */
  static builder(stem: Stem): IndexBuilder {
    const index = new TopicIndex(stem);
    // Pass 1: every token's spelling id, in position order, and each column's length in tokens:
    // the positions follow from those (a title word's alias, stored as ~id, shares the position
    // of the word before it). 4 bytes a token: with its position beside it in a Float64Array,
    // the 3.3 million tokens of 60 teams' summaries left 48 MB of garbage behind the build.
    const spellingIds = new Map<string, number>();
    let ids = new Int32Array(1 << 16);
    let count = 0;
    let lengths = new Int32Array(COLUMNS << 10);
    const add = (t: IndexedTopic) => {
      const slot = index.ids.length;
      index.ids.push(t.id);
      index.documents.push(t.documentId);
      const columns = Array.from({ length: COLUMNS }, (_, c) => words(t.columns[c] ?? ''));
      const aliases = titleAliases(columns);
      if ((slot + 1) * COLUMNS > lengths.length) lengths = grow(lengths, (slot + 1) * COLUMNS);
      let length = 0;
      for (let c = 0; c < COLUMNS; c++) {
        const tokens = columns[c];
        const n = Math.min(tokens.length, OFFSETS);
        if (count + 2 * n > ids.length) ids = grow(ids, count + 2 * n);
        lengths[slot * COLUMNS + c] = n;
        for (let o = 0; o < n; o++) {
          ids[count++] = spellingId(spellingIds, tokens[o]);
          // A misspelled title word also stands, at its position, for the body's spelling.
          const alias = c === 0 ? aliases?.[o] : undefined;
          if (alias) ids[count++] = ~spellingId(spellingIds, alias);
        }
        length += tokens.length;
      }
      index.titleWords.push(titleContentWords(columns[0]));
      index.bodyLengths.push(columns[1].length + columns[2].length + columns[3].length + columns[4].length);
      index.lengths.push(length);
      index.totalLength += length;
    };
    // Pass 2: spellings sharing a stem ("migration", "migrations") become one term; a stable
    // counting sort by term keeps each term's positions in order, in one shared array.
    function* finishing(): Generator<void, TopicIndex, void> {
      const spellings = [...spellingIds.keys()];
      const stems = stem(spellings);
      yield;
      const termIds = new Map<string, number>();
      const termOf = Int32Array.from(stems, (st, i) => {
        index.stemCache.set(spellings[i], st);
        let id = termIds.get(st);
        if (id === undefined) termIds.set(st, (id = termIds.size));
        return id;
      });
      yield;
      const starts = new Int32Array(termIds.size + 1);
      for (let k = 0; k < count; k++) starts[termOf[ids[k] < 0 ? ~ids[k] : ids[k]] + 1]++;
      for (let k = 0; k < termIds.size; k++) starts[k + 1] += starts[k];
      yield;
      const sorted = new Float64Array(count);
      const fill = starts.slice(0, termIds.size);
      // The column (slot * COLUMNS + column) of the last token, its tokens still to come, its position.
      let cell = -1;
      let left = 0;
      let pos = 0;
      for (let from = 0; from < count; from += FILL_STEP) {
        for (let k = from, end = Math.min(count, from + FILL_STEP); k < end; k++) {
          const id = ids[k];
          if (id < 0) {
            sorted[fill[termOf[~id]]++] = pos;
            continue;
          }
          if (left > 0) {
            pos++;
            left--;
          } else {
            do cell++;
            while (lengths[cell] === 0);
            pos = Math.floor(cell / COLUMNS) * SLOT + (cell % COLUMNS) * OFFSETS;
            left = lengths[cell] - 1;
          }
          sorted[fill[termOf[id]]++] = pos;
        }
        yield;
      }
      for (const [term, id] of termIds) index.postings.set(term, sorted.subarray(starts[id], starts[id + 1]));
      return index;
    }
    const finish = () => {
      const steps = finishing();
      for (;;) {
        const r = steps.next();
        if (r.done) return r.value;
      }
    };
    return { add, finish, finishing };
  }

  /** What restore() needs to make this index again. */
  snapshot(): IndexSnapshot {
    const { ids, documents, lengths, titleWords, bodyLengths, totalLength } = this;
    return {
      ids,
      documents,
      lengths,
      titleWords,
      bodyLengths,
      totalLength,
      terms: [...this.postings.keys()],
      postings: [...this.postings.values()],
      stems: [...this.stemCache],
    };
  }

  /** The index a snapshot was taken of. */
  static restore(s: IndexSnapshot, stem: Stem): TopicIndex {
    const index = new TopicIndex(stem);
    for (let slot = 0; slot < s.ids.length; slot++) {
      index.ids.push(s.ids[slot]);
      index.documents.push(s.documents[slot]);
      index.lengths.push(s.lengths[slot]);
      index.titleWords.push(s.titleWords[slot]);
      index.bodyLengths.push(s.bodyLengths[slot]);
    }
    index.totalLength = s.totalLength;
    s.terms.forEach((term, i) => index.postings.set(term, s.postings[i]));
    for (const [w, st] of s.stems) index.stemCache.set(w, st);
    return index;
  }

  get size(): number {
    return this.ids.length;
  }

  get averageLength(): number {
    return this.size ? this.totalLength / this.size : 0;
  }

  /** Where a phrase of words occurs (empty when it does not). */
  phrase(phraseWords: string[]): Positions {
    const terms = this.terms(phraseWords);
    const first = terms.length > 0 ? this.postings.get(terms[0]) : undefined;
    if (!first) return EMPTY;
    if (terms.length === 1) return first;
    const rest: Float64Array[] = [];
    for (let j = 1; j < terms.length; j++) {
      const list = this.postings.get(terms[j]);
      if (!list) return EMPTY;
      rest.push(list);
    }
    return followedBy(first, rest);
  }

  /** Every term's positions, each list the object phrase() returns for that term alone. */
  postingLists(): IterableIterator<Positions> {
    return this.postings.values();
  }

  /** The index term of a word: its stem. */
  stemOf(word: string): string {
    return this.terms([word])[0];
  }

  has(phraseWords: string[]): boolean {
    return this.phrase(phraseWords).length > 0;
  }

  // Words the documents contain are stemmed at build; others (typos, new words) once, then kept.
  private terms(ws: string[]): string[] {
    const unknown = ws.filter((w) => !this.stemCache.has(w));
    if (unknown.length > 0) {
      const stems = this.stem(unknown);
      if (this.stemCache.size > MAX_CACHED_STEMS) this.stemCache.clear();
      unknown.forEach((w, i) => this.stemCache.set(w, stems[i]));
    }
    return ws.map((w) => this.stemCache.get(w) ?? w);
  }
}

/**
 * Positions p of `first` where rest[j] holds p + j + 1: a merge over sorted lists. Its own
 * function: inside phrase() this rarely taken path kept sending the optimised code back.
 */
function followedBy(first: Float64Array, rest: Float64Array[]): Positions {
  const out = new Float64Array(first.length);
  const at = new Int32Array(rest.length);
  let n = 0;
  outer: for (let i = 0; i < first.length; i++) {
    const p = first[i];
    for (let j = 0; j < rest.length; j++) {
      const list = rest[j];
      const want = p + j + 1;
      let k = at[j];
      while (k < list.length && list[k] < want) k++;
      at[j] = k;
      if (list[k] !== want) continue outer;
    }
    out[n++] = p;
  }
  return out.subarray(0, n);
}

/** Numbering and list markers before a title's words: "1. Development goal", "*2.)* Foo", "b) Bar", "IV. Baz". */
const NUMBERING = /^(?:\d{1,3}|[a-z]|[ivx]{1,4})$/;

/** Content words of a title, its leading numbering left out: the query "development goal" names "1. Development goal". */
function titleContentWords(title: string[]): number {
  let i = 0;
  while (i < title.length - 1 && NUMBERING.test(title[i])) i++;
  let n = 0;
  for (; i < title.length; i++) if (!STOP_WORDS.has(title[i])) n++;
  return n;
}

/** Shorter title words are left alone: "cells" over a body saying "calls" is no typo. */
const MIN_ALIAS_LENGTH = 6;

/**
 * For a title word its own topic never uses, the body's closest spelling ("Healtcheck" over a body
 * about "healthcheck"), by title offset; null when there is none (nearly always).
 */
function titleAliases(columns: string[][]): (string | undefined)[] | null {
  const title = columns[0];
  let out: (string | undefined)[] | null = null;
  for (let o = 0; o < title.length; o++) {
    const w = title[o];
    if (w.length < MIN_ALIAS_LENGTH || /\d/.test(w)) continue;
    // Nearly always the section uses its title's words: a native scan, no allocation.
    if (columns[4].includes(w) || columns[2].includes(w) || columns[1].includes(w)) continue;
    const max = maxTypoDistance(w.length);
    const counts = new Map<string, number>();
    for (let c = 1; c <= 4; c++) {
      for (const b of columns[c]) {
        if (Math.abs(b.length - w.length) > max || b[0] !== w[0] || b.startsWith(w) || w.startsWith(b)) continue;
        counts.set(b, (counts.get(b) ?? 0) + 1);
      }
    }
    let best: string | undefined;
    let bestCount = 0;
    for (const [b, n] of counts) if (n > bestCount && editDistance(w, b, max) <= max) ((best = b), (bestCount = n));
    if (best) (out ??= [])[o] = best;
  }
  return out;
}

/** The number of a spelling, numbered in order of first appearance. */
function spellingId(ids: Map<string, number>, spelling: string): number {
  let id = ids.get(spelling);
  if (id === undefined) ids.set(spelling, (id = ids.size));
  return id;
}

function grow(a: Int32Array, need: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

const EMPTY: Positions = new Float64Array(0);
/** Positions sorted per step of finishing(): a few milliseconds' work. */
const FILL_STEP = 1 << 19;
/** Bounds what queries add to the stem cache; the documents' own words are far fewer. */
const MAX_CACHED_STEMS = 200_000;
