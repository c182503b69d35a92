import { describe, expect, it } from 'vitest';
import { sanitizeLine, splitUtf8, truncate, utf8Length } from '../../../src/core/text.ts';

describe('sanitizeLine', () => {
  it('removes CR, LF, NUL, CTCP and IRC formatting codes', () => {
    expect(sanitizeLine('hi\r\nQUIT :bye\u0000\u0001ACTION\u0001 \u0002b\u0002 \u00034red')).toBe('hi QUIT :bye ACTION b 4red');
  });
  it('replaces lone surrogates and bidi overrides', () => {
    expect(sanitizeLine('a\ud800b\u202ec')).toBe('a\ufffdb c');
  });
});

describe('splitUtf8', () => {
  it('keeps every chunk within the byte limit and never splits a code point', () => {
    const text = 'é🙂中'.repeat(200) + ' fin';
    const chunks = splitUtf8(text, 50);
    for (const c of chunks) {
      expect(utf8Length(c)).toBeLessThanOrEqual(50);
      expect(c).not.toMatch(/\ufffd/);
      expect(Buffer.from(c, 'utf8').toString('utf8')).toBe(c);
    }
    expect(chunks.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
  });
  it('prefers breaking at spaces', () => {
    expect(splitUtf8('aaaa bbbb cccc', 10)).toEqual(['aaaa bbbb', 'cccc']);
  });
  it('returns one empty chunk for empty text', () => {
    expect(splitUtf8('', 10)).toEqual(['']);
  });
});

describe('truncate', () => {
  it('cuts at a word and adds an ellipsis', () => {
    expect(truncate('the quick brown fox jumps', 16)).toBe('the quick brown…');
    expect(truncate('short', 16)).toBe('short');
  });
});
