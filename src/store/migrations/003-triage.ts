// Schema 3: the triage round's state, decisions, carry-overs, backlog history and Launchpad cache.
import type { Migration } from './types.ts';

export const triageMigration: Migration = {
  version: 3,
  name: 'triage rounds, decisions, carry-overs, backlog history, Launchpad bug cache',
  sql: `
    -- The bug_task facts of the last search that listed a bug (per project).
    CREATE TABLE triage_task (
      project     TEXT NOT NULL,
      bug_id      INTEGER NOT NULL,
      title       TEXT NOT NULL,
      status      TEXT NOT NULL,
      importance  TEXT NOT NULL,
      created     TEXT NOT NULL,      -- task date_created, ISO-8601 as Launchpad sent it
      web_link    TEXT NOT NULL,
      task_link   TEXT NOT NULL,
      bug_link    TEXT NOT NULL,
      seen_at     INTEGER NOT NULL,
      PRIMARY KEY (project, bug_id)
    );
    -- Bug entries (tags, heat, …) with their ETag for If-None-Match.
    CREATE TABLE lp_bug_cache (
      bug_id      INTEGER PRIMARY KEY,
      etag        TEXT,
      details     TEXT NOT NULL,      -- JSON BugDetails
      fetched_at  INTEGER NOT NULL
    );
    CREATE TABLE triage_round (
      id             INTEGER PRIMARY KEY,
      project        TEXT NOT NULL,
      transport      TEXT NOT NULL,
      room           TEXT NOT NULL,
      bug_order      TEXT NOT NULL,
      size           INTEGER NOT NULL,
      query          TEXT NOT NULL,   -- the queue's definition, as shown in the header
      started_at     INTEGER NOT NULL,
      started_by_key TEXT NOT NULL,
      started_by     TEXT NOT NULL,
      meeting_name   TEXT,
      meeting_at     INTEGER,
      backlog        INTEGER NOT NULL,
      half_triaged   INTEGER,
      ended_at       INTEGER,
      ended_by       TEXT
    );
    CREATE UNIQUE INDEX triage_round_running ON triage_round(transport, room) WHERE ended_at IS NULL;
    CREATE TABLE triage_queue (
      round_id  INTEGER NOT NULL REFERENCES triage_round(id) ON DELETE CASCADE,
      position  INTEGER NOT NULL,
      bug_id    INTEGER NOT NULL,
      carried   TEXT,                 -- deferred | unreviewed: came from an earlier round
      state     TEXT NOT NULL,        -- pending | current | decided | skipped | deferred
      PRIMARY KEY (round_id, position),
      UNIQUE (round_id, bug_id)
    );
    CREATE TABLE triage_decision (
      id             INTEGER PRIMARY KEY,
      round_id       INTEGER REFERENCES triage_round(id) ON DELETE SET NULL,
      project        TEXT NOT NULL,
      bug_id         INTEGER NOT NULL,
      kind           TEXT NOT NULL,   -- confirm incomplete invalid opinion wontfix dup importance tag assign skip defer
      value          TEXT,
      reason         TEXT,
      decided_by_key TEXT NOT NULL,
      decided_by     TEXT NOT NULL,
      decided_at     INTEGER NOT NULL,
      meeting_name   TEXT,
      meeting_at     INTEGER,
      write_state    TEXT NOT NULL DEFAULT 'none',  -- none | dry-run | pending | written | failed
      write_note     TEXT
    );
    CREATE INDEX triage_decision_bug ON triage_decision(project, bug_id);
    CREATE INDEX triage_decision_round ON triage_decision(round_id);
    -- Bugs that come first at the next round.
    CREATE TABLE triage_carry (
      project     TEXT NOT NULL,
      bug_id      INTEGER NOT NULL,
      reason      TEXT NOT NULL,      -- deferred | unreviewed
      round_id    INTEGER,
      added_at    INTEGER NOT NULL,
      PRIMARY KEY (project, bug_id)
    );
    CREATE TABLE triage_backlog (
      id           INTEGER PRIMARY KEY,
      project      TEXT NOT NULL,
      taken_at     INTEGER NOT NULL,
      untriaged    INTEGER NOT NULL,
      half_triaged INTEGER,
      query        TEXT NOT NULL,
      source       TEXT NOT NULL      -- round | daily
    );
    CREATE INDEX triage_backlog_project ON triage_backlog(project, taken_at);
  `,
};
