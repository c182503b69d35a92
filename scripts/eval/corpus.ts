// Loads one half of the real-summary corpus and imports it the way a user would (no --project /
// --cycle), recording refusals, project/cycle detection and how many reader-visible sections
// start a topic. Nothing here may throw because of a document: a refusal is a result.
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { openDb } from '../../src/store/db.ts';
import { PtgRepo, type StoredTopic } from '../../src/ptg/repo.ts';
import { BUNDLED_DIR } from '../../src/ptg/bundled.ts';
import { importFile, importText, readSummaryFile } from '../../src/ptg/importer.ts';
import { parseSummary } from '../../src/ptg/parse/index.ts';

export const EVAL_DIR = path.resolve(import.meta.dirname, '../../tests/eval');
export const CORPUS_DIR = path.join(EVAL_DIR, 'corpus');

export interface CorpusDoc {
  file: string;
  id: string;
  /** Accepted answers, lower case; the first is the one passed when truth is given. */
  projects: string[];
  cycles: string[];
  shape: string;
  sections: string[];
}

export interface DocResult {
  doc: CorpusDoc;
  imported: boolean;
  refusal?: string;
  projectDetected?: string;
  cycleDetected?: string;
  projectOk: boolean;
  cycleOk: boolean;
  topics: number;
  /** Sections of doc.sections that no topic title starts with. */
  unmatchedSections: string[];
}

export interface LoadedHalf {
  name: string;
  docs: DocResult[];
  repo: PtgRepo;
  /** document id → accepted cycles, for this half's documents and the bundled distractors */
  cycles: Map<string, string[]>;
  /** document id → characters of all its topics' text (the focus rule's denominator) */
  docChars: Map<string, number>;
  /** document id → the largest share of its text one answering topic may hold (focus rule) */
  focusLimit: Map<string, number>;
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v : [v]).map((x) => String(x).toLowerCase());

export function readDocs(half: string, dir = CORPUS_DIR): CorpusDoc[] {
  const raw = parseYaml(fs.readFileSync(path.join(dir, `${half}.documents.yaml`), 'utf8')) as Record<string, unknown>[];
  return raw.map((d) => ({
    file: String(d.file),
    id: String(d.id),
    projects: list(d.project),
    cycles: list(d.cycle),
    shape: String(d.shape ?? ''),
    sections: ((d.sections as unknown[]) ?? []).map(String),
  }));
}

interface BundledDoc {
  file: string;
  project: string;
  cycle: string;
  id: string;
}
export function bundledDocs(): BundledDoc[] {
  return parseYaml(fs.readFileSync(path.join(EVAL_DIR, 'documents.yaml'), 'utf8')) as BundledDoc[];
}

