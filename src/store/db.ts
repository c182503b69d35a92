// The one SQLite database: WAL, foreign keys, migrations applied at open.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { StoreError } from './errors.ts';
import { migrate } from './migrate.ts';
import { migrations as defaultMigrations, type Migration } from './migrations/index.ts';

export type Db = Database.Database;

export { StoreError } from './errors.ts';

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

export function openDb(file: string, migrations: readonly Migration[] = defaultMigrations): Db {
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
    db = openWal(file);
  } catch (err) {
    throw new StoreError(`cannot open database ${file}: ${(err as Error).message}`);
  }
  try {
    migrate(db, migrations);
  } catch (err) {
    db.close();
    // A full or read-only disk met while migrating keeps its code: the caller's storageFailure()
    // line then says what to do, as for a write failing later.
    if (err instanceof StoreError || storageFailure(err)) throw err;
    throw new StoreError(`cannot open database ${file}: ${(err as Error).message}`);
  }
  return db;
}

/**
 * Opens the file and switches it to WAL. Turning a fresh file to WAL takes an exclusive lock for
 * which SQLite may answer SQLITE_BUSY at once, without calling the busy handler (it does so to
 * avoid deadlocks), so several processes opening one new database together (the bot starting while
 * `cyclebot import` runs) retry here for up to the same 5 s the busy timeout allows.
 */
function openWal(file: string): Db {
  const deadline = Date.now() + 5000;
  for (let attempt = 1; ; attempt++) {
    const db = new Database(file, { timeout: 5000 });
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      // SQLite's own default page cache, 2 MB: better-sqlite3 builds with 16 MB, which the search
      // index build (one read of every topic) filled and kept: 16 MB of RSS, never read again.
      db.pragma('cache_size = -2000');
      return db;
    } catch (err) {
      db.close();
      const code = (err as { code?: unknown }).code;
      if ((code !== 'SQLITE_BUSY' && code !== 'SQLITE_LOCKED') || Date.now() > deadline) throw err;
      // A synchronous pause (openDb is synchronous): 10, 20 … 100 ms.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.min(100, 10 * attempt));
    }
  }
}

// mkdir -p one level at a time: Node's recursive mkdir never returns on some virtual file
// systems (seen with /proc), and a database path there must fail, not hang.
function makeDirs(dir: string): void {
  if (fs.existsSync(dir)) return;
  const parent = path.dirname(dir);
  if (parent !== dir) makeDirs(parent);
  fs.mkdirSync(dir);
}
