import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexable, words } from '../../../src/ptg/words.ts';

// The straightforward splitter (whole text normalised, one regex split): the fast one must equal it.
function reference(text: string): string[] {
  const folded = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  return folded
    .split(/[^\p{L}\p{N}_]+/u)
    .flatMap((w) => w.match(/[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]+|[^\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]+/gu) ?? [])
    .map((w) => w.replace(/^_+|_+$/g, ''))
    .filter((w) => w.length > 0);
}

describe('words', () => {
  it('splits, lower-cases and folds like the FTS5 tokenizer', () => {
    expect(words('Eventlet-removal: _emphasis_ __init__ Café ✅ Gibi’s SEV-SNP')).toEqual([
      'eventlet',
      'removal',
      'emphasis',
      'init',
      'cafe',
      'gibi',
      's',
      'sev',
      'snp',
    ]);
  });

  it('ends a word where Chinese, Japanese or Korean script starts or stops', () => {
    expect(words('Keystone提出了global roles的概念，Nova的VM APIs')).toEqual(['keystone', '提出了', 'global', 'roles', '的概念', 'nova', '的', 'vm', 'apis']);
    expect(words('Heatのstack_update機能とv2 API')).toEqual(['heat', 'の', 'stack_update', '機能と', 'v2', 'api']);
  });

  it('equals the whole-text reference on mixed ASCII and Unicode text', () => {
    const odd = [
      '提',
      'の',
      'カ',
      '한',
      'Σ',
      'ΑΣ',
      'ΑΣ.Α',
      'ς',
      '℅',
      'ﬁ',
      'İ',
      '\u212a',
      '①',
      '½',
      'é',
      'e\u0301',
      '\u0301',
      'Ⅻ',
      'Ａ',
      'ß',
      'ǅ',
      '😀',
      '\ud83d',
      '—',
      '✅',
      '\ufeff',
      '\u00a0',
    ];
    const unit = fc.oneof(fc.constantFrom(..."aZ9_ .-:'\n\t(/"), fc.constantFrom(...odd));
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(words(text)).toEqual(reference(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('leaves text without underscores to the index as it is', () => {
    expect(indexable('no underscores — ✅')).toBe('no underscores — ✅');
    expect(indexable('_emphasis_ and snake_case')).toBe(' emphasis  and snake_case');
  });
});
