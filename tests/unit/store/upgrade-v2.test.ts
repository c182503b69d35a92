// A frozen version-2 database (tests/fixtures/store/v2.sql: real imported summaries and Matrix
// state) upgraded to the latest schema: every row survives, stays searchable and writable.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MeetingRepo } from '../../../src/meetings/repo.ts';
import { importFile } from '../../../src/ptg/importer.ts';
import { PtgRepo } from '../../../src/ptg/repo.ts';
import { PtgSearch } from '../../../src/ptg/search.ts';
import { indexedTopics } from '../../../src/ptg/search-state.ts';
import { openDb, type Db } from '../../../src/store/db.ts';
import { KvRepo } from '../../../src/store/kv-repo.ts';
import { schemaVersion } from '../../../src/store/migrate.ts';
import { migrations } from '../../../src/store/migrations/index.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const DUMP = fs.readFileSync(path.join(ROOT, 'tests/fixtures/store/v2.sql'), 'utf8');
const TABLES = ['ptg_document', 'ptg_topic', 'ptg_acronym', 'kv'];
const LATEST = Math.max(...migrations.map((m) => m.version));

type Row = Record<string, unknown>;
const snapshot = (db: Db) => Object.fromEntries(TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all() as Row[]]));
/** What schema 17 dropped: the summed vocabulary as search read it, and the FTS5 texts the index was built from. */
const dropped = (db: Db) => ({
  terms: db.prepare('SELECT term, sum(df) AS df FROM ptg_term GROUP BY term').all(),
  fts: db.prepare('SELECT rowid, * FROM ptg_fts ORDER BY rowid').raw().all() as unknown[][],
});

/** Writes the frozen dump to a database file, as a version-2 cyclebot left it; returns its rows. */
function frozenV2(): { file: string; version: number; before: ReturnType<typeof snapshot>; gone: ReturnType<typeof dropped> } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cyclebot-v2-')), 'cyclebot.db');
  const old = new Database(file);
  old.exec(DUMP);
  const version = schemaVersion(old);
  const before = snapshot(old);
  const gone = dropped(old);
  old.close();
  return { file, version, before, gone };
}

describe('upgrading a version-2 database', () => {
  const { file, version, before, gone } = frozenV2();
  const db = openDb(file);

  it('reaches the latest schema with every old row unchanged', () => {
    expect(version).toBe(2);
    expect(schemaVersion(db)).toBe(LATEST);
    expect(before.ptg_document).toHaveLength(2);
    expect(before.ptg_topic.length).toBeGreaterThan(50);
    expect(gone.terms.length).toBeGreaterThan(1000);
    const after = snapshot(db);
    // Columns added later (ptg_document.split) read NULL for old rows; the old ones are equal.
    const old = (rows: Row[], like: Row[]) => rows.map((r, i) => Object.fromEntries(Object.keys(like[i] ?? r).map((k) => [k, r[k]])));
    for (const t of TABLES) expect(old(after[t], before[t]), t).toEqual(before[t]);
    expect(after.ptg_document.map((d) => d.split)).toEqual([null, null]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('searches the same texts and vocabulary as before schema 17 dropped ptg_fts and ptg_term', () => {
    const repo = new PtgRepo(db);
    expect(gone.fts).toHaveLength(before.ptg_topic.length);
    expect([...indexedTopics(repo)].flat().map((t) => [t.id, ...t.columns])).toEqual(gone.fts);
    // Same words, same counts, same order (typo corrections keep it on ties).
    expect(repo.terms()).toEqual(gone.terms);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('ptg_fts', 'ptg_term')").all()).toEqual([]);
  });

  it('answers questions from the old rows: titles, typos, decisions, owners, project scope', () => {
    const search = new PtgSearch(new PtgRepo(db));
    const top = (q: string) => search.search(q).hits[0];
    expect(top('vTPM live migration')?.topic).toBe('vTPM Live Migration');
    expect(top('evenlet removal')?.topic).toBe('Eventlet removal');
    expect(top('neutron nftables')).toMatchObject({ topic: 'Migration to the NFtables', project: 'neutron', cycle: 'wallaby' });
    expect(top('SEV-SNP spec')?.decisions).toContain('Tkajinam will write a new spec for SEV-SNP.');
    expect(top('privsep')?.topic).toBe('Change from rootwrap to the privsep');
  });

  it('keeps the Matrix sync state, so a restart resumes instead of replaying history', () => {
    const kv = new KvRepo(db, 'matrix');
    expect(kv.get('sync_token')).toBe('s72594_4483_1934_1_1_1_1_9_1');
    expect(JSON.parse(kv.get('filter') ?? 'null')).toEqual({ id: 7, filter: { presence: { not_types: ['*'] } } });
  });

  it('takes new writes: a re-import over an old document, and the later features’ tables', () => {
    const repo = new PtgRepo(db);
    const { topics } = importFile(repo, path.join(ROOT, 'data/ptg/neutron-wallaby.md'));
    expect(repo.document('neutron-wallaby')).toMatchObject({ project: 'neutron', split: 'Markdown headings' });
    // The new topics replace the old rows (today's parser may split the text a little differently).
    expect(topics).toBeGreaterThan(10);
    expect(repo.topicsOfDocument('neutron-wallaby')).toHaveLength(topics);
    expect(new PtgSearch(repo).search('healthcheck API').hits[0]?.topic).toBe('Healtcheck API endpoint');
    const meetings = new MeetingRepo(db);
    meetings.save({ transport: 'irc', room: '#openstack-nova', startedAt: new Date(1e12), lastLineAt: new Date(1e12), name: 'nova' });
    expect(meetings.load()).toHaveLength(1);
    db.close();
  });
});
