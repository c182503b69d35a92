import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb, storageFailure, StoreError } from '../../../src/store/db.ts';
import { migrate, schemaVersion } from '../../../src/store/migrate.ts';
import { migrations } from '../../../src/store/migrations/index.ts';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cyclebot-db-'));

describe('openDb', () => {
  it('creates a WAL database with foreign keys and the latest schema', () => {
    const file = path.join(tmp(), 'sub', 'c.db');
    const db = openDb(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(Math.max(...migrations.map((m) => m.version)));
    db.close();
    expect(fs.existsSync(file)).toBe(true);
  });

  it("bounds SQLite's page cache to 2 MB, not better-sqlite3's 16 MB", () => {
    // Building the search index reads every topic once: a 16 MB cache kept those pages, 16 MB of RSS.
    const db = openDb(path.join(tmp(), 'c.db'));
    expect(db.pragma('cache_size', { simple: true })).toBe(-2000);
    db.close();
  });

  it('applies only newer migrations, in order, and is idempotent', () => {
    const db = openDb(':memory:', []);
    const steps = [
      { version: 2, name: 'b', sql: 'ALTER TABLE t ADD COLUMN b TEXT' },
      { version: 1, name: 'a', sql: 'CREATE TABLE t (a TEXT)' },
    ];
    migrate(db, steps);
    migrate(db, steps);
    expect(schemaVersion(db)).toBe(2);
    expect((db.prepare('PRAGMA table_info(t)').all() as { name: string }[]).map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('rolls back a failing migration whole', () => {
    const db = openDb(':memory:', []);
    expect(() => migrate(db, [{ version: 1, name: 'bad', sql: 'CREATE TABLE ok (a); CREATE TABL oops' }])).toThrow();
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'ok'").get()).toEqual({ n: 0 });
  });

  it('refuses a database from a newer cyclebot', () => {
    const file = path.join(tmp(), 'new.db');
    const db = openDb(file);
    db.pragma('user_version = 999');
    db.close();
    expect(() => openDb(file)).toThrow(/schema version 999 is newer/);
  });

  it.skipIf(!fs.existsSync('/sys/kernel'))('refuses a read-only location with one clear line', () => {
    expect(() => openDb('/sys/kernel/cyclebot.db')).toThrow(/^cannot (use database directory|open database) \/sys\/kernel/);
  });

  it.skipIf(!fs.existsSync('/proc/self'))('fails instead of hanging on a virtual file system', () => {
    expect(() => openDb('/proc/cyclebot-test/x.db')).toThrow(/^cannot use database directory \/proc\/cyclebot-test: E/);
  });

  it.skipIf(!fs.existsSync('/dev/full'))('refuses a full disk with one clear line', () => {
    expect(() => openDb('/dev/full')).toThrow('cannot open database /dev/full: database or disk is full');
  });

  it('keeps a full disk met while migrating recognisable, for the one-line storage message', () => {
    // max_page_count makes the migration itself run out of room, as a small disk would.
    const full = [
      { version: 1, name: 'big', sql: 'PRAGMA max_page_count = 3; CREATE TABLE a (x); CREATE TABLE b (x); CREATE TABLE c (x); CREATE TABLE d (x);' },
    ];
    let caught: unknown;
    try {
      openDb(path.join(tmp(), 'small.db'), full);
    } catch (err) {
      caught = err;
    }
    expect(storageFailure(caught)).toBe(
      'the database cannot be written: database or disk is full (SQLITE_FULL); free some space or point --db / "database" elsewhere',
    );
  });

  it('gives a clear error for an unwritable location', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'file'), '');
    expect(() => openDb(path.join(dir, 'file', 'x.db'))).toThrow(StoreError);
  });
});
