// Every document of the evaluation corpus's tuning half imports as a user would (no --project /
// --cycle) and splits into more than one topic where a reader sees sections.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { importFile } from '../../../src/ptg/importer.ts';
import { openDb } from '../../../src/store/db.ts';
import { PtgRepo } from '../../../src/ptg/repo.ts';

const dir = path.join(import.meta.dirname, '../../eval/corpus');
const docs = parseYaml(fs.readFileSync(path.join(dir, 'tune.documents.yaml'), 'utf8')) as { file: string; id: string; sections: string[] }[];

describe('tuning-half corpus documents', () => {
  it('has documents to check', () => expect(docs.length).toBeGreaterThanOrEqual(10));

  for (const doc of docs) {
    it(`${doc.file} imports, split into topics`, () => {
      const repo = new PtgRepo(openDb(':memory:'));
      const r = importFile(repo, path.join(dir, 'tune', doc.file), { id: doc.id });
      expect(r.split).toBeTruthy();
      if ((doc.sections ?? []).length > 1) expect(r.topics).toBeGreaterThan(1);
      else expect(r.topics).toBeGreaterThan(0);
    });
  }
});
