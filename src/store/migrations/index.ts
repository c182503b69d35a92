// Ordered schema migrations, one file each. Never edit a shipped file: add a new version here.
import { ptgMigration } from './001-ptg.ts';
import { kvMigration } from './002-kv.ts';
import { triageMigration } from './003-triage.ts';
import { scheduleMigration } from './004-schedule.ts';
import { ptgSplitMigration } from './005-ptg-split.ts';
import { writeJournalMigration } from './006-write-journal.ts';
import { meetingsMigration } from './007-meetings.ts';
import { triageCorrectionsMigration } from './009-triage-corrections.ts';
import { liveSourcesMigration } from './011-live-sources.ts';
import { ptgLeanImportMigration } from './012-ptg-lean-import.ts';
import { triageTeamProjectsMigration } from './014-triage-team-projects.ts';
import { keptRepliesMigration } from './015-kept-replies.ts';
import type { Migration } from './types.ts';

export type { Migration } from './types.ts';

export const migrations: readonly Migration[] = [
  ptgMigration,
  kvMigration,
  triageMigration,
  scheduleMigration,
  ptgSplitMigration,
  writeJournalMigration,
  meetingsMigration,
  triageCorrectionsMigration,
  liveSourcesMigration,
  ptgLeanImportMigration,
  triageTeamProjectsMigration,
  keptRepliesMigration,
];
