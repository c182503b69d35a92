// The one SQLite database: WAL, foreign keys, migrations applied at open.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrations as defaultMigrations, type Migration } from './migrations.ts';

export type Db = Database.Database;

export class StoreError extends Error {}

const STORAGE_CODES = /^(?:SQLITE_(?:FULL|IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB|PERM)\w*|ENOSPC|EROFS|EACCES|EPERM|EDQUOT)$/;

/**
 * One line for a failure of the storage itself (disk full, read-only or unreadable database),
 * raised anywhere after the database opened (the first start's seeding, a migration, a write);
 * null for any other error.
 */
export function storageFailure(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !STORAGE_CODES.test(code)) return null;
  const what = (err as Error).message.split('\n')[0];
  return `the database cannot be written: ${what} (${code}); free some space or point --db / "database" elsewhere`;
}

export function openDb(file: string, migrations: Migration[] = defaultMigrations): Db {
  if (file !== ':memory:') {
    const dir = path.dirname(path.resolve(file));
    try {
      makeDirs(dir);
      fs.accessSync(dir, fs.constants.W_OK);
    } catch (err) {
      throw new StoreError(`cannot use database directory ${dir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
  }
  let db: Db;
  try {
    db = new Database(file, { timeout: 5000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations);
  } catch (err) {
    if (err instanceof StoreError) throw err;
    throw new StoreError(`cannot open database ${file}: ${(err as Error).message}`);
  }
  return db;
}

// mkdir -p one level at a time: Node's recursive mkdir never returns on some virtual file
// systems (seen with /proc), and a database path there must fail, not hang.
function makeDirs(dir: string): void {
  if (fs.existsSync(dir)) return;
  const parent = path.dirname(dir);
  if (parent !== dir) makeDirs(parent);
  fs.mkdirSync(dir);
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every migration newer than the database's user_version, each in its own transaction.
 * The version is read again inside each IMMEDIATE (write-locked) transaction: two processes that
 * open a fresh database at once (a bot starting while `cyclebot import` runs) would otherwise both
 * read version 0 and the second would fail on "table already exists".
 */
export function migrate(db: Db, migrations: Migration[]): void {
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
