// The import records which rule split a document (migration 5), so a bad split stays visible.
import { describe, expect, it } from 'vitest';
import { importText } from '../../../src/ptg/importer.ts';
import { openDb } from '../../../src/store/db.ts';
import { PtgRepo } from '../../../src/ptg/repo.ts';

describe('import split rule', () => {
  it('is returned and stored with the document', () => {
    const repo = new PtgRepo(openDb(':memory:'));
    const r = importText(repo, 'Gate status\nThe gate was red for a week.\n\nSpec reviews\nEleven specs were approved.\n', 'octavia-zed.txt');
    expect([r.project, r.cycle, r.split, r.topics]).toEqual(['octavia', 'zed', 'bare topic lines', 2]);
    expect(repo.document('octavia-zed')?.split).toBe('bare topic lines');
    importText(repo, '## Gate\ntext\n', 'octavia-zed.md');
    expect(repo.document('octavia-zed')?.split).toBe('Markdown headings');
  });
});
