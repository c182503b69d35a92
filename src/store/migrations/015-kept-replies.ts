// Schema 15: replies that must not be lost (a chair's acknowledgement, minutes lines) while they
// wait to be sent: written before they are handed to a chat transport, their progress counted
// line by line, deleted once delivered. A kill -9 while they wait behind flood control or for a
// reconnect leaves them here; the next start sends what is left, marked late.
import type { Migration } from './types.ts';

export const keptRepliesMigration: Migration = {
  version: 15,
  name: 'kept replies waiting to be sent',
  sql: `
    CREATE TABLE kept_reply (
      id         INTEGER PRIMARY KEY,
      transport  TEXT NOT NULL,
      room       TEXT NOT NULL,
      reply      TEXT NOT NULL,             -- the Reply as JSON, as handed to the transport
      lines_done INTEGER NOT NULL DEFAULT 0, -- leading lines already written (never sent again)
      queued_at  INTEGER NOT NULL,          -- epoch ms
      txn        TEXT NOT NULL              -- stable id for the chat server (Matrix transaction id)
    );
  `,
};
