import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance } from '../../../src/ptg/words.ts';

// The textbook optimal-string-alignment distance, unbounded: the reference the fast one must equal.
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

describe('editDistance', () => {
  it('knows typos', () => {
    expect(editDistance('evenlet', 'eventlet', 2)).toBe(1);
    expect(editDistance('vtmp', 'vtpm', 2)).toBe(1);
    expect(editDistance('placment', 'placement', 2)).toBe(1);
    expect(editDistance('confidental', 'confidential', 2)).toBe(1);
    expect(editDistance('hypervisr', 'hypervisor', 1)).toBe(1);
    expect(editDistance('abcd', 'wxyz', 2)).toBe(3);
  });

  it('equals the textbook distance up to the bound, on random and accented words', () => {
    const word = fc.string({ unit: fc.constantFrom(...'abcdeé_1'), maxLength: 12 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        const want = reference(a, b);
        expect(editDistance(a, b, max)).toBe(want <= max ? want : max + 1);
      }),
      { numRuns: 5000 },
    );
  });

  it('is not thrown off by a longer word seen before (reused rows)', () => {
    expect(editDistance('x'.repeat(200), 'x'.repeat(199) + 'y', 2)).toBe(1);
    expect(editDistance('ab', 'ba', 1)).toBe(1);
  });
});
