// Ranked search over imported PTG topics, from an in-memory index of their texts (index-text.ts):
// term coverage (IDF-weighted, partial credit for typo corrections) decides what counts as an
// answer, titles and bm25 order the answers.
import type { PtgRepo, DocumentRow, StoredTopic } from './repo.ts';
import { seriesName, seriesOrdinal } from './lexicon.ts';
import { analyzeQuery, type AnalyzedQuery, type ScopeNames } from './query.ts';
import { Ranker } from './rank.ts';
import { ScopeFilter } from './scope.ts';
import { indexColumns } from './index-text.ts';
import { TopicIndex, type IndexedTopic } from './topic-index.ts';
import type { Link } from './types.ts';
import { assembleVocabulary, type Vocabulary } from './vocabulary.ts';

const MAX_QUERY_CHARS = 500;

export interface Hit {
  document: string;
  project: string;
  cycle: string;
  release: string | null;
  topic: string;
  score: number;
  decisions: string[];
  owners: string[];
  links: Link[];
  subtopics: string[];
  body: string;
  topicId: number;
  /** The topic's place in its document (its permalink, ptg/permalink.ts). */
  position: number;
  /** Another team's topic, labelled with that team (set by the caller that knows the teams). */
  team?: string;
}

export interface SearchResult {
  query: string;
  hits: Hit[];
  analysis: AnalyzedQuery;
}

export interface SearchOptions {
  /**
   * The asking team's summaries (by project) come first: when the query names no project, only
   * they answer, unless none matches; then the others do.
   */
  prefer?: (project: string) => boolean;
}

interface Boost {
  doc: DocumentRow;
  recency: number;
}

/** A topic outside the cycle/project the query names stays only when two or more other words of
 * the query are all in its title... */
const STRONG_MATCH = 0.999;
/** ...and then ranks below the topics in scope. */
const OUT_OF_SCOPE = 0.3;
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

interface State {
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
}

/**
 * How often the database is asked whether another process (`cyclebot import`) changed the
 * documents. Asking on every question was the costliest step of an answer (a read transaction
 * on a WAL file that sat idle); changes made through this process are seen at once.
 */
const EXTERNAL_CHECK_MS = 2000;
/** Parsed topics kept for repeated answers; a channel asks about the same few topics. */
const CACHED_TOPICS = 256;

export class PtgSearch {
  private current: State | null = null;
  private checked = { at: -Infinity, localChanges: -1 };
  private readonly topicCache = new Map<number, StoredTopic>();

