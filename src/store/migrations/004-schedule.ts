// Schema for the release schedule, the team's own dates and the reminder ledger.
import type { Migration } from './types.ts';

export const scheduleMigration: Migration = {
  version: 4,
  name: 'release schedule cycles, events and the exactly-once reminder ledger',
  sql: `
    CREATE TABLE schedule_cycle (
      name         TEXT PRIMARY KEY,   -- lower-case series name: flamingo
      release_id   TEXT,               -- 2025.2
      start_date   TEXT NOT NULL,      -- Monday of the first named week (YYYY-MM-DD)
      end_date     TEXT NOT NULL,      -- Friday of the release week
      release_date TEXT,               -- the coordinated release day
      source       TEXT,               -- file it was imported from
      source_hash  TEXT,               -- sha256 of yaml + rst, to skip unchanged re-imports
      imported_at  INTEGER NOT NULL
    );
    CREATE TABLE schedule_event (
      key         TEXT PRIMARY KEY,    -- flamingo:f-nova-spec-freeze, hibiscus:h-nova-review-day#2, team:flamingo:<slug>
      cycle       TEXT NOT NULL,
      event_id    TEXT,                -- official id; NULL for the team's own events
      title       TEXT NOT NULL,
      kind        TEXT NOT NULL CHECK (kind IN ('milestone','spec-freeze','feature-freeze','rc','release','review-day','custom')),
      project     TEXT,                -- lower-case; NULL = cross-project
      date        TEXT NOT NULL,       -- UTC day YYYY-MM-DD
      time        TEXT,                -- HH:MM UTC, NULL = whole day
      end_date    TEXT,                -- last day of a multi-day event
      week        TEXT,                -- R-13
      description TEXT NOT NULL DEFAULT '',
      source      TEXT NOT NULL CHECK (source IN ('official','config','chat','cli')),
      added_by    TEXT,
      updated_at  INTEGER NOT NULL
    );
    CREATE INDEX schedule_event_date ON schedule_event(date);
    CREATE INDEX schedule_event_cycle ON schedule_event(cycle);
    -- One row per (channel, event, offset, event date): the claim that a reminder went out.
    -- Written before posting (state 'claimed'), in one transaction per message; see scheduler.ts.
    CREATE TABLE schedule_ledger (
      channel     TEXT NOT NULL,       -- "<transport>:<room>"
      event_key   TEXT NOT NULL,
      offset_name TEXT NOT NULL,       -- 2w, 1w, 1d, morning
      occurrence  TEXT NOT NULL,       -- the event's date (and time) when planned: a moved event is a new key
      due_at      INTEGER NOT NULL,    -- epoch ms the reminder was due
      state       TEXT NOT NULL CHECK (state IN ('claimed','sent','failed','skipped')),
      claimed_at  INTEGER,             -- epoch ms the message was claimed for posting
      done_at     INTEGER,             -- epoch ms it was confirmed sent, failed or skipped
      attempts    INTEGER NOT NULL DEFAULT 0,
      message     TEXT,                -- the text posted
      note        TEXT,                -- why skipped / failed
      PRIMARY KEY (channel, event_key, offset_name, occurrence)
    );
    CREATE INDEX schedule_ledger_claimed ON schedule_ledger(channel, claimed_at);
  `,
};
