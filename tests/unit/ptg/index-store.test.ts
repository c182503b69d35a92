// The stored search index (migration 19): read back, it is the index a build makes of the same
// documents, and answers alike; it is never used once anything it derives from changed, nor when
// it does not decode, nor by another program; a build that saw a change midway is not stored.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_DIR } from '../../../src/ptg/bundled.ts';
import { importFile, importParsed } from '../../../src/ptg/importer.ts';
import { IndexStore, type StoredIndex } from '../../../src/ptg/index-store.ts';
import { PtgRepo } from '../../../src/ptg/repo.ts';
import { PtgSearch } from '../../../src/ptg/search.ts';
import { buildIndex } from '../../../src/ptg/search-state.ts';
import type { TopicIndex } from '../../../src/ptg/topic-index.ts';
import { openDb } from '../../../src/store/db.ts';
import { migrations } from '../../../src/store/migrations/index.ts';
import { filler, topic } from '../../helpers/corpus.ts';

const QUERIES = ['eventlet', 'evenlet', 'vtpm live migration', 'secure rbac', 'who owns the sev snp spec', 'one time use devices', 'ironic flamingo', 'zzzz'];

function bundled() {
  const db = openDb(':memory:');
  const repo = new PtgRepo(db);
  for (const f of fs.readdirSync(BUNDLED_DIR).filter((n) => !n.endsWith('.yaml')))
    importFile(repo, path.join(BUNDLED_DIR, f), f.startsWith('nova') ? {} : { project: f.split('-')[0], cycle: 'flamingo' });
  return { db, repo, store: new IndexStore(db, { minTopics: 0 }) };
}

/** What a build works out: the index of the topics, and the documents' summed vocabulary. */
const built = (repo: PtgRepo): StoredIndex => {
  const steps = buildIndex(repo);
  for (;;) {
    const r = steps.next();
    if (r.done) return { index: r.value, terms: repo.terms() };
  }
};
function runAll<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
const stem = (repo: PtgRepo) => (ws: string[]) => repo.stems(ws);
const answers = (search: PtgSearch) => QUERIES.map((q) => search.search(q, 8).hits.map((h) => [h.document, h.topicId, h.score]));