  constructor(
    private readonly repo: PtgRepo,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Builds the in-memory index now rather than on the first question. */
  warm(): void {
    this.state();
  }

  /** The imported documents, as of the index in use (no query of its own when nothing changed). */
  documents(): DocumentRow[] {
    return this.state().docs;
  }

  // Rebuilt only when the set of imported documents changed (id + import time).
  private state(): State {
    const now = this.clock();
    const { localChanges } = this.repo;
    if (this.current && localChanges === this.checked.localChanges && now - this.checked.at < EXTERNAL_CHECK_MS) return this.current;
    this.checked = { at: now, localChanges };
    const key = this.repo.generation();
    if (this.current?.key === key) return this.current;
    this.topicCache.clear();
    const docs = this.repo.documents();
    const index = TopicIndex.build(indexedTopics(this.repo), (ws) => this.repo.stems(ws));
    const newest = Math.max(...docs.map((d) => seriesOrdinal(d.cycle)), 0);
    const position = new Map(docs.map((d, i) => [d.id, i]));
    const docOfSlot = Int32Array.from(index.documents, (id) => position.get(id) ?? -1);
    // Any series names a cycle, stored or not ("caracal" with no Caracal summary answers nothing).
    const cycles = new Map<string, string>();
    for (const d of docs) for (const w of [d.cycle, d.release]) if (w) cycles.set(w.toLowerCase(), d.cycle.toLowerCase());
    const projects = new Set(docs.map((d) => d.project.toLowerCase()));
    this.current = {
      key,
      index,
      ranker: new Ranker(index),
      vocab: assembleVocabulary(this.repo.terms(), this.repo.acronyms(), index.size),
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
    return this.current;
  }

  search(rawQuery: string, limit = 5, opts: SearchOptions = {}): SearchResult {
    const query = rawQuery.slice(0, MAX_QUERY_CHARS);
    const state = this.state();
    const { index, ranker, vocab, scopeNames, scope } = state;
    const analysis = analyzeQuery(query, vocab, scopeNames, (phrase) => index.has(phrase));
    if (analysis.terms.length === 0 || index.size === 0) return { query: rawQuery, hits: [], analysis };

    // A cycle or project named in the query picks its documents (most queries name none).
    const inScope = scope.prepare(analysis.cycles, analysis.projects);
    const scored = ranker.score(analysis.terms);
    const { prefer } = opts;
    let best = prefer && analysis.projects.length === 0 ? this.best(state, analysis, scored, inScope, limit, (d) => prefer(d.project)) : [];
    if (best.length === 0) best = this.best(state, analysis, scored, inScope, limit);
    const topics = this.topics(best.map((b) => index.ids[b.slot]));
    const hits = best.flatMap(({ slot, doc, score }) => {
      const t = topics.get(index.ids[slot]);
      return t ? [toHit(t, doc, score)] : [];
    });
    return { query: rawQuery, analysis, hits };
  }

  /** The best `limit` answers in order, of the documents `keep` accepts (all by default). */
  private best(
    { docOfSlot, boosts, thin, long }: State,
    analysis: AnalyzedQuery,
    { answers, count, coverage, titleCoverage, relevance }: ReturnType<Ranker['score']>,
    inScope: ReturnType<ScopeFilter['prepare']>,
    limit: number,
    keep?: (doc: DocumentRow) => boolean,
  ): { slot: number; doc: DocumentRow; score: number }[] {
    const best: { slot: number; doc: DocumentRow; score: number }[] = [];
    for (let k = 0; k < count; k++) {
      const slot = answers[k];
      const b = boosts[docOfSlot[slot]];
      if (!b || (keep && !keep(b.doc))) continue;
      let factor = 1;
      if (inScope) {
        const m = inScope(slot);
        // Another cycle's topic only when the rest of the query names it outright.
        if (m === 0 && (analysis.terms.length < 2 || coverage[slot] < STRONG_MATCH || titleCoverage[slot] < STRONG_MATCH)) continue;
        factor = m === 0 ? OUT_OF_SCOPE : 0.5 + 0.5 * m;
      }
      factor *= thin[slot];
      factor *= long[slot];
      const score = (0.55 * coverage[slot] + 0.25 * titleCoverage[slot] + 0.2 * relevance[slot]) * factor + b.recency;
      // Keep the best `limit` in order; ties keep index order, the order of the documents.
      if (best.length >= limit && score <= best[best.length - 1].score) continue;
      let at = best.length;
      while (at > 0 && best[at - 1].score < score) at--;
      best.splice(at, 0, { slot, doc: b.doc, score });
      if (best.length > limit) best.pop();
    }
    return best;
  }

  private topics(ids: number[]): Map<number, StoredTopic> {
    const missing = ids.filter((id) => !this.topicCache.has(id));
    for (const t of this.repo.topics(missing)) {
      if (this.topicCache.size >= CACHED_TOPICS) this.topicCache.delete(this.topicCache.keys().next().value!);
      // Answers share these arrays: frozen, so a change by mistake throws instead of spreading.
      for (const list of [t.decisions, t.owners, t.links, t.subtopics]) Object.freeze(list);
      this.topicCache.set(t.id, t);
    }
    return new Map(ids.flatMap((id) => (this.topicCache.has(id) ? [[id, this.topicCache.get(id)!] as const] : [])));
  }
}

/** Every stored topic's index columns, in id order. */
export function* indexedTopics(repo: PtgRepo): Generator<IndexedTopic> {
  for (const t of repo.topicSources()) yield { id: t.id, documentId: t.documentId, columns: indexColumns(t) };
}

function toHit(t: StoredTopic, d: DocumentRow, score: number): Hit {
  return {
    document: d.id,
    project: d.project,
    cycle: d.cycle,
    release: d.release,
    topic: t.title,
    score: Math.round(score * 1000) / 1000,
    decisions: t.decisions,
    owners: t.owners,
    links: t.links,
    subtopics: t.subtopics,
    body: t.body,
    topicId: t.id,
    position: t.position,
  };
}
