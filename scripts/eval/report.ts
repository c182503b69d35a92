// Prints one evaluated half: aggregates always, individual misses only when allowed (never for the
// blind, fresh or holdout half unless its --show-<half>-misses flag is given).
import type { DocResult } from './corpus.ts';
import type { HalfSummary, Row } from './score.ts';

const pct = (n: number, d: number) => `${((100 * n) / Math.max(d, 1)).toFixed(1)}%`;
const frac = (n: number, d: number) => `${n}/${d} (${pct(n, d)})`;

export interface TruthLine {
  imported: number;
  documents: number;
  top1: number;
  top5: number;
  n: number;
}

export function printSummary(s: HalfSummary, truth?: TruthLine): void {
  console.log(`\n== ${s.half}: ${s.documents} documents, ${s.queries} queries ==`);
  console.log(`imported ${s.imported}, refused ${s.refused}`);
  console.log(`segmentation: ${frac(s.sectionsStartingTopic, s.sections)} reader-visible sections start a topic`);
  console.log(
    `detection: project ${frac(s.projectOk, s.documents)}, cycle ${frac(s.cycleOk, s.documents)} (from the text alone: each file is parsed as "document.<ext>", its real name carries the answer)`,
  );
  console.log('kind'.padEnd(15) + 'n'.padStart(4) + 'top-1'.padStart(9) + 'top-5'.padStart(9));
  for (const k of [...s.byKind, { kind: 'all', ...s.total }]) {
    console.log(k.kind.padEnd(15) + String(k.n).padStart(4) + pct(k.top1, k.n).padStart(9) + pct(k.top5, k.n).padStart(9));
  }
  console.log(`none precision: ${frac(s.none.empty, s.none.n)} no-answer queries answered with nothing`);
  console.log(`wrong cycle ranked first: ${s.wrongCycleFirst}`);
  if (s.anchorsMissingFromSource) console.log(`CORPUS ERROR: ${s.anchorsMissingFromSource} anchors are not in their document's text`);
  if (truth) {
    console.log(
      `(with --project/--cycle given: imported ${truth.imported}/${truth.documents}, top-1 ${pct(truth.top1, truth.n)}, top-5 ${pct(truth.top5, truth.n)})`,
    );
  }
}

export function printDetails(docs: DocResult[], rows: Row[], anchorProblems: string[]): void {
  const refused = docs.filter((d) => !d.imported);
  if (refused.length) {
    console.log('\nrefused:');
    for (const d of refused) console.log(`- ${d.doc.id}: ${d.refusal}`);
  }
  const detect = docs.filter((d) => !d.projectOk || !d.cycleOk);
  if (detect.length) {
    console.log('\ndetection misses:');
    for (const d of detect) {
      const parts: string[] = [];
      if (!d.projectOk) parts.push(`project ${d.projectDetected ?? 'none'} (want ${d.doc.projects.join('|')})`);
      if (!d.cycleOk) parts.push(`cycle ${d.cycleDetected ?? 'none'} (want ${d.doc.cycles.join('|')})`);
      console.log(`- ${d.doc.id}: ${parts.join(', ')}`);
    }
  }
  const seg = docs.filter((d) => d.unmatchedSections.length);
  if (seg.length) {
    console.log('\nsections that start no topic:');
    for (const d of seg) console.log(`- ${d.doc.id} (${d.topics} topics): ${d.unmatchedSections.join(' | ')}`);
  }
  for (const a of anchorProblems) console.log(`CORPUS ERROR: ${a}`);
  const misses = rows.filter((r) => !r.top1);
  if (misses.length) {
    console.log('\nnot first:');
    for (const m of misses) {
      const e = m.entry.expect;
      const want = e === 'none' ? 'none' : `${e.document} ~ "${e.anchor}"`;
      const extra = [m.top5 ? 'in top 5' : '', m.wrongCycleFirst ? 'wrong cycle first' : '', m.note ?? ''].filter(Boolean).join('; ');
      console.log(`- [${m.entry.kind}] "${m.entry.query}" want ${want}${extra ? ` (${extra})` : ''}; got ${m.got.slice(0, 3).join(' | ') || 'nothing'}`);
    }
  }
}