describe('the stored index', () => {
  it('reads back as the index and vocabulary a build makes, and answers as they do', () => {
    const { repo, store } = bundled();
    const { index, terms } = built(repo);
    expect(store.save(store.version(), { index, terms })).toBe(true);
    const loaded = store.load(stem(repo))!;
    expect(loaded).not.toBeNull();
    const [a, b] = [index.snapshot(), loaded.index.snapshot()];
    expect(b.terms).toEqual(a.terms);
    expect(b.postings.map((p) => Array.from(p))).toEqual(a.postings.map((p) => Array.from(p)));
    expect({ ...b, terms: [], postings: [] }).toEqual({ ...a, terms: [], postings: [] });
    expect(loaded.index.averageLength).toBe(index.averageLength);
    expect(loaded.terms).toEqual(terms);
    expect(answers(new PtgSearch(repo, undefined, store))).toEqual(answers(new PtgSearch(repo)));
  });

  it('is used by a search that starts on stored documents, not built again', () => {
    const { repo, store } = bundled();
    new PtgSearch(repo, undefined, store).warm();
    // The stored index and vocabulary, marked: a search that builds would not find the word.
    const { index, terms } = store.load(stem(repo))!;
    const s = index.snapshot();
    const marked = { ...s, terms: [...s.terms, 'zzzz'], postings: [...s.postings, index.phrase(['eventlet'])] };
    store.save(store.version(), { index: { size: index.size, snapshot: () => marked } as TopicIndex, terms: [...terms, { term: 'zzzz', df: 1 }] });
    expect(new PtgSearch(repo, undefined, store).search('zzzz').hits.length).toBeGreaterThan(0);
    expect(new PtgSearch(repo).search('zzzz').hits).toEqual([]);
  });

  it('is not used after a document is imported, replaced or deleted, by this connection or another', () => {
    const file = path.join(fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'cyclebot-index-')), 'bot.db');
    const repo = new PtgRepo(openDb(file));
    const other = new PtgRepo(openDb(file));
    const store = new IndexStore(openDb(file), { minTopics: 0 });
    const doc = (r: PtgRepo, id: string, title: string) =>
      importParsed(r, { format: 'markdown', topics: [topic({ title }), ...filler(20)] }, { id, project: 'nova', cycle: 'flamingo' });
    const fresh = () => {
      store.save(store.version(), built(repo));
      return store.load(stem(repo));
    };
    const changes: [string, () => unknown][] = [
      ['import', () => doc(repo, 'b', 'Kumquat harvest')],
      ['import elsewhere', () => doc(other, 'c', 'Durian market')],
      ['replace', () => doc(repo, 'b', 'Papaya harvest')],
      ['replace elsewhere', () => doc(other, 'b', 'Lychee harvest')],
      ['delete', () => repo.deleteDocument('c')],
      ['delete elsewhere', () => other.deleteDocument('b')],
    ];
    doc(repo, 'a', 'Mango season');
    for (const [what, change] of changes) {
      expect(fresh(), what).not.toBeNull();
      change();
      expect(store.load(stem(repo)), what).toBeNull();
    }
    // Searches after each change answer from the documents as they are.
    doc(other, 'd', 'Quince jelly');
    const search = new PtgSearch(repo, undefined, store);
    expect(search.search('quince jelly').hits[0]?.topic).toBe('Quince jelly');
    expect(search.search('lychee harvest').hits).toEqual([]);
  });

  it('is not used after a write to a topic, vocabulary or acronym row alone (another program, by hand)', () => {
    const { db, repo, store } = bundled();
    for (const sql of [
      "UPDATE ptg_topic SET title = 'Kumquat' WHERE id = (SELECT min(id) FROM ptg_topic)",
      "UPDATE ptg_vocabulary SET terms = terms || char(10) || 'kumquat 1' WHERE rowid = (SELECT min(rowid) FROM ptg_vocabulary)",
      "INSERT INTO ptg_acronym (document_id, abbr, expansion) SELECT id, 'kq', 'kumquat quota' FROM ptg_document LIMIT 1",
    ]) {
      expect(store.save(store.version(), built(repo))).toBe(true);
      db.prepare(sql).run();
      expect(store.load(stem(repo)), sql).toBeNull();
    }
  });

  it('stored a part at a time, is stored only when no write and no other writer came between', () => {
    const { db, repo } = bundled();
    const store = new IndexStore(db, { minTopics: 0, partBytes: 4096 });
    const other = new IndexStore(db, { minTopics: 0, partBytes: 4096 });
    const mine = built(repo);
    // Another program's index of the same documents: one more term.
    const s = mine.index.snapshot();
    const marked = { ...s, terms: [...s.terms, 'zzzz'], postings: [...s.postings, mine.index.phrase(['eventlet'])] };
    const theirs = { index: { size: mine.index.size, snapshot: () => marked } as TopicIndex, terms: mine.terms };
    const plain = (x: StoredIndex | null) => x && { ...x.index.snapshot(), postings: x.index.snapshot().postings.map((p) => Array.from(p)) };

    const a = store.saving(store.version(), mine);
    expect(a.next().done).toBe(false);
    expect(a.next().done).toBe(false);
    expect(runAll(a)).toBe(true);
    expect(plain(store.load(stem(repo)))).toEqual(plain(mine));

    // Both clear, then write part for part: neither is stored.
    let [x, y] = [store.saving(store.version(), mine), other.saving(other.version(), theirs)];
    for (let dx = x.next(), dy = y.next(); !dx.done || !dy.done;) {
      if (!dx.done) dx = x.next();
      if (!dy.done) dy = y.next();
      if (dx.done && dy.done) expect([dx.value, dy.value]).toEqual([false, false]);
    }
    expect(store.load(stem(repo))).toBeNull();
    // One writes its parts, the other clears them and stores its own: the first is not stored over it.
    [x, y] = [store.saving(store.version(), mine), other.saving(other.version(), theirs)];
    for (let i = 0; i < 5; i++) x.next();
    expect(runAll(y)).toBe(true);
    expect(runAll(x)).toBe(false);
    expect(plain(store.load(stem(repo)))).toEqual(plain(theirs));
    // Parts a writer cut short left behind are no part of it.
    db.prepare("INSERT INTO ptg_index_part (seq, data) VALUES (-1, x'05')").run();
    expect(plain(store.load(stem(repo)))).toEqual(plain(theirs));

    // A document written between two steps: not stored.
    const z = store.saving(store.version(), built(repo));
    z.next();
    z.next();
    repo.deleteDocument(repo.documents()[0].id);
    expect(runAll(z)).toBe(false);
    expect(store.load(stem(repo))).toBeNull();
  });

  it('is not stored when the documents changed while it was built', () => {
    const { repo, store } = bundled();
    const version = store.version();
    const stored = built(repo);
    repo.deleteDocument(repo.documents()[0].id);
    expect(store.save(version, stored)).toBe(false);
    expect(store.load(stem(repo))).toBeNull();
  });

  it('is not used when it does not decode, or another program or format stored it', () => {
    const { db, repo, store } = bundled();
    const save = () => expect(store.save(store.version(), built(repo))).toBe(true);
    save();
    db.prepare('UPDATE ptg_index_part SET data = substr(data, 1, length(data) - 3) WHERE seq = (SELECT min(seq) FROM ptg_index_part)').run();
    expect(store.load(stem(repo))).toBeNull();
    save();
    db.prepare('DELETE FROM ptg_index_part WHERE seq = (SELECT max(seq) FROM ptg_index_part)').run();
    expect(store.load(stem(repo))).toBeNull();
    save();
    db.prepare("UPDATE ptg_index SET meta = '{'").run();
    expect(store.load(stem(repo))).toBeNull();
    save();
    db.prepare("UPDATE ptg_index SET key = key || 'x'").run();
    expect(store.load(stem(repo))).toBeNull();
    // The search then builds, as without a store.
    expect(answers(new PtgSearch(repo, undefined, store))).toEqual(answers(new PtgSearch(repo)));
  });

  it('leaves small indexes to be built, and an older schema alone', () => {
    const { repo } = bundled();
    const db = openDb(':memory:');
    expect(new IndexStore(db).save(0, built(repo))).toBe(false);
    const old = openDb(
      ':memory:',
      migrations.filter((m) => m.version < 19),
    );
    const store = new IndexStore(old, { minTopics: 0 });
    expect(store.save(store.version(), built(repo))).toBe(false);
    expect(store.load(stem(repo))).toBeNull();
  });
});
