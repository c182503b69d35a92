// Schema 19: the search index as built and the vocabulary summed over the documents, stored, so a
// start reads them instead of deriving them from every topic's text again (1.4 s of a 60-team
// start). Every write to the tables they derive from, by any process or program, counts up
// ptg_index_version: a stored index is used only while its version is the current one
// (ptg/index-store.ts). A document's write also drops it (its topics' writes only count: a
// statement per row of every import).
import type { Migration } from './types.ts';

const SOURCES = ['ptg_document', 'ptg_topic', 'ptg_vocabulary', 'ptg_acronym'];

export const ptgIndexStoreMigration: Migration = {
  version: 19,
  name: 'ptg: the search index stored, dropped on every change of the documents',
  sql: `
    CREATE TABLE ptg_index_version (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      n  INTEGER NOT NULL
    );
    INSERT INTO ptg_index_version (id, n) VALUES (1, 0);
    CREATE TABLE ptg_index (
      id      INTEGER PRIMARY KEY CHECK (id = 1),
      version INTEGER NOT NULL,  -- ptg_index_version.n when the topics were read
      key     TEXT NOT NULL,     -- the format, SQLite and program that built it
      meta    TEXT NOT NULL,     -- ptg/index-codec.ts
      parts   INTEGER NOT NULL,  -- rows of ptg_index_part, seq 0 up
      terms   TEXT NOT NULL      -- the vocabulary summed over the documents: JSON [word, topics]
    );
    CREATE TABLE ptg_index_part (
      seq  INTEGER PRIMARY KEY,
      data BLOB NOT NULL
    );
    ${SOURCES.flatMap((table) =>
      ['INSERT', 'UPDATE', 'DELETE'].map(
        (op) => `CREATE TRIGGER ${table}_${op.toLowerCase()}_index AFTER ${op} ON ${table}
      BEGIN UPDATE ptg_index_version SET n = n + 1;${table === 'ptg_document' ? ' DELETE FROM ptg_index; DELETE FROM ptg_index_part;' : ''} END;`,
      ),
    ).join('\n    ')}
  `,
};
