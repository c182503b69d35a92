// !ptg at the scale of one bot for every team (issue 15): 60 teams, 600 summaries and 19,800
// topics, imported as text. Import ms per MB against lower-casing and splitting the same
// text; lookup p50/p99 against a naive substring scan; both in this run.
import { openDb } from '../../src/store/db.ts';
import { PtgRepo } from '../../src/ptg/repo.ts';
import { PtgSearch } from '../../src/ptg/search.ts';
import { importText } from '../../src/ptg/importer.ts';
import { generatedSummaryTexts } from './corpus.ts';
import { QUERIES, TYPOS, naiveSearch, timeIndexBuild } from './search.ts';
import { cpuMs, percentile, round, timeEach } from './stats.ts';

const CYCLES = ['caracal', 'dalmatian', 'epoxy', 'flamingo', 'gazpacho'];
/** Queries naming a team or a cycle: the scope filter's path. */
const SCOPED = ['team07 eventlet', 'flamingo feature freeze', 'team42 epoxy vtpm live migration', 'gazpacho cpu power management'];

export function benchScale(nDocs = 600, perDoc = 33, nTeams = 60) {
  const texts = generatedSummaryTexts(nDocs, perDoc);
  const repo = new PtgRepo(openDb(':memory:'));
  // Every summary imported as `cyclebot import --project <team> --cycle <cycle>` would, into a
  // database that grows to the full set: the later imports pay for a large index.
  let bytes = 0;
  const perMb: number[] = [];
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  texts.forEach((text, i) => {
    const team = `team${String(i % nTeams).padStart(2, '0')}`;
    const cycle = CYCLES[Math.floor(i / nTeams) % CYCLES.length];
    const size = Buffer.byteLength(text);
    const t = performance.now();
    importText(repo, text, `${team}-${cycle}-${i}.txt`, { project: team, cycle });
    perMb.push(((performance.now() - t) * 1e6) / size);
    bytes += size;
  });
  const importMs = performance.now() - t0;
  const used = process.cpuUsage(c0);
  const importCpuMs = (used.user + used.system) / 1000;
  perMb.sort((a, b) => a - b);
  // Baseline: lower-casing and splitting the same texts into lines.
  const t1 = performance.now();
  for (const text of texts) text.toLowerCase().split('\n');
  const baselineMs = performance.now() - t1;

  const search = new PtgSearch(repo);
  const { indexBuildMs, firstQueryMs } = timeIndexBuild(search);

  const all = [...QUERIES, ...TYPOS, ...SCOPED];
  const reps = (qs: string[], n: number) => Array.from({ length: n }, (_, i) => qs[i % qs.length]);
  // Steady state after 300 untimed queries, as in the 10,000-topic bench.
  const lookups = timeEach(reps(all, 2200), (q) => search.search(q, 5), 300);
  const exact = timeEach(reps(QUERIES, 600), (q) => search.search(q, 5), 0);
  const typo = timeEach(reps(TYPOS, 300), (q) => search.search(q, 5), 0);
  const scoped = timeEach(reps(SCOPED, 200), (q) => search.search(q, 5), 0);
  // CPU time of the same lookups: on a shared machine, wall time also counts waiting for a core.
  const lookupCpuMs = cpuMs(() => reps(all, 2200).forEach((q) => search.search(q, 5)));
  const naive = naiveSearch(repo);
  const base = timeEach(reps(QUERIES, 36), naive, 4);
  const p = (xs: number[]) => ({ p50: round(percentile(xs, 50)), p99: round(percentile(xs, 99)) });
  const mb = bytes / 1e6;
  return {
    documents: texts.length,
    topics: repo.topicCount(),
    megabytes: round(mb, 2),
    importMsPerMb: round(importMs / mb, 1),
    importCpuMsPerMb: round(importCpuMs / mb, 1),
    importPerDocumentMsPerMb: { p50: round(percentile(perMb, 50), 1), p90: round(percentile(perMb, 90), 1) },
    importBaselineMsPerMb: round(baselineMs / mb, 1),
    importRatioToBaseline: round(importMs / baselineMs, 1),
    indexBuildMs: round(indexBuildMs),
    firstQueryMs: round(firstQueryMs),
    lookup: p(lookups),
    lookupCpuMeanMs: round(lookupCpuMs / 2200),
    exact: p(exact),
    typo: p(typo),
    scoped: p(scoped),
    naiveBaseline: p(base),
    speedupP50: round(percentile(base, 50) / percentile(lookups, 50), 1),
    goal: 'lookup p50 < 1 ms, p99 < 5 ms; import < 200 ms per MB',
  };
}
