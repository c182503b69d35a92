// Schema 2: small key-value state per namespace (the Matrix sync token, filter, SDK values).
import type { Migration } from './types.ts';

export const kvMigration: Migration = {
  version: 2,
  name: 'key-value state for transports (Matrix sync token, filter, SDK values)',
  sql: `
      CREATE TABLE kv (
        namespace  TEXT NOT NULL,
        key        TEXT NOT NULL,
        value      TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (namespace, key)
      );
    `,
};
