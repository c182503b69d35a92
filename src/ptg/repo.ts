// PTG documents, topics and their vocabulary. All SQL about PTG data lives here.
import type Database from 'better-sqlite3';
import type { Db } from '../store/db.ts';
import type { Link, Topic } from './types.ts';
import type { IndexSource } from './index-text.ts';
import { FtsStemmer } from './fts-stemmer.ts';

export interface DocumentRow {
  id: string;
  project: string;
  cycle: string;
  release: string | null;
  format: string;
  /** The parser's rule that split the text into topics (migration 5; null for older imports). */
  split?: string | null;
  source: string | null;
  source_hash?: string | null;
  imported_at: number;
}

export interface StoredTopic extends Topic {
  id: number;
  documentId: string;
  position: number;
}

/** A stored topic as the in-memory index reads it: its texts and its document's names. */
export interface TopicSource extends IndexSource {
  id: number;
  documentId: string;
}

interface TopicRow {
  id: number;
  document_id: string;
  position: number;
  title: string;
  body: string;
  subtopics: string;
  decisions: string;
  owners: string;
  links: string;
}

export class PtgRepo {
  /** Statements run per question, prepared once: a prepare costs more than a small query. */
  private readonly statements = new Map<string, Database.Statement>();
  private stemmer: FtsStemmer | undefined;
  /** Documents changed through this connection; import times alone can repeat within 1 ms. */
  private changes = 0;

  private readonly listeners: (() => void)[] = [];

  /** Counts changes made through this connection: no query needed to notice them. */
  get localChanges(): number {
    return this.changes;
  }

  /** Calls fn after each document imported, replaced or deleted through this connection (maybe inside its transaction). */
  onChange(fn: () => void): void {
    this.listeners.push(fn);
  }

  private changed(): void {
    this.changes++;
    for (const fn of this.listeners) fn();
  }

  constructor(private readonly db: Db) {}

