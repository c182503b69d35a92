// Ranked search over imported PTG topics: FTS5 bm25 with field weights picks candidates, term
// coverage (IDF-weighted, partial credit for typo corrections) decides what counts as an answer.
import type { PtgRepo, DocumentRow, StoredTopic } from '../store/ptg-repo.ts';
import { seriesOrdinal, STOP_WORDS } from './lexicon.ts';
import { analyzeQuery, ftsAny, ftsPhrase, type AnalyzedQuery } from './query.ts';
import type { Link } from './types.ts';
import { assembleVocabulary, type Vocabulary } from './vocabulary.ts';
import { words } from './words.ts';

/** bm25 column weights: title, subtopics, decisions, owners, body, meta. */
const WEIGHTS = [10, 4, 3, 5, 1, 2];
/** Below this share of the query's weight a topic is not an answer. */
const MIN_COVERAGE = 0.5;
/** Topics ranked by bm25 before coverage is checked; enough for a few pages of answers. */
const CANDIDATES = 60;
export const MAX_QUERY_CHARS = 500;

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
}

export interface SearchResult {
  query: string;
  hits: Hit[];
  analysis: AnalyzedQuery;
}

interface TermMatch {
  credit: number;
  size: number;
  ids: Set<number>;
  inTitle: Set<number>;
}

export class PtgSearch {
  private vocab: Vocabulary | null = null;
  private vocabKey = '';
  private docs: DocumentRow[] = [];

  constructor(private readonly repo: PtgRepo) {}

  // Rebuilt only when the set of imported documents changed (id + import time).
  private state(): { vocab: Vocabulary; docs: DocumentRow[] } {
    const key = this.repo.generation();
    if (!this.vocab || key !== this.vocabKey) {
      const docs = this.repo.documents();
      this.vocab = assembleVocabulary(this.repo.terms(), this.repo.acronyms(), this.repo.topicCount());
      this.vocabKey = key;
      this.docs = docs;
    }
    return { vocab: this.vocab, docs: this.docs };
  }

