// PTG documents, topics and their FTS5 index. All SQL about PTG data lives here.
import type { Db } from './db.ts';
import type { Link, Topic } from '../ptg/types.ts';

export interface DocumentRow {
  id: string;
  project: string;
  cycle: string;
  release: string | null;
  format: string;
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
  constructor(private readonly db: Db) {}

  /** Replaces a document and its topics in one transaction (all or nothing). */
  replaceDocument(doc: Omit<DocumentRow, 'imported_at'> & { imported_at?: number }, topics: Topic[], index: (t: Topic) => TopicIndexText): number {
    const run = this.db.transaction(() => {
      this.deleteDocument(doc.id);
      this.db
        .prepare('INSERT INTO ptg_document (id, project, cycle, release, format, source, source_hash, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(doc.id, doc.project, doc.cycle, doc.release, doc.format, doc.source, doc.source_hash ?? null, doc.imported_at ?? Date.now());
      const insTopic = this.db.prepare(
        'INSERT INTO ptg_topic (document_id, position, title, body, subtopics, decisions, owners, links) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const insFts = this.db.prepare(
        'INSERT INTO ptg_fts (rowid, title, subtopics, decisions, owners, body, meta) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      topics.forEach((t, i) => {
        const { lastInsertRowid } = insTopic.run(
          doc.id, i, t.title, t.body,
          JSON.stringify(t.subtopics), JSON.stringify(t.decisions), JSON.stringify(t.owners), JSON.stringify(t.links),
        );
        const f = index(t);
        insFts.run(lastInsertRowid, f.title, f.subtopics, f.decisions, f.owners, f.body, f.meta);
      });
      return topics.length;
    });
    return run();
  }

  deleteDocument(id: string): boolean {
    const tx = this.db.transaction(() => {
      this.db.prepare('DELETE FROM ptg_fts WHERE rowid IN (SELECT id FROM ptg_topic WHERE document_id = ?)').run(id);
      return this.db.prepare('DELETE FROM ptg_document WHERE id = ?').run(id).changes > 0;
    });
    return tx();
  }

  documents(): DocumentRow[] {
    return this.db.prepare('SELECT * FROM ptg_document ORDER BY id').all() as DocumentRow[];
  }

  document(id: string): DocumentRow | undefined {
    return this.db.prepare('SELECT * FROM ptg_document WHERE id = ?').get(id) as DocumentRow | undefined;
  }

  topicCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM ptg_topic').get() as { n: number }).n;
  }

  topics(ids: number[]): StoredTopic[] {
    if (ids.length === 0) return [];
    const rows = this.db
      .prepare(`SELECT * FROM ptg_topic WHERE id IN (${ids.map(() => '?').join(',')})`)
      .all(...ids) as TopicRow[];
    const byId = new Map(rows.map((r) => [r.id, toTopic(r)]));
    return ids.map((id) => byId.get(id)).filter((t): t is StoredTopic => t !== undefined);
  }

  topicsOfDocument(documentId: string): StoredTopic[] {
    return (this.db.prepare('SELECT * FROM ptg_topic WHERE document_id = ? ORDER BY position').all(documentId) as TopicRow[]).map(toTopic);
  }

  /** Every topic's searchable words, for building the vocabulary (typo correction). */
  *allTopicTexts(): IterableIterator<{ id: number; text: string }> {
    const stmt = this.db.prepare("SELECT id, title || ' ' || subtopics || ' ' || decisions || ' ' || owners || ' ' || body AS text FROM ptg_topic");
    yield* stmt.iterate() as IterableIterator<{ id: number; text: string }>;
  }

  /** Topic ids matching an FTS5 expression (already escaped by the caller). */
  matching(fts: string): Set<number> {
    const rows = this.db.prepare('SELECT rowid AS id FROM ptg_fts WHERE ptg_fts MATCH ?').all(fts) as { id: number }[];
    return new Set(rows.map((r) => r.id));
  }

  /** Topic ids whose given column matches an FTS5 phrase (already escaped by the caller). */
  matchingIn(column: 'title', fts: string): Set<number> {
    const rows = this.db.prepare('SELECT rowid AS id FROM ptg_fts WHERE ptg_fts MATCH ?').all(`${column} : (${fts})`) as { id: number }[];
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Ranks topics for an FTS5 expression by bm25 with column weights
   * (title, subtopics, decisions, owners, body, meta). Returns relevance > 0, higher is better.
   */
  rank(fts: string, weights: number[], limit: number): { id: number; relevance: number }[] {
    const w = weights.map((x) => Number(x).toFixed(3)).join(', ');
    return this.db
      .prepare(`SELECT rowid AS id, -bm25(ptg_fts, ${w}) AS relevance FROM ptg_fts WHERE ptg_fts MATCH ? ORDER BY bm25(ptg_fts, ${w}) LIMIT ?`)
      .all(fts, limit) as { id: number; relevance: number }[];
  }

  documentOfTopics(ids: number[]): Map<number, string> {
    const out = new Map<number, string>();
    for (const t of this.topics(ids)) out.set(t.id, t.documentId);
    return out;
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
