// Schema 17: what an import writes besides the topics, made small. The FTS5 table ptg_fts goes:
// search builds its in-memory index from the topics themselves (ptg/index-text.ts), and keeping
// FTS5's own index up to date was a quarter of an import's time. A document's vocabulary (word →
// topics containing it) becomes one row per document, "word df" lines, instead of a row per
// word: those inserts were another quarter.
import type { Migration } from './types.ts';

export const ptgLeanImportMigration: Migration = {
  version: 17,
  name: 'ptg: no FTS5 table, one vocabulary row per document',
  sql: `
    CREATE TABLE ptg_vocabulary (
      document_id TEXT PRIMARY KEY REFERENCES ptg_document(id) ON DELETE CASCADE,
      terms       TEXT NOT NULL   -- "word df" lines: df = how many of its topics contain the word
    );
    INSERT INTO ptg_vocabulary (document_id, terms)
      SELECT document_id, group_concat(term || ' ' || df, char(10)) FROM ptg_term GROUP BY document_id;
    DROP TABLE ptg_term;
    DROP TABLE ptg_fts;
  `,
};
