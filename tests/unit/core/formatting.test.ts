import { describe, expect, it } from 'vitest';
import { renderPlain } from '../../../src/core/formatting.ts';

describe('plain renderer', () => {
  const line = [{ bold: '[nova flamingo]' }, ' <b>x</b> & "y"', ' ', { link: 'https://example.org/a?b=1&c=2' }];
  it('plain text keeps the words and no markup', () => {
    expect(renderPlain(line)).toBe('[nova flamingo] <b>x</b> & "y" https://example.org/a?b=1&c=2');
  });
});
