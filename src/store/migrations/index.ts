// Ordered schema migrations, one file each. Never edit a shipped file: add a new version here.
// A new migration takes a number above every one shipped (tests/unit/store/migrations.test.ts
// lists them): the runner applies only versions above a database's user_version, so a gap filled
// later would never reach a database already past it.
import { ptgMigration } from './001-ptg.ts';
import { kvMigration } from './002-kv.ts';
import { triageMigration } from './003-triage.ts';
import { scheduleMigration } from './004-schedule.ts';
import { ptgSplitMigration } from './005-ptg-split.ts';
import { writeJournalMigration } from './006-write-journal.ts';
import { meetingsMigration } from './007-meetings.ts';
import { triageCorrectionsMigration } from './009-triage-corrections.ts';
import { liveSourcesMigration } from './011-live-sources.ts';
import { keptRepliesMigration } from './015-kept-replies.ts';
import { ptgLeanImportMigration } from './017-ptg-lean-import.ts';
import { triageTeamProjectsMigration } from './018-triage-team-projects.ts';
import { ptgIndexStoreMigration } from './019-ptg-index-store.ts';
import { ptgIndexPartsMigration } from './020-ptg-index-parts.ts';
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
  keptRepliesMigration,
  ptgLeanImportMigration,
  triageTeamProjectsMigration,
  ptgIndexStoreMigration,
  ptgIndexPartsMigration,
];
