import { describe, expect, it } from 'vitest';
import { renderHtml, renderIrc, renderPlain } from '../../../src/core/formatting.ts';

describe('renderers', () => {
  const line = [{ bold: '[nova flamingo]' }, ' <b>x</b> & "y"', ' ', { link: 'https://example.org/a?b=1&c=2' }];
  it('plain text keeps the words and no markup', () => {
    expect(renderPlain(line)).toBe('[nova flamingo] <b>x</b> & "y" https://example.org/a?b=1&c=2');
  });
  it('IRC bolds with ^B and strips injected control characters', () => {
    expect(renderIrc([{ bold: 'x\r\nPRIVMSG #a :evil' }, ' y\u0000'])).toBe('\x02x PRIVMSG #a :evil\x02 y');
  });
  it('HTML escapes every text piece and only links http(s)', () => {
    expect(renderHtml(line)).toBe(
      '<b>[nova flamingo]</b> &lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot; <a href="https://example.org/a?b=1&amp;c=2">https://example.org/a?b=1&amp;c=2</a>',
    );
    expect(renderHtml([{ link: 'javascript:alert(1)' }])).toBe('javascript:alert(1)');
  });
});
