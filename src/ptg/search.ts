// Ranked search over imported PTG topics, from an in-memory index of their texts (index-text.ts):
// term coverage (IDF-weighted, partial credit for typo corrections) decides what counts as an
// answer, titles and bm25 order the answers.
import type { PtgRepo, DocumentRow, StoredTopic } from './repo.ts';
import { analyzeQuery, type AnalyzedQuery } from './query.ts';
import { adjacentPair, lowerBound, QueryPhrases } from './proximity.ts';
import type { Ranker } from './rank.ts';
import type { IndexStore, StoredIndex } from './index-store.ts';
import type { ScopeFilter } from './scope.ts';
import { buildState, buildStateNow, markStale, type State } from './search-state.ts';
import { columnIn, slotStart } from './topic-index.ts';
import type { Link } from './types.ts';

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

/** A topic outside the cycle/project the query names stays only when two or more other words of
 * the query are all in its title... */
const STRONG_MATCH = 0.999;
/** ...and then ranks below the topics in scope. */
const OUT_OF_SCOPE = 0.3;
/** More for a topic where two consecutive words of the query stand side by side (proximity.ts). */
const PAIR_BONUS = 0.15;
/**
 * How often the database is asked whether another process (`cyclebot import`) changed the
 * documents. Asking on every question was the costliest step of an answer (a read transaction
 * on a WAL file that sat idle); changes made through this process are seen at once.
 */
const EXTERNAL_CHECK_MS = 2000;
/** Parsed topics kept for repeated answers; a channel asks about the same few topics. */
const CACHED_TOPICS = 256;
/**
 * In a running bot (keepLoopFree), an index of this many topics or more is rebuilt in steps
 * between other work: at 20,000 topics a rebuild takes over a second. Smaller ones, at once.
 */
const BACKGROUND_MIN_TOPICS = 2000;
/** Work done per turn of the event loop by such a rebuild. */
const SLICE_MS = 8;

export class PtgSearch {
  private current: State | null = null;
  private checked = { at: -Infinity, localChanges: -1 };
  private readonly topicCache = new Map<number, StoredTopic>();
  private loopFree = false;
  /** The state being built in steps, for which generation of the documents, and their version in the store. */
  private background: { key: string; steps: Generator<void, State, void>; version: number } | null = null;
  /** A rebuilt index being stored in steps. */
  private storing: Generator<void, boolean, void> | null = null;
  private checkSoon = false;

  /** `store`: where the index is kept between starts (none: built at every start). */
  constructor(
    private readonly repo: PtgRepo,
    private readonly clock: () => number = () => performance.now(),
    private readonly store?: IndexStore,
  ) {}

  /** Builds the in-memory index now rather than on the first question. */
  warm(): void {
    this.state();
  }

  /**
   * For a running bot: the event loop is never held for a whole rebuild. After an import (a live
   * source, a chair's `!ptg import`, another process) a large index is rebuilt in slices of a few
   * milliseconds, starting at once; until it is ready, questions are answered from the previous
   * index without the documents that changed. Once built, answers are those of a fresh start.
   */
  keepLoopFree(): void {
    if (this.loopFree) return;
    this.loopFree = true;
    this.repo.onChange(() => {
      if (this.checkSoon) return;
      this.checkSoon = true;
      setImmediate(() => {
        this.checkSoon = false;
        try {
          this.state();
        } catch {
          // The database was closed (the bot is stopping): nothing to index.
        }
      });
    });
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
    if (this.loopFree && this.current && this.current.index.size >= BACKGROUND_MIN_TOPICS) return this.inBackground(this.current, key);
    this.background = null;
    this.topicCache.clear();
    this.current = this.stateNow(key);
    return this.current;
  }

