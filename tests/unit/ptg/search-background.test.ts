// keepLoopFree (a running bot): after an import, a large index is rebuilt in slices between other
// work; meanwhile the previous index answers without the changed documents, never with their old
// text; once built, every answer equals a fresh start's.
import { describe, expect, it } from 'vitest';
import { importParsed } from '../../../src/ptg/importer.ts';
import { openDb } from '../../../src/store/db.ts';
import { PtgRepo } from '../../../src/ptg/repo.ts';
import { PtgSearch } from '../../../src/ptg/search.ts';
import { IndexStore } from '../../../src/ptg/index-store.ts';
import { filler, topic } from '../../helpers/corpus.ts';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const QUERIES = ['papaya harvest', 'kumquat harvest', 'durian market', 'scheduler quota', 'conductor upgrade', 'image volume network', 'papya'];

function corpus() {
  const repo = new PtgRepo(openDb(':memory:'));
  const doc = (id: string, topics: ReturnType<typeof topic>[]) =>
    importParsed(repo, { format: 'markdown', topics }, { id, project: 'nova', cycle: 'flamingo' });
  doc('market', [topic({ title: 'Durian market', body: 'The durian market opens early.' }), ...filler(700, 2)]);
  doc('more', filler(700, 3));
  // Last: replacing it reuses its topic ids, which the previous index still holds.
  doc('fruit', [topic({ title: 'Papaya harvest', body: 'The papaya harvest moved to June.' }), ...filler(700, 1)]);
  return { repo, doc };
}

const answers = (search: PtgSearch) => QUERIES.map((q) => search.search(q, 5).hits.map((h) => [h.document, h.topic, h.score]));

describe('rebuilding the index in slices', () => {
  it('answers from the unchanged documents until the new index is ready, then as a fresh start', async () => {
    const { repo, doc } = corpus();
    const search = new PtgSearch(repo);
    search.warm();
    search.keepLoopFree();
    expect(search.search('papaya harvest').hits[0]?.topic).toBe('Papaya harvest');

    doc('fruit', [topic({ title: 'Kumquat harvest', body: 'The kumquat harvest replaced the papaya one.' }), ...filler(700, 4)]);
    // Same turn: the replaced summary is not answered from (its old text is gone), the others are.
    expect(search.search('papaya harvest').hits.map((h) => h.document)).not.toContain('fruit');
    expect(search.search('kumquat harvest').hits).toEqual([]);
    expect(search.search('durian market').hits[0]?.topic).toBe('Durian market');
    // The loop turns before the rebuild is done: it runs in slices.
    await turn();
    expect(search.search('kumquat harvest').hits).toEqual([]);

    for (let i = 0; i < 2000 && search.search('kumquat harvest').hits.length === 0; i++) await turn();
    expect(search.search('kumquat harvest').hits[0]).toMatchObject({ document: 'fruit', topic: 'Kumquat harvest' });
    expect(answers(search)).toEqual(answers(new PtgSearch(repo)));
  });

  it('builds again when a document changes while it builds', async () => {
    const { repo, doc } = corpus();
    const search = new PtgSearch(repo);
    search.warm();
    search.keepLoopFree();
    doc('fruit', [topic({ title: 'Kumquat harvest', body: 'Kumquats.' }), ...filler(700, 4)]);
    await turn();
    await turn();
    repo.deleteDocument('market');
    for (let i = 0; i < 4000 && search.documents().some((d) => d.id === 'market'); i++) await turn();
    expect(search.documents().map((d) => d.id)).toEqual(['fruit', 'more']);
    expect(search.search('durian market').hits).toEqual([]);
    expect(answers(search)).toEqual(answers(new PtgSearch(repo)));
  });

  it('stores the rebuilt index a part per turn, for the next start to read', async () => {
    const db = openDb(':memory:');
    const repo = new PtgRepo(db);
    const store = new IndexStore(db, { minTopics: 0, partBytes: 4096 });
    importParsed(
      repo,
      { format: 'markdown', topics: [topic({ title: 'Durian market' }), ...filler(2100, 2)] },
      { id: 'market', project: 'nova', cycle: 'flamingo' },
    );
    const search = new PtgSearch(repo, undefined, store);
    search.warm();
    search.keepLoopFree();
    importParsed(repo, { format: 'markdown', topics: [topic({ title: 'Kumquat harvest' })] }, { id: 'fruit', project: 'nova', cycle: 'flamingo' });
    const stored = () => store.load((ws) => repo.stems(ws));
    for (let i = 0; i < 4000 && search.search('kumquat harvest').hits.length === 0; i++) await turn();
    expect(search.search('kumquat harvest').hits[0]?.document).toBe('fruit');
    // Rebuilt; stored from the next turn on, between other work.
    expect(stored()).toBeNull();
    for (let i = 0; i < 4000 && !stored(); i++) await turn();
    expect(stored()).not.toBeNull();
    const next = new PtgSearch(repo, undefined, store);
    expect(answers(next)).toEqual(answers(new PtgSearch(repo)));
    expect(next.search('kumquat harvest').hits[0]?.document).toBe('fruit');
  });

  it('rebuilds a small index at once', () => {
    const repo = new PtgRepo(openDb(':memory:'));
    importParsed(repo, { format: 'markdown', topics: filler(50) }, { id: 'a', project: 'nova', cycle: 'flamingo' });
    const search = new PtgSearch(repo);
    search.warm();
    search.keepLoopFree();
    importParsed(repo, { format: 'markdown', topics: [topic({ title: 'Papaya harvest' })] }, { id: 'b', project: 'nova', cycle: 'flamingo' });
    expect(search.search('papaya harvest').hits[0]?.document).toBe('b');
  });
});
