import { describe, expect, it } from 'vitest';
import { mdEscape } from '../../../src/triage/report.ts';

describe('mdEscape (Markdown report cells)', () => {
  it('leaves ordinary punctuation as written (what an etherpad shows verbatim)', () => {
    expect(mdEscape('Resize fails (case 13) for *all* [flavors] #tag <b> _x_ !')).toBe('Resize fails (case 13) for *all* [flavors] #tag <b> _x_ !');
  });

  it('escapes what breaks a table row: pipes, backslashes; newlines become spaces', () => {
    expect(mdEscape('a | b \\ c\nd\r\ne')).toBe('a \\| b \\\\ c d e');
  });
});
