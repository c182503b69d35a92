// One shared, frozen list of every event: the 60 team schedulers of one bot read the same array.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../src/store/db.ts';
import { ScheduleRepo } from '../../../src/schedule/repo.ts';
import { flamingo, own } from './helpers.ts';

const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

function open(file: string): ScheduleRepo {
  const db = openDb(file);
  dbs.push(db);
  return new ScheduleRepo(db);
}

function fresh(): { file: string; repo: ScheduleRepo } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cyclebot-events-')), 'x.db');
  const repo = open(file);
  repo.replaceCycle(flamingo.cycle, flamingo.events, null, null);
  return { file, repo };
}

describe('ScheduleRepo.events()', () => {
  it('is the same frozen array until the events change', () => {
    const { repo } = fresh();
    const a = repo.events();
    expect(a.length).toBe(flamingo.events.length);
    expect(Object.isFrozen(a)).toBe(true);
    expect(() => (a as unknown[]).push(1)).toThrow(TypeError);
    expect(repo.events()).toBe(a);
    expect(Object.isFrozen(repo.events({ cycle: 'flamingo' }))).toBe(true);
  });

  it("is a fresh list after the repo's own write", () => {
    const { repo } = fresh();
    const a = repo.events();
    repo.putEvent(own('Nova bug day', '2025-07-10', 'custom'));
    const b = repo.events();
    expect(b).not.toBe(a);
    expect(b.map((e) => e.title)).toContain('Nova bug day');
    expect(a.map((e) => e.title)).not.toContain('Nova bug day');
    expect(repo.events()).toBe(b);
    repo.deleteEvent(b.find((e) => e.title === 'Nova bug day')!.key);
    expect(repo.events().map((e) => e.title)).not.toContain('Nova bug day');
  });

  it('is a fresh list after a write through another connection to the same file', () => {
    const { file, repo } = fresh();
    const other = open(file);
    const a = repo.events();
    other.putEvent(own('Nova bug day', '2025-07-10', 'custom'));
    const b = repo.events();
    expect(b).not.toBe(a);
    expect(b.map((e) => e.title)).toContain('Nova bug day');
  });

  it('does not keep rows read inside a transaction that rolls back', () => {
    const { repo } = fresh();
    const before = repo.events();
    expect(() =>
      repo.transaction(() => {
        repo.putEvent(own('Nova bug day', '2025-07-10', 'custom'));
        expect(repo.events().map((e) => e.title)).toContain('Nova bug day');
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    expect(repo.events().map((e) => e.title)).not.toContain('Nova bug day');
    expect(repo.events()).toEqual(before);
  });
});
