// The in-memory index must match exactly what FTS5 itself finds in the same texts: same terms, same topics.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src/store/db.ts';
import { PtgRepo } from '../../../src/ptg/repo.ts';
import { PTG_TOKENIZE } from '../../../src/ptg/fts-stemmer.ts';
import { importFile } from '../../../src/ptg/importer.ts';
import { BUNDLED_DIR } from '../../../src/ptg/bundled.ts';
import { indexedTopics } from '../../../src/ptg/search-state.ts';
import { slotOf, slotStart, TopicIndex } from '../../../src/ptg/topic-index.ts';
import { words } from '../../../src/ptg/words.ts';

const db = openDb(':memory:');
const repo = new PtgRepo(db);
const files = fs.readdirSync(BUNDLED_DIR).filter((f) => !f.endsWith('.yaml'));
for (const f of files) importFile(repo, path.join(BUNDLED_DIR, f), f.startsWith('nova') ? {} : { project: f.split('-')[0], cycle: 'flamingo' });
const index = TopicIndex.build([...indexedTopics(repo)].flat(), (ws) => repo.stems(ws));
// The reference: an FTS5 table of the same columns, with the tokenizer the index stems with.
db.exec(`CREATE VIRTUAL TABLE temp.ptg_fts USING fts5(title, subtopics, decisions, owners, body, meta, tokenize = "${PTG_TOKENIZE}")`);
const insert = db.prepare('INSERT INTO temp.ptg_fts (rowid, title, subtopics, decisions, owners, body, meta) VALUES (?, ?, ?, ?, ?, ?, ?)');
for (const t of [...indexedTopics(repo)].flat()) insert.run(t.id, ...t.columns);

const fts = (phrase: string[]) =>
  new Set(
    db
      .prepare('SELECT rowid FROM ptg_fts WHERE ptg_fts MATCH ?')
      .pluck()
      .all(`"${phrase.join(' ').replace(/"/g, '""')}"`) as number[],
  );
const mine = (phrase: string[]) => new Set(Array.from(index.phrase(phrase), (p) => index.ids[slotOf(p)]));
const sameSet = (a: Set<number>, b: Set<number>) => a.size === b.size && [...a].every((x) => b.has(x));
const texts = [...indexedTopics(repo)].flat().flatMap((t) => t.columns);

describe('TopicIndex', () => {
  it('finds every word of the texts in the same topics as FTS5 does', () => {
    const all = [...new Set(texts.flatMap((t) => words(t)))];
    expect(all.length).toBeGreaterThan(2000);
    expect(index.size).toBe(repo.topicCount());
    const wrong = all.filter((w) => !sameSet(mine([w]), fts([w])));
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('finds the same topics as FTS5 for phrases taken from the texts, and for words it lacks', () => {
    const phrase = fc
      .tuple(fc.integer({ min: 0, max: texts.length - 1 }), fc.nat(), fc.integer({ min: 1, max: 4 }))
      .map(([t, at, n]) => {
        const ws = words(texts[t]);
        const start = ws.length ? at % ws.length : 0;
        return ws.slice(start, start + n);
      })
      .filter((p) => p.length > 0);
    fc.assert(
      fc.property(phrase, (p) => sameSet(mine(p), fts(p))),
      { numRuns: 1500 },
    );
    for (const p of [['migrations'], ['evenlet'], ['one', 'time', 'use'], ['hw', 'io_threads'], ['live', 'migration'], ['zzzz']])
      expect(mine(p)).toEqual(fts(p));
  });

  it('stems words it has never seen as FTS5 does', () => {
    expect(index.has(['migrations'])).toBe(true);
    expect(index.has(['evenlet'])).toBe(false);
    expect(mine(['schedulers'])).toEqual(fts(['schedulers']));
  });
});

describe('TopicIndex positions', () => {
  // title, subtopics, decisions, owners, body, meta; one word per term (no stemming).
  const small = TopicIndex.build(
    [
      { id: 10, documentId: 'a', columns: ['Healtcheck improvements', '', '', '', 'the healthcheck endpoint and healthcheck again', 'nova flamingo'] },
      { id: 11, documentId: 'a', columns: ['', '', '', '', 'alpha beta', ''] },
      { id: 12, documentId: 'b', columns: ['alpha', '', '', '', '', ''] },
    ],
    (ws) => ws,
  );
  const at = (slot: number, column: number, offset: number) => slotStart(slot) + column * 2 ** 20 + offset;

  it('numbers every word by topic, column and offset, empty columns skipped', () => {
    expect(Array.from(small.phrase(['alpha']))).toEqual([at(1, 4, 0), at(2, 0, 0)]);
    expect(Array.from(small.phrase(['beta']))).toEqual([at(1, 4, 1)]);
    expect(Array.from(small.phrase(['flamingo']))).toEqual([at(0, 5, 1)]);
    expect(Array.from(small.phrase(['again']))).toEqual([at(0, 4, 5)]);
  });

  it("gives a misspelled title word's alias the word's own position", () => {
    expect(Array.from(small.phrase(['healthcheck']))).toEqual([at(0, 0, 0), at(0, 4, 1), at(0, 4, 4)]);
    expect(Array.from(small.phrase(['healthcheck', 'improvements']))).toEqual([at(0, 0, 0)]);
    expect(Array.from(small.phrase(['improvements']))).toEqual([at(0, 0, 1)]);
  });
});
