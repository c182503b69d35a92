import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../src/render/html.ts';

describe('HTML renderer', () => {
  const line = [{ bold: '[nova flamingo]' }, ' <b>x</b> & "y"', ' ', { link: 'https://example.org/a?b=1&c=2' }];
  it('escapes every text piece and only links http(s)', () => {
    expect(renderHtml(line)).toBe(
      '<b>[nova flamingo]</b> &lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot; <a href="https://example.org/a?b=1&amp;c=2">https://example.org/a?b=1&amp;c=2</a>',
    );
    expect(renderHtml([{ link: 'javascript:alert(1)' }])).toBe('javascript:alert(1)');
  });
});
