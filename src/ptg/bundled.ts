// The summaries shipped in data/ptg, listed in its manifest, imported into an empty database.
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { DATA_DIR } from '../paths.ts';
import type { PtgRepo } from './repo.ts';
import { importFile, type ImportResult } from './importer.ts';

export const BUNDLED_DIR = path.join(DATA_DIR, 'ptg');

interface ManifestEntry {
  file: string;
  project: string;
  cycle: string;
  id: string;
}

export function bundledSummaries(dir = BUNDLED_DIR): ManifestEntry[] {
  const raw = parseYaml(fs.readFileSync(path.join(dir, 'manifest.yaml'), 'utf8')) as ManifestEntry[];
  return raw.map((e) => ({ ...e, file: path.join(dir, e.file) }));
}

/** Imports every bundled summary when the database holds none; returns what was imported. */
export function seedIfEmpty(repo: PtgRepo, dir = BUNDLED_DIR): ImportResult[] {
  if (repo.documents().length > 0) return [];
  return bundledSummaries(dir).map((e) => importFile(repo, e.file, { project: e.project, cycle: e.cycle, id: e.id }));
}