/** Lower case, whitespace collapsed: how anchors and headings are compared. */
export function norm(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Letters and digits only, for heading comparison (numbering, emphasis and markers ignored). */
function words(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function topicText(t: { title: string; subtopics: string[]; body: string; decisions: string[] }): string {
  return [t.title, ...t.subtopics, t.body, ...t.decisions].join('\n');
}

/** A section starts a topic when a topic title holds it (or nearly all of it holds the title). */
export function sectionMatched(section: string, titles: string[]): boolean {
  const s = words(section);
  if (!s) return true;
  return titles.some((raw) => {
    const t = words(raw);
    return t.includes(s) || (t.length >= 0.6 * s.length && s.includes(t));
  });
}

function oneLine(msg: string): string {
  return msg.replace(/\s+/g, ' ').slice(0, 200);
}

/**
 * Imports every document of a half into a fresh database, with the bundled summaries as
 * distractors (imported with their known project and cycle, as a deployed bot holds them).
 * withTruth: pass the true project and cycle, as `cyclebot import --project --cycle` would.
 */
export function loadHalf(half: string, withTruth = false, dir = CORPUS_DIR): LoadedHalf {
  const repo = new PtgRepo(openDb(':memory:'));
  const cycles = new Map<string, string[]>();
  for (const b of bundledDocs()) {
    importFile(repo, path.join(BUNDLED_DIR, b.file), { project: b.project, cycle: b.cycle, id: b.id });
    cycles.set(b.id, [b.cycle.toLowerCase()]);
  }
  const docs: DocResult[] = [];
  for (const doc of readDocs(half, dir)) {
    cycles.set(doc.id, doc.cycles);
    const file = path.join(dir, half, doc.file);
    // The corpus files are named after the truth (project-cycle-shape): the parser sees only a
    // neutral name with the same extension, so detection is measured from the text alone.
    const shownName = `document${path.extname(doc.file)}`;
    const r: DocResult = { doc, imported: false, projectOk: false, cycleOk: false, topics: 0, unmatchedSections: [...doc.sections] };
    let text = '';
    try {
      text = readSummaryFile(file);
      const parsed = parseSummary(text, { filename: shownName });
      r.projectDetected = parsed.project;
      r.cycleDetected = parsed.cycle;
      r.projectOk = !!parsed.project && doc.projects.includes(parsed.project.toLowerCase());
      r.cycleOk = !!parsed.cycle && doc.cycles.includes(parsed.cycle.toLowerCase());
    } catch (err) {
      r.refusal = oneLine((err as Error).message);
    }
    if (!r.refusal) {
      try {
        const opts = withTruth ? { id: doc.id, project: doc.projects[0], cycle: doc.cycles[0] } : { id: doc.id };
        r.topics = importText(repo, text, shownName, opts).topics;
        r.imported = true;
      } catch (err) {
        r.refusal = oneLine((err as Error).message);
      }
    }
    if (r.imported) {
      const titles = repo.topicsOfDocument(doc.id).map((t: StoredTopic) => t.title);
      r.unmatchedSections = doc.sections.filter((s) => !sectionMatched(s, titles));
    }
    docs.push(r);
  }
  const docChars = new Map<string, number>();
  for (const d of repo.documents()) {
    docChars.set(
      d.id,
      repo.topicsOfDocument(d.id).reduce((n, t) => n + topicText(t).length, 0),
    );
  }
  const limits = new Map(docs.map((r) => [r.doc.id, focusLimit(sourceText(half, r.doc, dir), r.doc.sections)]));
  return { name: half, docs, repo, cycles, docChars, focusLimit: limits };
}

/**
 * How much of a document one answering topic may be: ~35 %, or the largest reader-visible
 * section's share of the source text from the first section on plus 15 % when sections are that uneven; no limit when a
 * reader sees one section. Shares come from where the headings occur in the source, in order;
 * when a heading cannot be found there, n sections are taken as even (1/n + 15 %).
 */
export function focusLimit(source: string, sections: string[]): number {
  if (sections.length <= 1) return 1;
  const starts: number[] = [];
  let from = 0;
  for (const s of sections) {
    const at = source.indexOf(norm(s), from);
    if (at < 0) return Math.max(0.35, 1 / sections.length + 0.15);
    starts.push(at);
    from = at + 1;
  }
  starts.push(source.length);
  // Shares of the text from the first section on: a mail's header, greeting and preamble are not
  // topics (or one small Overview), and the hit's share it is compared with is of the topics' text.
  const span = Math.max(source.length - starts[0], 1);
  let largest = 0;
  for (let i = 0; i < sections.length; i++) largest = Math.max(largest, (starts[i + 1] - starts[i]) / span);
  return Math.min(1, Math.max(0.35, largest + 0.15));
}

/** Raw source text of a document with markup crudely removed: to check that anchors exist. */
export function sourceText(half: string, doc: CorpusDoc, dir = CORPUS_DIR): string {
  let raw = '';
  try {
    raw = fs.readFileSync(path.join(dir, half, doc.file), 'utf8');
  } catch {
    return '';
  }
  const noTags = raw.replace(/<[^>]*>/g, ' ');
  const decoded = noTags.replace(
    /&(amp|lt|gt|quot|#39|nbsp);/g,
    (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' })[e] ?? ' ',
  );
  return norm(decoded);
}
