// PTG documents, topics and their FTS5 index. All SQL about PTG data lives here.
import type Database from 'better-sqlite3';
import type { Db } from '../store/db.ts';
import type { Link, Topic } from './types.ts';
import type { IndexedTopic } from './topic-index.ts';
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

/** The searchable text of a topic per FTS column, prepared by the domain. */
export interface TopicIndexText {
  title: string;
  subtopics: string;
  decisions: string;
  owners: string;
  body: string;
  meta: string;
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

  /** Counts changes made through this connection: no query needed to notice them. */
  get localChanges(): number {
    return this.changes;
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
    index: (t: Topic) => TopicIndexText,
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
      const insFts = this.db.prepare('INSERT INTO ptg_fts (rowid, title, subtopics, decisions, owners, body, meta) VALUES (?, ?, ?, ?, ?, ?, ?)');
      topics.forEach((t, i) => {
        const { lastInsertRowid } = insTopic.run(
          doc.id,
          i,
          t.title,
          t.body,
          JSON.stringify(t.subtopics),
          JSON.stringify(t.decisions),
          JSON.stringify(t.owners),
          JSON.stringify(t.links),
        );
        const f = index(t);
        insFts.run(lastInsertRowid, f.title, f.subtopics, f.decisions, f.owners, f.body, f.meta);
      });
      const insTerm = this.db.prepare('INSERT INTO ptg_term (document_id, term, df) VALUES (?, ?, ?)');
      for (const [term, df] of vocab.df) insTerm.run(doc.id, term, df);
      const insAcronym = this.db.prepare('INSERT INTO ptg_acronym (document_id, abbr, expansion) VALUES (?, ?, ?)');
      for (const [abbr, expansion] of vocab.acronyms) insAcronym.run(doc.id, abbr, expansion);
      return topics.length;
    });
    const n = run();
    this.changes++;
    return n;
  }

  deleteDocument(id: string): boolean {
    const tx = this.db.transaction(() => {
      this.db.prepare('DELETE FROM ptg_fts WHERE rowid IN (SELECT id FROM ptg_topic WHERE document_id = ?)').run(id);
      return this.db.prepare('DELETE FROM ptg_document WHERE id = ?').run(id).changes > 0;
    });
    const deleted = tx();
    this.changes++;
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

  /** Summed vocabulary of all documents: word and the number of topics containing it. */
  terms(): { term: string; df: number }[] {
    return this.db.prepare('SELECT term, sum(df) AS df FROM ptg_term GROUP BY term').all() as { term: string; df: number }[];
  }

  acronyms(): { abbr: string; expansion: string }[] {
    return this.db.prepare('SELECT DISTINCT abbr, expansion FROM ptg_acronym').all() as { abbr: string; expansion: string }[];
  }

  /** Every topic's FTS5 column texts, in id order: what the in-memory index is built from. */
  *indexedTopics(): Generator<IndexedTopic> {
    const rows = this.db
      .prepare(
        'SELECT t.id, t.document_id, f.title, f.subtopics, f.decisions, f.owners, f.body, f.meta FROM ptg_topic t JOIN ptg_fts f ON f.rowid = t.id ORDER BY t.id',
      )
      .raw()
      .iterate() as IterableIterator<[number, string, ...string[]]>;
    for (const [id, documentId, ...columns] of rows) yield { id, documentId, columns };
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
