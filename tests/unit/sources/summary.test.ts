// Where a summary URL is read from, and the message body cut out of archive pages.
import { describe, expect, it } from 'vitest';
import { messages, threadBase } from '../../../src/sources/hyperkitty-thread.ts';
import { elementWithClass, slug, summaryFromPage, summaryLocation } from '../../../src/sources/summary.ts';

describe('summaryLocation', () => {
  it('reads a pad through its text export, whatever form its URL takes', () => {
    expect(summaryLocation('https://etherpad.opendev.org/p/nova-indri-ptg')).toEqual({
      kind: 'etherpad',
      fetchUrl: 'https://etherpad.opendev.org/p/nova-indri-ptg/export/txt',
      pad: 'nova-indri-ptg',
    });
    expect(summaryLocation('https://etherpad.opendev.org/p/nova-indri-ptg/export/txt').fetchUrl).toBe(
      'https://etherpad.opendev.org/p/nova-indri-ptg/export/txt',
    );
    expect(summaryLocation('https://etherpad.opendev.org/p/r.8c1d%20ptg#L20')).toMatchObject({
      pad: 'r.8c1d ptg',
      fetchUrl: 'https://etherpad.opendev.org/p/r.8c1d%20ptg/export/txt',
    });
  });

  it('tells archives from other pages', () => {
    expect(summaryLocation('https://lists.openstack.org/archives/list/openstack-discuss@lists.openstack.org/thread/ABC/').kind).toBe('hyperkitty');
    expect(summaryLocation('https://lists.openstack.org/pipermail/openstack-discuss/2025-April/063113.html').kind).toBe('pipermail');
    expect(summaryLocation('https://ironic.example.org/2026/10/21/ironic-indri-ptg/').kind).toBe('html');
  });
});

describe('summaryFromPage', () => {
  it('takes the HyperKitty body by div depth, not up to the first </div>', () => {
    const html =
      '<div class="x"><h1>[nova] PTG</h1><div class="email email-first"><div class="email-body">one<div class="quoted-switch"><a>...</a></div><div class="quoted-text">&gt; q</div>two</div><div class="email-info">Reply</div></div></div>';
    expect(elementWithClass(html, 'email-body')).toBe('one<div class="quoted-switch"><a>...</a></div><div class="quoted-text">&gt; q</div>two');
    const page = summaryFromPage('hyperkitty', 'https://l.example/archives/list/x/message/ID/', html);
    expect(page.text).toBe('[nova] PTG\n\none\n> q\ntwo\n');
    expect(page.id).toBe('nova-ptg');
  });

  it('a page without a message body is one line why', () => {
    expect(() => summaryFromPage('hyperkitty', 'https://l.example/archives/list/x/message/ID/', '<html><body>Sign in</body></html>')).toThrow(
      /has no HyperKitty message body/,
    );
    expect(() => summaryFromPage('pipermail', 'https://l.example/pipermail/x/1.html', '<html><body>gone</body></html>')).toThrow(/has no pipermail message/);
  });

  it('ids: list tag and Re: dropped, safe characters only, bounded', () => {
    const p = summaryFromPage(
      'pipermail',
      'https://l.example/pipermail/x/1.html',
      '<H1>[openstack-discuss] Re: [all][tc] Gazpacho PTG: TC summary!</H1><PRE>body</PRE>',
    );
    expect(p.id).toBe('all-tc-gazpacho-ptg-tc-summary');
    expect(slug('x'.repeat(300))).toHaveLength(80);
    expect(slug('../../etc/passwd')).toBe('etc-passwd');
  });
});

describe('HyperKitty threads', () => {
  it('knows a thread URL from a message URL', () => {
    expect(threadBase('https://l.example/archives/list/d@l.example/thread/ABC123/')).toBe('https://l.example/archives/list/d@l.example/thread/ABC123/');
    expect(threadBase('https://l.example/archives/list/d@l.example/message/ABC123/')).toBeNull();
  });

  it('pairs each body with its author in one pass, however many messages a crafted page holds', () => {
    const one = (i: number) => `<div class="email-author"><span class="name">a${i % 3}</span></div><div class="email-body">b${i}</div>`;
    const html = Array.from({ length: 20_000 }, (_, i) => one(i)).join('');
    const t = performance.now();
    const all = messages(html);
    expect(performance.now() - t).toBeLessThan(2000);
    expect(all).toHaveLength(20_000);
    expect(all[4]).toEqual({ author: 'a1', body: 'b4' });
  });
});
