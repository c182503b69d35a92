// npm run eval: PTG search quality on real summaries. The corpus halves (tests/eval/corpus, each
// imported without --project/--cycle): the tuning half, then the blind, fresh and holdout halves,
// reported as aggregates; then the bundled set the search was tuned on (tests/eval/queries.yaml).
// Misses of those halves are never printed unless its --show-<half>-misses flag is given; nobody
// tuning the parser or search may use the blind or holdout flag (the fresh half is tuning material
// since its one measured run).
//   npm run eval [-- --json] [--only tune|blind|fresh|holdout|extra|wider|bundled] [--show-blind-misses]
//                [--show-fresh-misses] [--show-holdout-misses] [--show-wider-misses]
import fs from 'node:fs';
import path from 'node:path';
import { CORPUS_DIR, loadHalf, sourceText, norm, type LoadedHalf } from './eval/corpus.ts';
import { readQueries, scoreHalf, summarize, type HalfSummary, type Row } from './eval/score.ts';
import { printDetails, printSummary, type TruthLine } from './eval/report.ts';
import { runBundled } from './eval/bundled.ts';

/** The corpus halves in report order; `details` = its misses are printed without asking. */
const HALVES: { name: string; details: boolean }[] = [
  { name: 'tune', details: true },
  { name: 'blind', details: false },
  { name: 'fresh', details: false },
  { name: 'holdout', details: false },
  { name: 'extra', details: true },
  { name: 'wider', details: true },
];

const args = process.argv.slice(2);
const json = args.includes('--json');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
const sections = [...HALVES.map((h) => h.name), 'bundled'];
if (only && !sections.includes(only)) {
  console.error(`--only takes ${sections.slice(0, -1).join(', ')} or bundled, not "${only}"`);
  process.exit(2);
}

function anchorProblems(half: LoadedHalf, rows: Row[]): string[] {
  const problems: string[] = [];
  const texts = new Map(half.docs.map((d) => [d.doc.id, sourceText(half.name, d.doc)]));
  for (const r of rows) {
    const e = r.entry.expect;
    if (e === 'none') continue;
    const text = texts.get(e.document);
    if (text === undefined) problems.push(`"${r.entry.query}" expects unknown document ${e.document}`);
    else if (!text.includes(norm(e.anchor))) problems.push(`"${r.entry.query}": anchor "${e.anchor}" is not in ${e.document}`);
  }
  return problems;
}

interface HalfOutput {
  summary: HalfSummary;
  truth: TruthLine;
  rows?: Row[];
}

function evaluate(name: string, details: boolean): HalfOutput | undefined {
  if (!fs.existsSync(path.join(CORPUS_DIR, `${name}.documents.yaml`))) {
    if (!json) console.log(`\n== ${name}: not in this checkout ==`);
    return undefined;
  }
  const entries = readQueries(name);
  const half = loadHalf(name);
  const rows = scoreHalf(half, entries);
  const problems = anchorProblems(half, rows);
  const summary = summarize(half, rows, problems.length);
  // The same queries with project and cycle passed, to separate detection from segmentation/ranking.
  const given = loadHalf(name, true);
  const givenRows = scoreHalf(given, entries);
  const truth = {
    imported: given.docs.filter((d) => d.imported).length,
    documents: given.docs.length,
    n: givenRows.length,
    top1: givenRows.filter((r) => r.top1).length,
    top5: givenRows.filter((r) => r.top5).length,
  };
  if (!json) {
    printSummary(summary, truth);
    if (details) printDetails(half.docs, rows, problems);
    else console.log(`(${name} half: aggregates only; individual misses are not shown)`);
  }
  return { summary, truth, ...(details ? { rows } : {}) };
}

const out: Record<string, unknown> = {};
for (const h of HALVES) {
  if (!only || only === h.name) out[h.name] = evaluate(h.name, h.details || args.includes(`--show-${h.name}-misses`));
}
if (!only || only === 'bundled') {
  const b = runBundled();
  const pct = (n: number, d: number) => `${((100 * n) / Math.max(d, 1)).toFixed(1)}%`;
  const kinds = [...new Set(b.rows.map((r) => r.kind))];
  const byKind = [...kinds, 'all'].map((k) => {
    const rs = k === 'all' ? b.rows : b.rows.filter((r) => r.kind === k);
    return { kind: k, n: rs.length, top1: rs.filter((r) => r.top1).length, top5: rs.filter((r) => r.top5).length };
  });
  out.bundled = { documents: b.documents, topics: b.topics, byKind, misses: b.rows.filter((r) => !r.top1) };
  if (!json) {
    console.log(`\n== bundled (tuned): ${b.rows.length} queries over ${b.documents} documents, ${b.topics} topics ==`);
    console.log('kind'.padEnd(15) + 'n'.padStart(4) + 'top-1'.padStart(9) + 'top-5'.padStart(9));
    for (const k of byKind) console.log(k.kind.padEnd(15) + String(k.n).padStart(4) + pct(k.top1, k.n).padStart(9) + pct(k.top5, k.n).padStart(9));
    const misses = b.rows.filter((r) => !r.top1);
    if (misses.length) console.log('\nnot first:');
    for (const m of misses)
      console.log(`- [${m.kind}] "${m.query}" want ${m.want}${m.top5 ? ' (in top 5)' : ''}; got ${m.got.slice(0, 3).join(' | ') || 'nothing'}`);
  }
}
if (json) console.log(JSON.stringify(out, null, 2));
