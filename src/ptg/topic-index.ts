// The search index held in memory: for every term, the sorted positions where it occurs, built
// from the FTS5 table's own columns and stems. Ranking thousands of matches through FTS5's bm25
// took milliseconds per query; walking these arrays takes microseconds.
import { STOP_WORDS } from './lexicon.ts';
import { words } from './words.ts';

/** title, subtopics, decisions, owners, body, meta: the ptg_fts column order. */
export const COLUMNS = 6;
// A position is one number: slot * 2^23 + column * 2^20 + offset. Phrase neighbours differ by 1.
const OFFSETS = 2 ** 20;
const SLOT = 2 ** 23;

export interface IndexedTopic {
  id: number;
  documentId: string;
  /** Column texts as stored in ptg_fts. */
  columns: string[];
}

/** Terms for words, as the FTS5 tokenizer stems them. */
export type Stem = (words: string[]) => string[];

/** Occurrences of a phrase: positions of its first word, sorted. Always a Float64Array: one
 * element type keeps the ranking loop monomorphic (mixing in number[] made it 3x slower). */
export type Positions = Float64Array;

export const slotOf = (pos: number): number => Math.floor(pos / SLOT);
/** First position of a slot, and the column of a position within that slot. */
export const slotStart = (slot: number): number => slot * SLOT;
export const columnIn = (pos: number, start: number): number => (pos - start) >>> 20;

export class TopicIndex {
  /** slot → topic id / document id / length in tokens / content words in the title */
  readonly ids: number[] = [];
  readonly documents: string[] = [];
  readonly lengths: number[] = [];
  readonly titleWords: number[] = [];
  private readonly postings = new Map<string, Float64Array>();
  private readonly stemCache = new Map<string, string>();
  private totalLength = 0;

  constructor(private readonly stem: Stem) {}

  static build(topics: Iterable<IndexedTopic>, stem: Stem): TopicIndex {
    const index = new TopicIndex(stem);
    const byWord = new Map<string, number[]>();
    for (const t of topics) {
      const slot = index.ids.length;
      index.ids.push(t.id);
      index.documents.push(t.documentId);
      let length = 0;
      for (let c = 0; c < COLUMNS; c++) {
        const tokens = words(t.columns[c] ?? '');
        const n = Math.min(tokens.length, OFFSETS);
        const base = slot * SLOT + c * OFFSETS;
        for (let o = 0; o < n; o++) {
          let list = byWord.get(tokens[o]);
          if (!list) byWord.set(tokens[o], (list = []));
          list.push(base + o);
        }
        length += tokens.length;
      }
      index.lengths.push(length);
      index.totalLength += length;
      index.titleWords.push(words(t.columns[0] ?? '').filter((w) => !STOP_WORDS.has(w)).length);
    }
    // Words sharing a stem ("migration", "migrations") share one sorted list.
    const spellings = [...byWord.keys()];
    const stems = stem(spellings);
    const byStem = new Map<string, number[][]>();
    spellings.forEach((w, i) => {
      index.stemCache.set(w, stems[i]);
      const lists = byStem.get(stems[i]);
      if (lists) lists.push(byWord.get(w)!);
      else byStem.set(stems[i], [byWord.get(w)!]);
    });
    for (const [term, lists] of byStem) {
      const merged = Float64Array.from(lists.length === 1 ? lists[0] : lists.flat());
      if (lists.length > 1) merged.sort();
      index.postings.set(term, merged);
    }
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
    const lists = this.terms(phraseWords).map((t) => this.postings.get(t));
    if (lists.length === 0 || lists.some((l) => !l)) return EMPTY;
    const [first, ...rest] = lists as Float64Array[];
    if (rest.length === 0) return first;
    const out: number[] = [];
    const at = rest.map(() => 0);
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
      out.push(p);
    }
    return Float64Array.from(out);
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

const EMPTY: Positions = new Float64Array(0);
/** Bounds what queries add to the stem cache; the documents' own words are far fewer. */
const MAX_CACHED_STEMS = 200_000;
