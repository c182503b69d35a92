// npm run eval: top-1 / top-5 rates of the PTG search on tests/eval/queries.yaml over the
// bundled summaries, by kind of query, with every miss listed.
import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { openDb } from '../src/store/db.ts';
import { PtgRepo } from '../src/store/ptg-repo.ts';
import { PtgSearch } from '../src/ptg/search.ts';
import { BUNDLED_DIR } from '../src/ptg/bundled.ts';
import path from 'node:path';
import { importFile } from '../src/ptg/importer.ts';

interface Entry {
  query: string;
  expect: 'none' | { document: string; topic: string };
  kind: string;
  alt?: string[];
}

const file = process.argv[2] ?? new URL('../tests/eval/queries.yaml', import.meta.url).pathname;
const docsFile = process.argv[3] ?? new URL('../tests/eval/documents.yaml', import.meta.url).pathname;
const entries = parseYaml(fs.readFileSync(file, 'utf8')) as Entry[];
const docs = parseYaml(fs.readFileSync(docsFile, 'utf8')) as { file: string; project: string; cycle: string; id: string }[];
const repo = new PtgRepo(openDb(':memory:'));
for (const d of docs) importFile(repo, path.join(BUNDLED_DIR, d.file), { project: d.project, cycle: d.cycle, id: d.id });
const search = new PtgSearch(repo);

type Row = { kind: string; top1: boolean; top5: boolean; entry: Entry; got: string[] };
const rows: Row[] = entries.map((entry) => {
  const hits = search.search(entry.query, 5).hits;
  const got = hits.map((h) => `${h.document}: ${h.topic}`);
  if (entry.expect === 'none') return { kind: entry.kind, top1: hits.length === 0, top5: hits.length === 0, entry, got };
  const want = entry.expect;
  const ok = (h: { document: string; topic: string }) =>
    h.document === want.document && [want.topic, ...(entry.alt ?? [])].some((t) => h.topic.toLowerCase().includes(t.toLowerCase()));
  return { kind: entry.kind, top1: hits.length > 0 && ok(hits[0]), top5: hits.some(ok), entry, got };
});

const pct = (n: number, d: number) => `${((100 * n) / Math.max(d, 1)).toFixed(1)}%`;
const kinds = [...new Set(rows.map((r) => r.kind))];
console.log(`queries: ${rows.length} over ${repo.documents().length} documents, ${repo.topicCount()} topics`);
console.log('kind'.padEnd(15) + 'n'.padStart(4) + 'top-1'.padStart(9) + 'top-5'.padStart(9));
for (const k of [...kinds, 'all']) {
  const rs = k === 'all' ? rows : rows.filter((r) => r.kind === k);
  console.log(k.padEnd(15) + String(rs.length).padStart(4) + pct(rs.filter((r) => r.top1).length, rs.length).padStart(9) + pct(rs.filter((r) => r.top5).length, rs.length).padStart(9));
}
const misses = rows.filter((r) => !r.top1);
if (misses.length) {
  console.log('\nnot first:');
  for (const m of misses) {
    const want = m.entry.expect === 'none' ? 'none' : `${m.entry.expect.document}: ${m.entry.expect.topic}`;
    console.log(`- [${m.kind}] "${m.entry.query}" want ${want}${m.top5 ? ' (in top 5)' : ''}; got ${m.got.slice(0, 3).join(' | ') || 'nothing'}`);
  }
}
const all = rows.length;
console.log(`\ntop-1 ${pct(rows.filter((r) => r.top1).length, all)}, top-5 ${pct(rows.filter((r) => r.top5).length, all)}`);