  search(rawQuery: string, limit = 5): SearchResult {
    const query = rawQuery.slice(0, MAX_QUERY_CHARS);
    const { vocab, docs } = this.state();
    const scopeWords = new Set<string>();
    for (const d of docs) for (const w of [d.project, d.cycle, d.release]) if (w) scopeWords.add(w.toLowerCase());
    const analysis = analyzeQuery(query, vocab, scopeWords, (phrase) => this.repo.anyMatching(ftsPhrase(phrase)));
    const empty = { query: rawQuery, hits: [], analysis };
    if (analysis.terms.length === 0 || vocab.topicCount === 0) return empty;

    const N = vocab.topicCount;
    const matched = analysis.terms.map((term) => {
      const alts = term.alternatives.map((alt) => ({ alt, ids: this.repo.matching(ftsPhrase(alt.phrase)) }));
      const all = new Set<number>();
      for (const a of alts) for (const id of a.ids) all.add(id);
      return { term, alts, df: all.size };
    });

    // Candidates: topics matching every term first (they cover the query), then any term. The
    // "any" pass leaves out terms in over a quarter of all topics: alone they cannot reach the
    // coverage an answer needs, and ranking their thousands of matches is the slow part.
    const group = (t: (typeof matched)[number]) => `(${ftsAny(t.term.alternatives)})`;
    const ranked = this.repo.rank(matched.map(group).join(' AND '), WEIGHTS, CANDIDATES);
    if (ranked.length < CANDIDATES && matched.length > 1) {
      const rare = matched.filter((m) => m.df <= N / 4);
      const anyOf = (rare.length ? rare : matched).map(group).join(' OR ');
      const seen = new Set(ranked.map((r) => r.id));
      for (const r of this.repo.rank(anyOf, WEIGHTS, CANDIDATES)) if (!seen.has(r.id)) ranked.push(r);
    }
    if (ranked.length === 0) return empty;
    const ids = ranked.map((r) => r.id);

    const titles = this.repo.titles(ids);
    // Title matches are checked here on the candidates' titles, not by a second FTS pass.
    const titleWords = new Map([...titles].map(([id, t]) => [id, words(t.title).map(stem)]));
    const inTitles = (phrase: string[]) => new Set(ids.filter((id) => containsPhrase(titleWords.get(id) ?? [], phrase.map(stem))));
    // An identifier the index knows ("sev-snp", "hw:io_threads") is what the person is after:
    // a topic without it is no answer, however well it matches the other words.
    const required = matched.filter((m) => m.term.identifier && m.df > 0).map((m) => new Set(m.alts.flatMap((a) => [...a.ids])));
    const terms = matched.map(({ alts, df }) => ({
      matches: alts.map(({ alt, ids: altIds }): TermMatch => ({ credit: alt.credit, size: alt.phrase.length, ids: altIds, inTitle: inTitles(alt.phrase) })),
      // IDF: rare terms weigh more; a term nothing matches weighs the most, so it pulls coverage down.
      weight: Math.log(1 + N / (df + 1)),
    }));
    const totalWeight = terms.reduce((s, t) => s + t.weight, 0);
    const credit = (id: number, field: 'ids' | 'inTitle') =>
      terms.reduce((s, t) => s + t.weight * Math.max(0, ...t.matches.filter((m) => m[field].has(id)).map((m) => m.credit)), 0) / totalWeight;

    const maxRel = Math.max(...ranked.map((r) => r.relevance), 1e-9);
    const docById = new Map(docs.map((d) => [d.id, d]));
    const newest = Math.max(...docs.map((d) => seriesOrdinal(d.cycle)), 0);

    const scored = ranked.flatMap(({ id, relevance }) => {
      const doc = docById.get(titles.get(id)?.documentId ?? '');
      const title = titles.get(id)?.title ?? '';
      if (!doc) return [];
      if (required.some((ids) => !ids.has(id))) return [];
      const coverage = credit(id, 'ids');
      const titleCoverage = credit(id, 'inTitle');
      if (coverage < MIN_COVERAGE && !namesTitle(title, terms, id)) return [];
      const inScope = analysis.scope.some((w) => [doc.project, doc.cycle, doc.release].some((v) => v?.toLowerCase() === w));
      const recency = (0.01 * (seriesOrdinal(doc.cycle) + 1)) / (newest + 1);
      const score = (0.55 * coverage + 0.25 * titleCoverage + 0.2 * (relevance / maxRel)) * (inScope ? 1.5 : 1) + recency;
      return [{ id, doc, score }];
    });
    scored.sort((a, b) => b.score - a.score);
    const top = scored.slice(0, limit);
    const topics = new Map(this.repo.topics(top.map((s) => s.id)).map((t) => [t.id, t]));
    const hits = top.flatMap(({ id, doc, score }) => {
      const t = topics.get(id);
      return t ? [toHit(t, doc, score)] : [];
    });
    return { query: rawQuery, analysis, hits };
  }
}

/** A light stemmer, close enough to the index's porter for matching titles ("migrations" = "migrate"). */
function stem(word: string): string {
  const cut = word.replace(/(ations?|ions?|ings?|ed|es|e|s)$/, '');
  return cut.length >= 3 ? cut : word;
}

function containsPhrase(haystack: string[], phrase: string[]): boolean {
  if (phrase.length === 0) return false;
  for (let i = 0; i + phrase.length <= haystack.length; i++) {
    if (phrase.every((w, j) => haystack[i + j] === w)) return true;
  }
  return false;
}

/**
 * The query names the topic: every content word of a title of two or more words is matched
 * there ("how do we stop the console log from growing" names "Console log").
 */
function namesTitle(title: string, terms: { matches: TermMatch[] }[], id: number): boolean {
  const titleWords = words(title).filter((w) => !STOP_WORDS.has(w));
  if (titleWords.length < 2) return false;
  const covered = terms.reduce((n, t) => n + Math.max(0, ...t.matches.filter((m) => m.inTitle.has(id)).map((m) => m.size)), 0);
  return covered >= titleWords.length;
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
  };
}
