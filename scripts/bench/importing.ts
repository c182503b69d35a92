// Import throughput: 1 MB of summary text parsed, indexed and committed, against reading it.
import { openDb } from '../../src/store/db.ts';
import { PtgRepo } from '../../src/ptg/repo.ts';
import { importText } from '../../src/ptg/importer.ts';
import { summaryText } from './corpus.ts';
import { cpuMs, percentile, round, timeEach } from './stats.ts';

export function benchImport() {
  const text = summaryText(1_000_000);
  const bytes = Buffer.byteLength(text);
  const repo = new PtgRepo(openDb(':memory:'));
  // Fresh imports (new ids), then replacing an existing id (which also deletes its old index rows).
  const times = timeEach([0, 1, 2, 3, 4], (i) => importText(repo, text, `big-${i}.txt`, { project: 'nova', cycle: 'flamingo' }), 1);
  const replace = timeEach([0, 1, 2], (i) => importText(repo, text, `big-${i}.txt`, { project: 'nova', cycle: 'flamingo' }), 0);
  // Without --project/--cycle, the text is also searched for its project and cycle.
  const detecting = timeEach([5, 6, 7], (i) => importText(repo, text, `big-${i}.txt`), 0);
  // CPU time of the same three kinds of import: on a shared machine, wall time also counts waiting for a core.
  const cpu = (ids: number[], opts: { project?: string; cycle?: string }) =>
    percentile(
      ids.map((i) => cpuMs(() => importText(repo, text, `big-${i}.txt`, opts))).sort((a, b) => a - b),
      50,
    );
  const given = { project: 'nova', cycle: 'flamingo' };
  const cpuFresh = cpu([10, 11, 12, 13, 14], given);
  const cpuReplace = cpu([10, 11, 12], given);
  const cpuDetecting = cpu([15, 16, 17], {});
  // Baseline: the cost of only splitting the same text into lines and lower-casing it.
  const base = timeEach([0, 1, 2, 3, 4], () => text.toLowerCase().split('\n').length, 1);
  const median = percentile(times, 50);
  return {
    bytes,
    topics: repo.topicsOfDocument('big-0').length,
    medianMs: round(median, 1),
    replaceMedianMs: round(percentile(replace, 50), 1),
    detectingMedianMs: round(percentile(detecting, 50), 1),
    mbPerSecond: round(bytes / 1e6 / (median / 1000), 2),
    cpuMs: { fresh: round(cpuFresh, 1), replace: round(cpuReplace, 1), detecting: round(cpuDetecting, 1) },
    baselineSplitMs: round(percentile(base, 50), 2),
    ratioToBaseline: round(median / percentile(base, 50), 1),
    goal: '< 200 ms for 1 MB',
  };
}
