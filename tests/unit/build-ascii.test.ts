// The bundle is rewritten in ASCII (scripts/ascii.mjs) so V8 stores its sources at one byte per
// character: the rewritten code must mean what it meant.
import { describe, expect, it } from 'vitest';
import { asciiOnly } from '../../scripts/ascii.mjs';

/** What a snippet of code evaluates to, before and after the rewrite. */
const run = (js: string): unknown => new Function(`return (${js});`)();

const SNIPPETS = [
  String.raw`/^[-*+•]\s+/.test('• item')`,
  String.raw`'a – b'.replace(/\s[-–—]\s/g, '|')`,
  String.raw`/\•/.test('•')`,
  String.raw`/^(?:✅)\uFE0F?/u.exec('✅ done')[0]`,
  String.raw`/[\p{L} .'’-]{2,}/u.exec('O’Brien')[0]`,
  String.raw`/😀+/u.test('😀😀')`,
  String.raw`'\\—'`,
  String.raw`'\—'`,
  String.raw`'→ next'.length`,
  String.raw`((s, ...v) => s.join('|') + v.join(','))${'`'}also: ${'$'}{1} — ${'$'}{2} …${'`'}`,
  String.raw`new RegExp(String.raw${'`'}(?:’ll|'ll)${'`'}).test('we’ll')`,
  String.raw`((café) => café + 1)(1)`,
  String.raw`/* slot → topic id */ 7`,
];

describe('asciiOnly', () => {
  it.each(SNIPPETS)('%s means the same in ASCII', (js) => {
    const ascii = asciiOnly(js);
    expect(ascii).toMatch(/^[\x00-\x7f]*$/);
    expect(run(ascii)).toEqual(run(js));
  });

  it('leaves ASCII alone and keeps line separators (they end a // comment)', () => {
    const js = "const a = /x\\.y/; // ok\n'\\\\'";
    expect(asciiOnly(js)).toBe(js);
    expect(asciiOnly('1 // a\u2028b')).toBe('1 // a\u2028b');
  });
});
