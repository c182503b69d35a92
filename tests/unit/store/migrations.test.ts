// The migration files and their ordered index agree: every file listed once, versions rising.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate } from '../../../src/store/migrate.ts';
import { migrations } from '../../../src/store/migrations/index.ts';

/**
 * The versions a landed cyclebot has shipped: databases in the field are at the highest of them.
 * Add a migration's version here once it has landed on main (never remove or renumber one).
 */
const SHIPPED = [1, 2, 3, 4, 5, 6, 7, 9, 11, 15, 17, 18, 19, 20];

/** Every table's and index's SQL, to compare two databases' schemas. */
function schema(db: Database.Database): string[] {
  return (db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as { sql: string | null }[]).map(
    (r) => JSON.stringify(r),
  );
}

const DIR = path.resolve(import.meta.dirname, '../../../src/store/migrations');
const files = fs
  .readdirSync(DIR)
  .filter((f) => /^\d{3}-.+\.ts$/.test(f))
  .sort();

describe('migrations index', () => {
  it('lists every migration file once, in rising version order, numbered as its file', () => {
    expect(migrations.map((m) => m.version)).toEqual(files.map((f) => Number(f.slice(0, 3))));
    const text = fs.readFileSync(path.join(DIR, 'index.ts'), 'utf8');
    for (const f of files) expect(text).toContain(`from './${f}'`);
  });

  it('keeps each migration file free of the index, the runner and feature code', () => {
    const bad = files.flatMap((f) =>
      [...fs.readFileSync(path.join(DIR, f), 'utf8').matchAll(/from\s+'([^']+)'/g)]
        .map((m) => m[1])
        .filter((i) => i !== './types.ts')
        .map((i) => `${f} imports ${i}`),
    );
    expect(bad).toEqual([]);
  });

  it('gives each migration a name and some SQL', () => {
    for (const m of migrations) {
      expect(m.name.trim()).not.toBe('');
      expect(m.sql.trim()).not.toBe('');
    }
  });

  it('numbers every new migration above all shipped ones, so a shipped database gets it', () => {
    const top = Math.max(...SHIPPED);
    const fresh = migrations.filter((m) => !SHIPPED.includes(m.version)).map((m) => m.version);
    expect(fresh.filter((v) => v < top)).toEqual([]);
    expect(migrations.filter((m) => SHIPPED.includes(m.version)).map((m) => m.version)).toEqual(SHIPPED);

    // A database the last release left, upgraded, has the schema of a new one.
    const old = new Database(':memory:');
    migrate(
      old,
      migrations.filter((m) => SHIPPED.includes(m.version)),
    );
    migrate(old, migrations);
    const created = new Database(':memory:');
    migrate(created, migrations);
    expect(schema(old)).toEqual(schema(created));
  });
});
