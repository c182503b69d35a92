// The eval's own rules: refusals are counted (never fatal), headings match topic titles loosely,
// and the focus limit stops one whole-document topic from counting as an answer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { focusLimit, loadHalf, sectionMatched } from '../../../scripts/eval/corpus.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eval-corpus-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('eval corpus loading', () => {
  it('counts a refused document and still imports the others', () => {
    fs.mkdirSync(path.join(dir, 'half'));
    fs.writeFileSync(path.join(dir, 'half', 'empty.txt'), '   \n');
    fs.writeFileSync(path.join(dir, 'half', 'good.md'), '# [nova] Stein PTG summary\n\n## Runways\n\nWe keep doing runways.\n\n## Themes\n\nThemes stay.\n');
    fs.writeFileSync(
      path.join(dir, 'half.documents.yaml'),
      [
        '- {file: empty.txt, id: empty, project: nova, cycle: stein, shape: x, sections: [A]}',
        '- {file: good.md, id: good, project: nova, cycle: [stein, train], shape: x, sections: [Runways, Themes, Missing heading]}',
      ].join('\n'),
    );
    const half = loadHalf('half', true, dir);
    const empty = half.docs.find((d) => d.doc.id === 'empty')!;
    const good = half.docs.find((d) => d.doc.id === 'good')!;
    expect(empty.imported).toBe(false);
    expect(empty.refusal).toMatch(/empty/);
    expect(empty.unmatchedSections).toEqual(['A']);
    expect(good.imported).toBe(true);
    expect(good.unmatchedSections).toEqual(['Missing heading']);
    expect(half.cycles.get('good')).toEqual(['stein', 'train']);
  });
});

describe('eval matching rules', () => {
  it('matches a section to a decorated or numbered title, not to an unrelated one', () => {
    expect(sectionMatched('Ensure Share', ['*1. Ensure Share*'])).toBe(true);
    expect(sectionMatched('TC/UC Merge', ['TC UC merge'])).toBe(true);
    expect(sectionMatched('Ensure Share', ['v1 API'])).toBe(false);
    expect(sectionMatched('Availability Zone Support (Compute AZ Awareness)', ['Availability'])).toBe(false);
  });

  it('limits a topic to ~35 %, more for uneven sections, none for a single section', () => {
    expect(focusLimit('anything', ['only one'])).toBe(1);
    const even = 'alpha ' + 'x'.repeat(100) + ' beta ' + 'y'.repeat(100) + ' gamma ' + 'z'.repeat(100) + ' delta ' + 'w'.repeat(100);
    expect(focusLimit(even, ['alpha', 'beta', 'gamma', 'delta'])).toBeCloseTo(0.4, 1);
    const uneven = 'alpha ' + 'x'.repeat(700) + ' beta ' + 'y'.repeat(100);
    expect(focusLimit(uneven, ['alpha', 'beta'])).toBeGreaterThan(0.95);
    expect(focusLimit('no headings here at all', ['one', 'two', 'three'])).toBeCloseTo(1 / 3 + 0.15, 5);
    // A long header and greeting before the first section do not shrink the sections' shares.
    const preamble = 'From someone at example.org ' + 'v'.repeat(400) + ' alpha ' + 'x'.repeat(150) + ' beta ' + 'y'.repeat(50);
    expect(focusLimit(preamble, ['alpha', 'beta'])).toBeCloseTo(0.75 + 0.15, 1);
  });
});