  /** The state of `key` now: from the stored index when it is the documents' own, else built (and stored). */
  private stateNow(key: string): State {
    const { store } = this;
    if (!store) return buildStateNow(this.repo, key);
    const stored = store.load((ws) => this.repo.stems(ws));
    if (stored) return buildStateNow(this.repo, key, stored);
    const version = store.version();
    const state = buildStateNow(this.repo, key);
    store.save(version, storedOf(state));
    return state;
  }

  /** Starts building the state of `key` in steps (unless under way); answers from `current` meanwhile. */
  private inBackground(current: State, key: string): State {
    if (this.background?.key === key) return current;
    this.current = markStale(current, this.repo.documents());
    this.storing = null;
    const job = { key, version: this.store?.version() ?? -1, steps: buildState(this.repo, key) };
    this.background = job;
    setImmediate(() => this.step(job));
    return this.current;
  }

  private step(job: NonNullable<PtgSearch['background']>): void {
    if (this.background !== job) return;
    const until = performance.now() + SLICE_MS;
    let r: IteratorResult<void, State>;
    try {
      do r = job.steps.next();
      while (!r.done && performance.now() < until);
      if (!r.done) {
        setImmediate(() => this.step(job));
        return;
      }
      this.background = null;
      // A write between two steps: the pages read may mix versions. Build again, for the new one.
      if (this.repo.generation() !== job.key) {
        this.checked.at = -Infinity;
        this.state();
        return;
      }
    } catch {
      this.background = null; // the database was closed under it: the bot is stopping
      return;
    }
    this.topicCache.clear();
    this.current = r.value;
    if (this.store) this.storeInSteps(this.store.saving(job.version, storedOf(r.value)));
  }

  /** Stores a rebuilt index a part per turn, so the next start reads it rather than building it again. */
  private storeInSteps(steps: Generator<void, boolean, void>): void {
    this.storing = steps;
    const step = () => {
      if (this.storing !== steps) return;
      const until = performance.now() + SLICE_MS;
      let r: IteratorResult<void, boolean>;
      do r = steps.next();
      while (!r.done && performance.now() < until);
      if (r.done) this.storing = null;
      else setImmediate(step);
    };
    setImmediate(step);
  }

  search(rawQuery: string, limit = 5, opts: SearchOptions = {}): SearchResult {
    const query = rawQuery.slice(0, MAX_QUERY_CHARS);
    const state = this.state();
    const { index, ranker, vocab, scopeNames, scope } = state;
    const analysis = analyzeQuery(
      query,
      vocab,
      scopeNames,
      (phrase) => index.has(phrase),
      (word) => index.stemOf(word),
    );
    if (analysis.terms.length === 0 || index.size === 0 || analysis.absent.length > 0) return { query: rawQuery, hits: [], analysis };

    // A cycle or project named in the query picks its documents (most queries name none).
    const inScope = scope.prepare(analysis.cycles, analysis.projects);
    const scored = ranker.score(analysis.terms);
    const { prefer } = opts;
    const phrases = new QueryPhrases(index);
    let best = prefer && analysis.projects.length === 0 ? this.best(state, analysis, scored, inScope, phrases, limit, (d) => prefer(d.project)) : [];
    if (best.length === 0) best = this.best(state, analysis, scored, inScope, phrases, limit);
    const topics = this.topics(best.map((b) => index.ids[b.slot]));
    const found = best.flatMap(({ slot, doc, score }) => {
      const t = topics.get(index.ids[slot]);
      return t ? [{ hit: toHit(t, doc, score), inBody: termsInBody(phrases, slot, analysis) }] : [];
    });
    const hits = partsInOrder(found).map((f) => f.hit);
    return { query: rawQuery, analysis, hits };
  }

