// Schema 6: the Launchpad write journal. Every request a decision needs is stored as planned (the
// exact request, so a retry sends the same comment text), marked intended just before it is sent
// and done once Launchpad answered. An intended step after a crash or a lost answer has an unknown
// outcome: it is checked against Launchpad before it is ever sent again.
import type { Migration } from './types.ts';

export const writeJournalMigration: Migration = {
  version: 6,
  name: 'Launchpad write journal: each write step planned, intended, done',
  sql: `
    CREATE TABLE triage_write_step (
      decision_id INTEGER NOT NULL REFERENCES triage_decision(id) ON DELETE CASCADE,
      step        INTEGER NOT NULL,          -- order of sending, from 0
      op          TEXT NOT NULL,             -- JSON WriteOp: the exact request
      state       TEXT NOT NULL,             -- planned | intended | done
      attempts    INTEGER NOT NULL DEFAULT 0,
      updated_at  INTEGER NOT NULL,
      PRIMARY KEY (decision_id, step)
    ) WITHOUT ROWID;
  `,
};
