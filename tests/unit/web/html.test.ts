// The template tag escapes every value unless it is a template result; hrefs only http(s) or local.
import { describe, expect, it } from 'vitest';
import { href, markup } from '../../../src/web/html.ts';

describe('markup template', () => {
  it('escapes interpolated text, attributes included', () => {
    const evil = `<script>alert("x")</script>'&`;
    expect(markup`<p title="${evil}">${evil}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;</p>',
    );
  });

  it('keeps nested template results and joins arrays, each element escaped', () => {
    const items = ['<a>', 'b&'].map((x) => markup`<li>${x}</li>`);
    expect(markup`<ul>${items}</ul>`.value).toBe('<ul><li>&lt;a&gt;</li><li>b&amp;</li></ul>');
    expect(markup`${['<i>', 1, null, undefined, false]}`.value).toBe('&lt;i&gt;1');
  });

  it('lets only http(s) and local paths into an href', () => {
    expect(href('https://review.opendev.org/c/1')).toBe('https://review.opendev.org/c/1');
    expect(href('/ptg/x')).toBe('/ptg/x');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', '//evil.example/x', 'https://a b', 'vbscript:x']) expect(href(bad)).toBe('#');
  });
});
