// The migration files and their ordered index agree: every file listed once, versions rising.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../src/store/migrations/index.ts';

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
});
