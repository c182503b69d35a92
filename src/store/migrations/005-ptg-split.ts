// Schema: which parser rule split each PTG document into topics, so a bad split is visible.
import type { Migration } from './types.ts';

export const ptgSplitMigration: Migration = {
  version: 5,
  name: 'ptg_document.split: the rule that split the summary into topics',
  sql: `ALTER TABLE ptg_document ADD COLUMN split TEXT;`,
};
