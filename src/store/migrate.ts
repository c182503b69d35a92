// The migration runner: applies every migration above the database's user_version, once each.
import type Database from 'better-sqlite3';
import { StoreError } from './errors.ts';
import type { Migration } from './migrations/types.ts';

type Db = Database.Database;

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every migration newer than the database's user_version, each in its own transaction.
 * The version is read again inside each IMMEDIATE (write-locked) transaction: two processes that
 * open a fresh database at once (a bot starting while `cyclebot import` runs) would otherwise both
 * read version 0 and the second would fail on "table already exists".
 */
export function migrate(db: Db, migrations: readonly Migration[]): void {
  const known = Math.max(0, ...migrations.map((m) => m.version));
  const tooNew = (current: number) => new StoreError(`database schema version ${current} is newer than this cyclebot (knows up to ${known})`);
  if (schemaVersion(db) > known) throw tooNew(schemaVersion(db));
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= schemaVersion(db)) continue;
    db.transaction(() => {
      const current = schemaVersion(db);
      if (current > known) throw tooNew(current);
      if (m.version <= current) return;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}
