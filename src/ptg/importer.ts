// Reads a summary file, parses it and replaces the stored document in one transaction.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PtgRepo } from './repo.ts';
import { UserError } from '../errors.ts';
import { releaseOf } from './lexicon.ts';
import { parseSummary, SummaryParseError } from './parse/index.ts';
import type { ParsedSummary } from './types.ts';
import { documentVocabulary } from './vocabulary.ts';

export interface ImportOptions {
  project?: string;
  cycle?: string;
  id?: string;
}

export interface ImportResult {
  id: string;
  project: string;
  cycle: string;
  release: string | null;
  format: string;
  /** Which rule split the text into topics ("bare topic lines"), so a bad split is visible. */
  split: string | null;
  /** What the text did not say and no option gave: stored as 'unknown'. */
  unknown: ('project' | 'cycle')[];
  topics: number;
  decisions: number;
}

/** Stored project or cycle of a summary that names none. */
export const UNKNOWN = 'unknown';

const MAX_FILE_BYTES = 5 * 1024 * 1024;

export function readSummaryFile(file: string): string {
  let buf: Buffer;
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) throw new UserError(`cannot import ${file}: it is a directory`);
    if (st.size > MAX_FILE_BYTES) throw new UserError(`cannot import ${file}: ${st.size} bytes is over the ${MAX_FILE_BYTES}-byte limit`);
    buf = fs.readFileSync(file);
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message}`);
  }
  if (buf.includes(0)) throw new UserError(`cannot import ${file}: it looks like a binary file, not a text summary`);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buf);
  const bad = (text.match(/\ufffd/g) ?? []).length;
  if (bad > 0 && bad > text.length / 100) throw new UserError(`cannot import ${file}: it is not UTF-8 text`);
  return text.replace(/^\ufeff/, '');
}

/**
 * opts.source: where the text came from (a URL), stored with the document; default the file name.
 * opts.importedAt: the import time to store (default now; a live source stores its refresh time).
 */
export function importText(repo: PtgRepo, text: string, filename: string, opts: ImportOptions & { source?: string; importedAt?: number } = {}): ImportResult {
  let parsed: ParsedSummary;
  try {
    // Given both, what the text says of its project and cycle is not used: not looked for.
    parsed = parseSummary(text, { filename, context: !(opts.project && opts.cycle) });
  } catch (err) {
    if (err instanceof SummaryParseError) throw new UserError(err.message);
    throw err;
  }
  const id = opts.id ?? path.basename(filename).replace(/\.[^.]+$/, '');
  return importParsed(repo, parsed, { ...opts, id, source: opts.source ?? path.basename(filename), sourceHash: hashText(text) });
}

/** Stores an already parsed summary; project and cycle come from opts or the text. */
export function importParsed(
  repo: PtgRepo,
  parsed: ParsedSummary,
  opts: ImportOptions & { id: string; source?: string; sourceHash?: string; importedAt?: number },
): ImportResult {
  const { id } = opts;
  if (!/^[\w.-]{1,100}$/.test(id)) throw new UserError(`invalid document id "${id}": use letters, digits, '.', '_' or '-'`);
  // A summary whose text names no project or cycle is still imported (its topics answer
  // questions); it is stored under 'unknown' and the import says so, so it can be re-imported.
  const detectedProject = (opts.project ?? parsed.project)?.toLowerCase();
  const detectedCycle = (opts.cycle ?? parsed.cycle)?.toLowerCase();
  const unknown = [...(detectedProject ? [] : ['project' as const]), ...(detectedCycle ? [] : ['cycle' as const])];
  const project = detectedProject ?? UNKNOWN;
  const cycle = detectedCycle ?? UNKNOWN;
  const source = opts.source ?? id;
  const release = releaseOf(cycle) ?? (opts.cycle ? null : (parsed.release ?? null));
  const vocab = documentVocabulary(parsed.topics);
  repo.replaceDocument(
    {
      id,
      project,
      cycle,
      release,
      format: parsed.format,
      split: parsed.split ?? null,
      source,
      source_hash: opts.sourceHash ?? null,
      imported_at: opts.importedAt,
    },
    parsed.topics,
    vocab,
  );
  return {
    id,
    project,
    cycle,
    release,
    format: parsed.format,
    split: parsed.split ?? null,
    unknown,
    topics: parsed.topics.length,
    decisions: parsed.topics.reduce((n, t) => n + t.decisions.length, 0),
  };
}

export function importFile(repo: PtgRepo, file: string, opts: ImportOptions = {}): ImportResult {
  return importText(repo, readSummaryFile(file), file, opts);
}

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Imports a file only when its text differs from what is stored under the same id. */
export function importFileIfChanged(repo: PtgRepo, file: string, opts: ImportOptions = {}): ImportResult | null {
  const text = readSummaryFile(file);
  const id = opts.id ?? path.basename(file).replace(/\.[^.]+$/, '');
  if (repo.document(id)?.source_hash === hashText(text)) return null;
  return importText(repo, text, file, { ...opts, id });
}
