// What the search answers from: the in-memory index of every stored topic and what ranking needs
// beside it. Built in steps (a generator): run at once, or spread over several turns of the event
// loop while the previous state answers (search.ts).
import { addTerms, sortedTerms, type DocumentRow, type PtgRepo } from './repo.ts';
import { indexColumns } from './index-text.ts';
import type { StoredIndex } from './index-store.ts';
import { seriesName, seriesOrdinal } from './lexicon.ts';
import type { ScopeNames } from './query.ts';
import { Ranker } from './rank.ts';
import { ScopeFilter } from './scope.ts';
import { TopicIndex, type IndexedTopic } from './topic-index.ts';
import { assembleVocabulary, type Vocabulary } from './vocabulary.ts';

/**
 * A topic with fewer words than this below its title (a heading whose section is elsewhere, or
 * empty) scores down to 60%: it must not outrank a full section on the same subject.
 */
const THIN_BODY = 12;
const THIN_FLOOR = 0.6;
/**
 * A topic longer than this many times the average covers many queries by sheer size (a day's
 * notes under one heading): beyond it, it scores down by (length / limit)^-LONG_DECAY.
 */
const LONG_TOPIC = 2;
const LONG_DECAY = 0.2;
/** Topics read and indexed per step: about 15 ms of work at most. */
const PAGE = 250;
/** Documents' vocabularies summed per step. */
const VOCABULARIES = 50;

export interface Boost {
  doc: DocumentRow;
  recency: number;
}

export interface State {
  key: string;
  index: TopicIndex;
  ranker: Ranker;
  vocab: Vocabulary;
  docs: DocumentRow[];
  /** slot → position in docs */
  docOfSlot: Int32Array;
  scopeNames: ScopeNames;
  scope: ScopeFilter;
  /** per document: itself and a small bonus for newer cycles */
  boosts: Boost[];
  /** per slot: the factors for a thin section and for a long topic (1 when not long), worked out once per index */
  thin: Float64Array;
  long: Float64Array;
  /**
   * Per document (position in docs), 1 when it changed since this state was built: while the
   * next state is being built, its topics are not answered from this one.
   */
  stale?: Uint8Array;
}

/** Every stored topic's index columns, in id order, read a page at a time. */
export function* indexedTopics(repo: PtgRepo, page = PAGE): Generator<IndexedTopic[]> {
  for (let after = Number.MIN_SAFE_INTEGER; ;) {
    const topics = repo.topicSources(after, page);
    if (topics.length > 0) yield topics.map((t) => ({ id: t.id, documentId: t.documentId, columns: indexColumns(t) }));
    if (topics.length < page) return;
    after = topics[topics.length - 1].id;
  }
}

/** The index of every stored topic, built from their texts; yields between steps. */
export function* buildIndex(repo: PtgRepo): Generator<void, TopicIndex, void> {
  const builder = TopicIndex.builder((ws) => repo.stems(ws));
  for (const page of indexedTopics(repo)) {
    for (const t of page) builder.add(t);
    yield;
  }
  return yield* builder.finishing();
}

/** Every document's vocabulary summed, in the order typo corrections read it; yields between steps. */
function* summedTerms(repo: PtgRepo): Generator<void, { term: string; df: number }[], void> {
  const df = new Map<string, number>();
  const vocabularies = repo.vocabularies();
  for (let i = 0; i < vocabularies.length; i++) {
    addTerms(vocabularies[i], df);
    if (i % VOCABULARIES === VOCABULARIES - 1) yield;
  }
  return sortedTerms(df);
}

/**
 * The state of the documents stored now, under `key` (their generation); yields between steps.
 * `stored`: their index and vocabulary as stored (index-store.ts), instead of working them out.
 */
export function* buildState(repo: PtgRepo, key: string, stored?: StoredIndex): Generator<void, State, void> {
  const docs = repo.documents();
  const index = stored?.index ?? (yield* buildIndex(repo));
  yield;
  const ranker = yield* Ranker.building(index);
  yield;
  const terms = stored?.terms ?? (yield* summedTerms(repo));
  yield;
  const vocab = assembleVocabulary(terms, repo.acronyms(), index.size);
  yield;
  const newest = Math.max(...docs.map((d) => seriesOrdinal(d.cycle)), 0);
  const position = new Map(docs.map((d, i) => [d.id, i]));
  const docOfSlot = Int32Array.from(index.documents, (id) => position.get(id) ?? -1);
  // Any series names a cycle, stored or not ("caracal" with no Caracal summary answers nothing).
  const cycles = new Map<string, string>();
  for (const d of docs) for (const w of [d.cycle, d.release]) if (w) cycles.set(w.toLowerCase(), d.cycle.toLowerCase());
  const projects = new Set(docs.map((d) => d.project.toLowerCase()));
  return {
    key,
    index,
    ranker,
    vocab,
    docs,
    docOfSlot,
    scopeNames: { cycle: (w) => seriesName(w) ?? cycles.get(w), project: (w) => projects.has(w) },
    scope: new ScopeFilter(index, docOfSlot, docs),
    boosts: docs.map((doc) => ({ doc, recency: (0.01 * (seriesOrdinal(doc.cycle) + 1)) / (newest + 1) })),
    thin: Float64Array.from(index.bodyLengths, (n) => THIN_FLOOR + (1 - THIN_FLOOR) * Math.min(1, n / THIN_BODY)),
    long: Float64Array.from(index.lengths, (n) => {
      const long = n / (LONG_TOPIC * index.averageLength);
      return long > 1 ? Math.pow(long, -LONG_DECAY) : 1;
    }),
  };
}

/** Runs every step now. */
export function buildStateNow(repo: PtgRepo, key: string, stored?: StoredIndex): State {
  const steps = buildState(repo, key, stored);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** The same state, with the documents that changed since it was built marked stale. */
export function markStale(state: State, docs: DocumentRow[]): State {
  const now = new Map(docs.map((d) => [d.id, `${d.imported_at}:${d.source_hash ?? ''}`]));
  const stale = Uint8Array.from(state.docs, (d) => (now.get(d.id) === `${d.imported_at}:${d.source_hash ?? ''}` ? 0 : 1));
  return { ...state, stale };
}