  /** The best `limit` answers in order, of the documents `keep` accepts (all by default). */
  private best(
    { docOfSlot, boosts, thin, long, stale }: State,
    analysis: AnalyzedQuery,
    { answers, count, coverage, titleCoverage, relevance }: ReturnType<Ranker['score']>,
    inScope: ReturnType<ScopeFilter['prepare']>,
    phrases: QueryPhrases,
    limit: number,
    keep?: (doc: DocumentRow) => boolean,
  ): { slot: number; doc: DocumentRow; score: number }[] {
    const best: { slot: number; doc: DocumentRow; score: number }[] = [];
    const pairs = analysis.terms.length >= 2;
    for (let k = 0; k < count; k++) {
      const slot = answers[k];
      const b = boosts[docOfSlot[slot]];
      if (!b || (keep && !keep(b.doc)) || stale?.[docOfSlot[slot]]) continue;
      let factor = 1;
      if (inScope) {
        const m = inScope(slot);
        // Another cycle's topic only when the rest of the query names it outright.
        if (m === 0 && (analysis.terms.length < 2 || coverage[slot] < STRONG_MATCH || titleCoverage[slot] < STRONG_MATCH)) continue;
        factor = m === 0 ? OUT_OF_SCOPE : 0.5 + 0.5 * m;
      }
      factor *= thin[slot];
      factor *= long[slot];
      let score = (0.55 * coverage[slot] + 0.25 * titleCoverage[slot] + 0.2 * relevance[slot]) * factor + b.recency;
      // Two of the query's words side by side in the topic, as typed: only looked up for a topic the bonus could put in the list.
      if (pairs && (best.length < limit || score + PAIR_BONUS * factor > best[best.length - 1].score) && adjacentPair(phrases, slot, analysis.terms)) {
        score += PAIR_BONUS * factor;
      }
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

/** What a state stores: its index, and the vocabulary in the order it was summed. */
function storedOf(state: State): StoredIndex {
  return { index: state.index, terms: Array.from(state.vocab.df, ([term, df]) => ({ term, df })) };
}

/** How close two parts of one section score for the first part to go first (see partsInOrder). */
const PART_TIE = 0.015;
/** The body's column in the index (index-text.ts: title, subtopics, decisions, owners, body, meta). */
const BODY_COLUMN = 4;

/**
 * A long section split into parts keeps its title on each ("Zed Retrospective" twice): when the
 * parts score alike, the query matched what they share, and the section's opening part, which
 * says what the section is about, answers first. So do sections under one heading ("What went
 * well", "What needs to improve" under "Queens retrospective"). Adjacent hits only; order is
 * otherwise kept.
 */
export function partsInOrder<T extends { hit: Hit; inBody: number }>(found: T[]): T[] {
  const out = [...found];
  for (let i = 1; i < out.length; i++) {
    for (let j = i; j > 0; j--) {
      const [a, b] = [out[j - 1], out[j]];
      const later = a.hit.document === b.hit.document && sameSection(a.hit, b.hit) && b.hit.position < a.hit.position;
      // The part ranked higher keeps its place when it scores clearly better or its text says more of the query.
      if (!later || a.hit.score - b.hit.score > PART_TIE || a.inBody > b.inBody) break;
      [out[j - 1], out[j]] = [b, a];
    }
  }
  return out;
}

/** Two parts of one section (one title), or two sections under one heading (their first subtopic, the parent heading). */
function sameSection(a: Hit, b: Hit): boolean {
  return a.topic === b.topic || (a.subtopics.length > 0 && a.subtopics[0] === b.subtopics[0]);
}

/** How many of the query's terms the topic's own text (its body) has, in any of their forms. */
function termsInBody(phrases: QueryPhrases, slot: number, analysis: AnalyzedQuery): number {
  const [start, end] = [slotStart(slot), slotStart(slot + 1)];
  let n = 0;
  for (const term of analysis.terms) {
    const found = term.alternatives.some(({ phrase }) => {
      const positions = phrases.positions(phrase);
      for (let at = lowerBound(positions, start); at < positions.length && positions[at] < end; at++)
        if (columnIn(positions[at], start) === BODY_COLUMN) return true;
      return false;
    });
    if (found) n++;
  }
  return n;
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
