// Schema 1: PTG documents and topics, their vocabulary and acronyms, and the FTS5 index.
import type { Migration } from './types.ts';

export const ptgMigration: Migration = {
  version: 1,
  name: 'ptg documents and topics with FTS5 index',
  sql: `
      CREATE TABLE ptg_document (
        id          TEXT PRIMARY KEY,
        project     TEXT NOT NULL,
        cycle       TEXT NOT NULL,
        release     TEXT,
        format      TEXT NOT NULL,
        source      TEXT,
        source_hash TEXT,           -- sha256 of the imported text, to skip unchanged re-imports
        imported_at INTEGER NOT NULL
      );
      CREATE TABLE ptg_topic (
        id          INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES ptg_document(id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        title       TEXT NOT NULL,
        body        TEXT NOT NULL,
        subtopics   TEXT NOT NULL,  -- JSON array of strings
        decisions   TEXT NOT NULL,  -- JSON array of strings
        owners      TEXT NOT NULL,  -- JSON array of strings
        links       TEXT NOT NULL,  -- JSON array of {url, kind, bug?}
        UNIQUE (document_id, position)
      );
      CREATE INDEX ptg_topic_document ON ptg_topic(document_id);
      -- Vocabulary per document (word → topics containing it), for typo correction without rescanning.
      CREATE TABLE ptg_term (
        document_id TEXT NOT NULL REFERENCES ptg_document(id) ON DELETE CASCADE,
        term        TEXT NOT NULL,
        df          INTEGER NOT NULL,
        PRIMARY KEY (document_id, term)
      ) WITHOUT ROWID;
      -- Acronyms a document defines itself: "One-Time-Use (OTU)".
      CREATE TABLE ptg_acronym (
        document_id TEXT NOT NULL REFERENCES ptg_document(id) ON DELETE CASCADE,
        abbr        TEXT NOT NULL,
        expansion   TEXT NOT NULL,
        PRIMARY KEY (document_id, abbr, expansion)
      ) WITHOUT ROWID;
      -- Searchable text per topic; rowid = ptg_topic.id. Column order matters for bm25 weights.
      CREATE VIRTUAL TABLE ptg_fts USING fts5(
        title, subtopics, decisions, owners, body, meta,
        tokenize = 'porter unicode61 remove_diacritics 2 tokenchars ''_'''
      );
    `,
};
