// Schema 11: live sources. source_state remembers, per source the running bot reads (a PTG summary
// URL, the releases tree), the validators of its last good answer and when it was last checked,
// read and changed, and its last error: a restart sends If-None-Match instead of refetching
// blindly, and !status can say which source is failing. schedule_notice holds the announcements of
// moved or withdrawn milestones, written in the sync's transaction and posted at most once.
import type { Migration } from './types.ts';

export const liveSourcesMigration: Migration = {
  version: 11,
  name: 'live sources: fetch state per source, schedule change announcements',
  sql: `
    CREATE TABLE source_state (
      key           TEXT PRIMARY KEY,   -- a ptg.sources URL, or "schedule:<releases base URL>"
      document_id   TEXT,               -- the PTG document the source fills, once read
      etag          TEXT,
      last_modified TEXT,
      checked_at    INTEGER,            -- last attempt, epoch ms
      success_at    INTEGER,            -- last answer read (200 or 304)
      changed_at    INTEGER,            -- last time its text changed and was imported
      error         TEXT,               -- last error (one line); NULL after a success
      error_at      INTEGER,
      failing_since INTEGER             -- first failure of the current run of failures
    );
    CREATE TABLE schedule_notice (
      id         INTEGER PRIMARY KEY,
      channel    TEXT NOT NULL,         -- "<transport>:<room>"
      event_key  TEXT NOT NULL,
      change     TEXT NOT NULL CHECK (change IN ('moved', 'removed')),
      text       TEXT NOT NULL,
      state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'claimed', 'sent', 'failed', 'skipped')),
      created_at INTEGER NOT NULL,
      done_at    INTEGER,
      attempts   INTEGER NOT NULL DEFAULT 0,
      note       TEXT
    );
    CREATE INDEX schedule_notice_state ON schedule_notice(state, channel);
  `,
};