  private stmt(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  /** Replaces a document and its topics in one transaction (all or nothing). */
  replaceDocument(
    doc: Omit<DocumentRow, 'imported_at'> & { imported_at?: number },
    topics: Topic[],
    vocab: { df: Map<string, number>; acronyms: [string, string][] },
  ): number {
    const run = this.db.transaction(() => {
      this.deleteDocument(doc.id);
      this.db
        .prepare('INSERT INTO ptg_document (id, project, cycle, release, format, split, source, source_hash, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(doc.id, doc.project, doc.cycle, doc.release, doc.format, doc.split ?? null, doc.source, doc.source_hash ?? null, doc.imported_at ?? Date.now());
      const insTopic = this.db.prepare(
        'INSERT INTO ptg_topic (document_id, position, title, body, subtopics, decisions, owners, links) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      topics.forEach((t, i) => {
        insTopic.run(doc.id, i, t.title, t.body, JSON.stringify(t.subtopics), JSON.stringify(t.decisions), JSON.stringify(t.owners), JSON.stringify(t.links));
      });
      // One row of "word df" lines: a row per word cost as much as the rest of the import.
      let terms = '';
      for (const [term, df] of vocab.df) terms += `${terms ? '\n' : ''}${term} ${df}`;
      this.db.prepare('INSERT INTO ptg_vocabulary (document_id, terms) VALUES (?, ?)').run(doc.id, terms);
      const insAcronym = this.db.prepare('INSERT INTO ptg_acronym (document_id, abbr, expansion) VALUES (?, ?, ?)');
      for (const [abbr, expansion] of vocab.acronyms) insAcronym.run(doc.id, abbr, expansion);
      return topics.length;
    });
    const n = run();
    this.changed();
    return n;
  }

  deleteDocument(id: string): boolean {
    // Its topics, vocabulary and acronyms go with it (ON DELETE CASCADE).
    const deleted = this.stmt('DELETE FROM ptg_document WHERE id = ?').run(id).changes > 0;
    this.changed();
    return deleted;
  }

  /** Changes whenever a document is imported, replaced or deleted (here or by another process): a cheap cache key. */
  generation(): string {
    return (`${this.changes}:` +
      this.stmt("SELECT count(*) || ':' || ifnull(max(imported_at), 0) || ':' || ifnull(sum(imported_at % 1000003), 0) FROM ptg_document")
        .pluck()
        .get()) as string;
  }

  documents(): DocumentRow[] {
    return this.stmt('SELECT * FROM ptg_document ORDER BY id').all() as DocumentRow[];
  }

  document(id: string): DocumentRow | undefined {
    return this.stmt('SELECT * FROM ptg_document WHERE id = ?').get(id) as DocumentRow | undefined;
  }

  topicCount(): number {
    return (this.stmt('SELECT count(*) AS n FROM ptg_topic').get() as { n: number }).n;
  }

  topics(ids: number[]): StoredTopic[] {
    if (ids.length === 0) return [];
    const rows = this.stmt(`SELECT * FROM ptg_topic WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as TopicRow[];
    const byId = new Map(rows.map((r) => [r.id, toTopic(r)]));
    return ids.map((id) => byId.get(id)).filter((t): t is StoredTopic => t !== undefined);
  }

  topicsOfDocument(documentId: string): StoredTopic[] {
    return (this.stmt('SELECT * FROM ptg_topic WHERE document_id = ? ORDER BY position').all(documentId) as TopicRow[]).map(toTopic);
  }

  /** Summed vocabulary of all documents: word and the number of topics containing it, by word. */
  terms(): { term: string; df: number }[] {
    const df = new Map<string, number>();
    for (const lines of this.vocabularies()) addTerms(lines, df);
    return sortedTerms(df);
  }

  /** Each document's vocabulary as stored, for addTerms(). */
  vocabularies(): string[] {
    return this.stmt('SELECT terms FROM ptg_vocabulary').pluck().all() as string[];
  }

  acronyms(): { abbr: string; expansion: string }[] {
    return this.db.prepare('SELECT DISTINCT abbr, expansion FROM ptg_acronym').all() as { abbr: string; expansion: string }[];
  }

  /**
   * Topics' texts with their document's names, in id order, from the first id above `afterId`:
   * a page at a time, so a build spread over several turns never holds the connection between them.
   */
  topicSources(afterId: number, limit: number): TopicSource[] {
    const rows = this.stmt(
      'SELECT t.id, t.document_id, t.title, t.body, t.subtopics, t.decisions, t.owners, d.project, d.cycle, d.release FROM ptg_topic t JOIN ptg_document d ON d.id = t.document_id WHERE t.id > ? ORDER BY t.id LIMIT ?',
    )
      .raw()
      .all(afterId, limit) as [number, string, string, string, string, string, string, string, string, string | null][];
    return rows.map(([id, documentId, title, body, subtopics, decisions, owners, project, cycle, release]) => ({
      id,
      documentId,
      title,
      body,
      subtopics: JSON.parse(subtopics) as string[],
      decisions: JSON.parse(decisions) as string[],
      owners: JSON.parse(owners) as string[],
      project,
      cycle,
      release,
    }));
  }

  /** Index terms of words, stemmed by the FTS5 tokenizer itself. */
  stems(words: string[]): string[] {
    this.stemmer ??= new FtsStemmer(this.db);
    return this.stemmer.stems(words);
  }
}

function toTopic(r: TopicRow): StoredTopic {
  return {
    id: r.id,
    documentId: r.document_id,
    position: r.position,
    title: r.title,
    body: r.body,
    subtopics: JSON.parse(r.subtopics) as string[],
    decisions: JSON.parse(r.decisions) as string[],
    owners: JSON.parse(r.owners) as string[],
    links: JSON.parse(r.links) as Link[],
  };
}

/** Adds one document's vocabulary ("word df" lines, from vocabularies()) to the word counts. */
export function addTerms(lines: string, df: Map<string, number>): void {
  for (let at = 0; at < lines.length;) {
    const space = lines.indexOf(' ', at);
    let end = lines.indexOf('\n', space);
    if (end < 0) end = lines.length;
    const term = lines.slice(at, space);
    df.set(term, (df.get(term) ?? 0) + Number(lines.slice(space + 1, end)));
    at = end + 1;
  }
}

/**
 * The word counts in the order the words were once read in (SQL's GROUP BY): typo corrections
 * keep it on ties. Words have no character at or above U+E000 (normalised away), so UTF-16 order
 * is SQL's bytes order.
 */
export function sortedTerms(df: Map<string, number>): { term: string; df: number }[] {
  return [...df.keys()].sort().map((term) => ({ term, df: df.get(term)! }));
}
