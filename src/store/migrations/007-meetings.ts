// Schema 7: OpenDev meetings running in a room, so a restart mid-meeting keeps holding reminders
// (and an expired meeting is dropped at start).
import type { Migration } from './types.ts';

export const meetingsMigration: Migration = {
  version: 7,
  name: 'running OpenDev meetings per room',
  sql: `
    CREATE TABLE meeting_running (
      transport    TEXT NOT NULL,
      room         TEXT NOT NULL,
      started_at   INTEGER NOT NULL,
      name         TEXT,               -- sanitised meeting name
      last_line_at INTEGER NOT NULL,   -- last line seen in the room (saved at most once a minute)
      PRIMARY KEY (transport, room)
    ) WITHOUT ROWID;
  `,
};
