// The evaluation corpus is well formed in every half that is present (tune, blind, fresh, holdout, extra): files
// exist, ids are unique, every query names a known kind and document, and every anchor is in its
// document's source text. Only source text is read, never what the parser or the search make of
// it. Failures in the blind, fresh and holdout halves report counts only, so that nobody who tunes reads
// those queries in a test log.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, norm, readDocs, sourceText } from '../../../scripts/eval/corpus.ts';
import { KIND_ORDER, readQueries } from '../../../scripts/eval/score.ts';

const halves = ['tune', 'blind', 'fresh', 'holdout', 'extra'].filter((h) => fs.existsSync(path.join(CORPUS_DIR, `${h}.documents.yaml`)));

function problems(half: string): string[] {
  const docs = readDocs(half);
  const out: string[] = [];
  const ids = new Set<string>();
  for (const d of docs) {
    if (ids.has(d.id)) out.push(`duplicate id ${d.id}`);
    ids.add(d.id);
    if (!sourceText(half, d)) out.push(`${d.id}: file ${d.file} is missing or empty`);
    if (!d.projects.length || !d.cycles.length) out.push(`${d.id}: no project or cycle truth`);
  }
  const texts = new Map(docs.map((d) => [d.id, sourceText(half, d)]));
  for (const q of readQueries(half)) {
    if (!KIND_ORDER.includes(q.kind)) out.push(`"${q.query}": unknown kind ${q.kind}`);
    if (q.expect === 'none') {
      if (q.kind !== 'none') out.push(`"${q.query}": expects none but is of kind ${q.kind}`);
      continue;
    }
    const text = texts.get(q.expect.document);
    if (text === undefined) out.push(`"${q.query}": unknown document ${q.expect.document}`);
    else if (!q.expect.anchor || !text.includes(norm(q.expect.anchor))) out.push(`"${q.query}": anchor not in ${q.expect.document}`);
  }
  return out;
}

describe('evaluation corpus integrity', () => {
  it('has the tuning half', () => expect(halves).toContain('tune'));

  for (const half of halves) {
    it(`${half}: files, ids, kinds, documents and anchors are consistent`, () => {
      const found = problems(half);
      if (half === 'tune' || half === 'extra') expect(found).toEqual([]);
      else expect(found.length, `${found.length} problems in the ${half} half (run npm run eval)`).toBe(0);
    });
  }

  // The halves collected to measure generalization once: enough documents, the minimum number
  // of queries, every kind and at least 10 with no answer.
  for (const [half, minDocs, minQueries] of [
    ['fresh', 14, 100],
    ['holdout', 14, 110],
    ['extra', 10, 80],
  ] as const) {
    it(`${half} half: at least ${minDocs} documents, ${minQueries} queries of every kind and 10 with no answer`, () => {
      if (!halves.includes(half)) return;
      const queries = readQueries(half);
      expect(readDocs(half).length).toBeGreaterThanOrEqual(minDocs);
      expect(queries.length).toBeGreaterThanOrEqual(minQueries);
      for (const kind of KIND_ORDER) expect(queries.some((q) => q.kind === kind)).toBe(true);
      expect(queries.filter((q) => q.expect === 'none').length).toBeGreaterThanOrEqual(10);
    });
  }
});
