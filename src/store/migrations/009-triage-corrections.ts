// Schema 9: corrections in a triage round. A decision that undoes or amends an earlier one of the
// same round names it in `corrects`; the earlier one then no longer counts (summary, report,
// which bugs are shown again), and the correction is written back to Launchpad like any decision.
import type { Migration } from './types.ts';

export const triageCorrectionsMigration: Migration = {
  version: 9,
  name: 'triage decisions that undo or amend an earlier one',
  sql: `
    ALTER TABLE triage_decision ADD COLUMN corrects INTEGER REFERENCES triage_decision(id);
    CREATE INDEX triage_decision_corrects ON triage_decision(corrects) WHERE corrects IS NOT NULL;
  `,
};
