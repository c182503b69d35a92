// Scores the corpus queries of one half: a hit is right when it is from the expected document,
// its topic holds the anchor phrase and the topic is focused (not most of the document).
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { PtgSearch, type Hit } from '../../src/ptg/search.ts';
import { CORPUS_DIR, norm, topicText, type LoadedHalf } from './corpus.ts';

export interface Expect {
  document: string;
  anchor: string;
  title?: string;
}

export interface QueryEntry {
  query: string;
  kind: string;
  expect: 'none' | Expect;
}

export interface Row {
  entry: QueryEntry;
  top1: boolean;
  top5: boolean;
  /** For answerable queries: the first hit is from a document of another cycle. */
  wrongCycleFirst: boolean;
  got: string[];
  /** Why the best same-document hit did not count, when there was one. */
  note?: string;
}

export function readQueries(half: string): QueryEntry[] {
  return parseYaml(fs.readFileSync(path.join(CORPUS_DIR, `${half}.queries.yaml`), 'utf8')) as QueryEntry[];
}

function verdict(h: Hit, want: Expect, half: LoadedHalf): 'ok' | 'other-doc' | 'no-anchor' | 'unfocused' {
  if (h.document !== want.document) return 'other-doc';
  const text = topicText({ title: h.topic, subtopics: h.subtopics, body: h.body, decisions: h.decisions });
  if (!norm(text).includes(norm(want.anchor))) return 'no-anchor';
  const total = half.docChars.get(h.document) ?? text.length;
  if (text.length > (half.focusLimit.get(h.document) ?? 1) * total) return 'unfocused';
  return 'ok';
}

export function scoreHalf(half: LoadedHalf, entries: QueryEntry[]): Row[] {
  const search = new PtgSearch(half.repo);
  return entries.map((entry) => {
    const hits = search.search(entry.query, 5).hits;
    const got = hits.map((h) => `${h.document}: ${h.topic}`);
    if (entry.expect === 'none') {
      return { entry, top1: hits.length === 0, top5: hits.length === 0, wrongCycleFirst: false, got };
    }
    const want = entry.expect;
    const verdicts = hits.map((h) => verdict(h, want, half));
    const wantCycles = half.cycles.get(want.document) ?? [];
    const firstCycles = hits.length ? (half.cycles.get(hits[0].document) ?? [hits[0].cycle]) : [];
    const wrongCycleFirst = hits.length > 0 && !firstCycles.some((c) => wantCycles.includes(c));
    const sameDoc = verdicts.find((v) => v !== 'other-doc' && v !== 'ok');
    return {
      entry,
      top1: verdicts[0] === 'ok',
      top5: verdicts.includes('ok'),
      wrongCycleFirst,
      got,
      ...(sameDoc && !verdicts.includes('ok')
        ? { note: sameDoc === 'unfocused' ? 'hit holds the anchor but is too much of the document' : 'same document, but the topic lacks the anchor' }
        : {}),
    };
  });
}

export interface KindLine {
  kind: string;
  n: number;
  top1: number;
  top5: number;
}

export interface HalfSummary {
  half: string;
  documents: number;
  imported: number;
  refused: number;
  sections: number;
  sectionsStartingTopic: number;
  projectOk: number;
  cycleOk: number;
  queries: number;
  byKind: KindLine[];
  total: { n: number; top1: number; top5: number };
  none: { n: number; empty: number };
  wrongCycleFirst: number;
  anchorsMissingFromSource: number;
}

export const KIND_ORDER = ['exact', 'typo', 'acronym', 'person', 'identifier', 'question', 'project-cycle', 'none'];

export function summarize(half: LoadedHalf, rows: Row[], anchorsMissing: number): HalfSummary {
  const kinds = [...new Set([...KIND_ORDER.filter((k) => rows.some((r) => r.entry.kind === k)), ...rows.map((r) => r.entry.kind)])];
  const byKind = kinds.map((kind) => {
    const rs = rows.filter((r) => r.entry.kind === kind);
    return { kind, n: rs.length, top1: rs.filter((r) => r.top1).length, top5: rs.filter((r) => r.top5).length };
  });
  const none = rows.filter((r) => r.entry.expect === 'none');
  const sections = half.docs.reduce((n, d) => n + d.doc.sections.length, 0);
  const unmatched = half.docs.reduce((n, d) => n + d.unmatchedSections.length, 0);
  return {
    half: half.name,
    documents: half.docs.length,
    imported: half.docs.filter((d) => d.imported).length,
    refused: half.docs.filter((d) => !d.imported).length,
    sections,
    sectionsStartingTopic: sections - unmatched,
    projectOk: half.docs.filter((d) => d.projectOk).length,
    cycleOk: half.docs.filter((d) => d.cycleOk).length,
    queries: rows.length,
    byKind,
    total: { n: rows.length, top1: rows.filter((r) => r.top1).length, top5: rows.filter((r) => r.top5).length },
    none: { n: none.length, empty: none.filter((r) => r.top1).length },
    wrongCycleFirst: rows.filter((r) => r.wrongCycleFirst).length,
    anchorsMissingFromSource: anchorsMissing,
  };
}
