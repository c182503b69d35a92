// Schema 20: a stored search index's parts are numbered from a seq of its own (`first`), so a
// running bot can write them one at a time, between other work, outside any one transaction:
// parts another writer left (one cut short, or racing it) never mix into the index its header
// names (ptg/index-store.ts). Indexes stored before keep first = 0.
import type { Migration } from './types.ts';

export const ptgIndexPartsMigration: Migration = {
  version: 20,
  name: 'ptg: a stored index names the first of its parts',
  sql: `
    ALTER TABLE ptg_index ADD COLUMN first INTEGER NOT NULL DEFAULT 0;
  `,
};
