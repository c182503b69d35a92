// The original evaluation over the bundled summaries in data/ptg (tests/eval/queries.yaml): the
// set the search was tuned on, kept as the "bundled (tuned)" section of npm run eval.
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { openDb } from '../../src/store/db.ts';
import { PtgRepo } from '../../src/ptg/repo.ts';
import { PtgSearch } from '../../src/ptg/search.ts';
import { BUNDLED_DIR } from '../../src/ptg/bundled.ts';
import { importFile } from '../../src/ptg/importer.ts';
import { bundledDocs, EVAL_DIR } from './corpus.ts';

interface Entry {
  query: string;
  expect: 'none' | { document: string; topic: string };
  kind: string;
  alt?: string[];
}

export interface BundledRow {
  kind: string;
  top1: boolean;
  top5: boolean;
  query: string;
  want: string;
  got: string[];
}

export function runBundled(): { rows: BundledRow[]; documents: number; topics: number } {
  const entries = parseYaml(fs.readFileSync(path.join(EVAL_DIR, 'queries.yaml'), 'utf8')) as Entry[];
  const repo = new PtgRepo(openDb(':memory:'));
  for (const d of bundledDocs()) importFile(repo, path.join(BUNDLED_DIR, d.file), { project: d.project, cycle: d.cycle, id: d.id });
  const search = new PtgSearch(repo);
  const rows = entries.map((entry) => {
    const hits = search.search(entry.query, 5).hits;
    const got = hits.map((h) => `${h.document}: ${h.topic}`);
    if (entry.expect === 'none') return { kind: entry.kind, top1: hits.length === 0, top5: hits.length === 0, query: entry.query, want: 'none', got };
    const want = entry.expect;
    const ok = (h: { document: string; topic: string }) =>
      h.document === want.document && [want.topic, ...(entry.alt ?? [])].some((t) => h.topic.toLowerCase().includes(t.toLowerCase()));
    return { kind: entry.kind, top1: hits.length > 0 && ok(hits[0]), top5: hits.some(ok), query: entry.query, want: `${want.document}: ${want.topic}`, got };
  });
  return { rows, documents: repo.documents().length, topics: repo.topicCount() };
}
