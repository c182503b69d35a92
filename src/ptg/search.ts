// Ranked search over imported PTG topics: FTS5 bm25 with field weights for order, term coverage
// (IDF-weighted, with partial credit for typo corrections) to decide what counts as an answer.
import type { PtgRepo, DocumentRow, StoredTopic } from '../store/ptg-repo.ts';
import { seriesOrdinal, STOP_WORDS } from './lexicon.ts';
import { words } from './words.ts';
import { analyzeQuery, ftsAny, ftsPhrase, type AnalyzedQuery } from './query.ts';
import type { Link } from './types.ts';
import { buildVocabulary, type Vocabulary } from './vocabulary.ts';

/** bm25 column weights: title, subtopics, decisions, owners, body, meta. */
const WEIGHTS = [10, 4, 3, 5, 1, 2];
/** Below this share of the query's weight a topic is not an answer. */
const MIN_COVERAGE = 0.5;
const CANDIDATES = 500;
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

export class PtgSearch {
  private vocab: Vocabulary | null = null;
  private vocabKey = '';
  private docs: DocumentRow[] = [];

  constructor(private readonly repo: PtgRepo) {}

  /** Call after importing or deleting documents (also detected by itself via a cheap check). */
  invalidate(): void {
    this.vocab = null;
  }

  private state(): { vocab: Vocabulary; docs: DocumentRow[] } {
    const docs = this.repo.documents();
    const key = docs.map((d) => `${d.id}@${d.imported_at}`).join('|');
    if (!this.vocab || key !== this.vocabKey) {
      this.vocab = buildVocabulary(this.repo.allTopicTexts());
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
    const exists = (phrase: string[]) => this.repo.matching(ftsPhrase(phrase)).size > 0;
    const analysis = analyzeQuery(query, vocab, scopeWords, exists);
    const empty = { query: rawQuery, hits: [], analysis };
    if (analysis.terms.length === 0 || vocab.topicCount === 0) return empty;

    const N = vocab.topicCount;
    const terms = analysis.terms.map((term) => {
      const matches = term.alternatives.map((alt) => {
        const phrase = ftsPhrase(alt.phrase);
        return { credit: alt.credit, size: alt.phrase.length, ids: this.repo.matching(phrase), inTitle: this.repo.matchingIn('title', phrase) };
      });
      const all = new Set<number>();
      for (const m of matches) for (const id of m.ids) all.add(id);
      // IDF: rare terms weigh more; a term nothing matches weighs the most, so it pulls coverage down.
      const weight = Math.log(1 + N / (all.size + 1));
      return { matches, weight };
    });
    const totalWeight = terms.reduce((s, t) => s + t.weight, 0);
    const credit = (id: number, field: 'ids' | 'inTitle') =>
      terms.reduce((s, t) => s + t.weight * Math.max(0, ...t.matches.filter((m) => m[field].has(id)).map((m) => m.credit)), 0) / totalWeight;

    const ranked = this.repo.rank(analysis.terms.map((t) => `(${ftsAny(t.alternatives)})`).join(' OR '), WEIGHTS, CANDIDATES);
    if (ranked.length === 0) return empty;
    const maxRel = Math.max(...ranked.map((r) => r.relevance), 1e-9);
    const docById = new Map(docs.map((d) => [d.id, d]));
    const topics = new Map(this.repo.topics(ranked.map((r) => r.id)).map((t) => [t.id, t]));
    const newest = Math.max(...docs.map((d) => seriesOrdinal(d.cycle)), 0);

    const scored = ranked.flatMap(({ id, relevance }) => {
      const topic = topics.get(id);
      const doc = topic && docById.get(topic.documentId);
      if (!topic || !doc) return [];
      const coverage = credit(id, 'ids');
      const titleCoverage = credit(id, 'inTitle');
      if (coverage < MIN_COVERAGE && !namesTitle(topic.title, terms, id)) return [];
      const inScope = analysis.scope.some((w) => [doc.project, doc.cycle, doc.release].some((v) => v?.toLowerCase() === w));
      const recency = 0.01 * (seriesOrdinal(doc.cycle) + 1) / (newest + 1);
      const score = (0.55 * coverage + 0.25 * titleCoverage + 0.2 * (relevance / maxRel)) * (inScope ? 1.5 : 1) + recency;
      return [{ topic, doc, score }];
    });
    scored.sort((a, b) => b.score - a.score);
    return { query: rawQuery, analysis, hits: scored.slice(0, limit).map(({ topic, doc, score }) => toHit(topic, doc, score)) };
  }
}

/**
 * The query names the topic: every content word of a title of two or more words is matched
 * there ("how do we stop the console log from growing" names "Console log").
 */
function namesTitle(title: string, terms: { matches: { size: number; inTitle: Set<number> }[] }[], id: number): boolean {
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
