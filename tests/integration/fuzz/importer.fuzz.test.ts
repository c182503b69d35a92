// Property test: mangled and truncated real summaries either import or fail with one clear line,
// and a failed import leaves the database exactly as it was.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.ts';
import { importText } from '../../../src/ptg/importer.ts';
import { openDb } from '../../../src/store/db.ts';
import { PtgRepo } from '../../../src/ptg/repo.ts';
import { ROOT } from '../../helpers/cli.ts';

const files = ['nova-2025.2-flamingo.txt', 'neutron-wallaby.md', 'ironic-queens.rst', 'ironic-train.html'];
const texts = files.map((f) => fs.readFileSync(path.join(ROOT, 'data/ptg', f), 'utf8'));

const db = openDb(':memory:');
const repo = new PtgRepo(db);
importText(repo, texts[0], 'keep.txt', { id: 'keep', project: 'nova', cycle: 'flamingo' });
const fingerprint = () =>
  JSON.stringify([
    db.prepare('SELECT id, project, cycle, source_hash FROM ptg_document ORDER BY id').all(),
    db.prepare('SELECT count(*) AS n, sum(length(body)) AS b FROM ptg_topic').get(),
    db.prepare('SELECT document_id, terms FROM ptg_vocabulary ORDER BY 1').all(),
  ]);

const mangle = fc.record({
  doc: fc.integer({ min: 0, max: texts.length - 1 }),
  cut: fc.double({ min: 0, max: 1, noNaN: true }),
  drop: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 20 }),
  junk: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.uint8Array({ minLength: 1, maxLength: 16 })), { maxLength: 5 }),
  keepId: fc.boolean(),
});

describe('fuzzing the importer', () => {
  it('imports or refuses with one line, never half-writes', () => {
    fc.assert(
      fc.property(mangle, ({ doc, cut, drop, junk, keepId }) => {
        const lines = texts[doc].slice(0, Math.floor(texts[doc].length * cut)).split('\n');
        for (const d of drop) lines.splice(Math.floor(d * lines.length), 1);
        let text = lines.join('\n');
        for (const [at, bytes] of junk) {
          const i = Math.floor(at * text.length);
          text = text.slice(0, i) + new TextDecoder('utf-8', { fatal: false }).decode(bytes) + text.slice(i);
        }
        const before = fingerprint();
        try {
          const r = importText(repo, text, files[doc], { id: keepId ? 'keep' : 'other', project: 'nova', cycle: 'flamingo' });
          expect(r.topics).toBeGreaterThan(0);
          expect(db.prepare('SELECT count(*) AS n FROM ptg_topic WHERE document_id = ?').get(r.id)).toEqual({ n: r.topics });
          expect(db.prepare('SELECT count(*) AS n FROM ptg_vocabulary WHERE document_id = ?').get(r.id)).toEqual({ n: 1 });
        } catch (err) {
          expect(err).toBeInstanceOf(UserError);
          expect((err as Error).message).not.toMatch(/\n/);
          expect((err as Error).message.length).toBeLessThan(300);
          expect(fingerprint()).toBe(before);
        }
      }),
      { numRuns: 300 },
    );
    // Replacing documents left no orphaned vocabulary rows behind.
    const vocabularies = db.prepare('SELECT count(*) AS n FROM ptg_vocabulary').get();
    expect(vocabularies).toEqual(db.prepare('SELECT count(*) AS n FROM ptg_document').get());
  }, 120_000);
});
