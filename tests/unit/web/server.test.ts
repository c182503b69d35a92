// The web server's safety: CSP header, escaped untrusted text, bounded query, rate limit per
// client address, and a generic error page with no detail of the failure.
import { afterEach, describe, expect, it } from 'vitest';
import { CSP } from '../../../src/web/server.ts';
import { MAX_QUERY_CHARS } from '../../../src/web/ptg-pages.ts';
import { importText } from '../../../src/ptg/importer.ts';
import { testSite } from './site.ts';

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

async function site(opts: Parameters<typeof testSite>[0] = {}) {
  const s = await testSite(opts);
  close = s.close;
  return s;
}

describe('web server', () => {
  it('sends a strict Content-Security-Policy: no script at all, style only from itself', async () => {
    const { server } = await site();
    const res = await server.inject('/ptg');
    expect(res.statusCode).toBe(200);
    const csp = res.headers['content-security-policy'];
    expect(csp).toBe("default-src 'none';style-src 'self';img-src 'self';form-action 'self';base-uri 'none';frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe|https:|\*/);
    expect(Object.keys(CSP)).not.toContain('script-src');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it("sends helmet's headers on every response: pages, assets, 404, 400, 429", async () => {
    const { server } = await site({ rateLimitPerMinute: 3 });
    const responses = [
      await server.inject('/ptg?q=eventlet'),
      await server.inject('/assets/style.css'),
      await server.inject('/nope'),
      await server.inject(`/ptg?q=${'a'.repeat(MAX_QUERY_CHARS + 1)}`),
      await server.inject('/ptg'),
    ];
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 404, 400, 429]);
    for (const r of responses) {
      expect(r.headers['content-security-policy']).toMatch(/^default-src 'none';/);
      expect(r.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
      });
      expect(r.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('serves its stylesheet from itself, and no page names another host for an asset', async () => {
    const { server } = await site();
    const css = await server.inject('/assets/style.css');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(css.body).toContain('prefers-color-scheme: dark');
    const body = (await server.inject('/ptg?q=eventlet')).body;
    expect(body).not.toMatch(/<(script|link|img)[^>]*(src|href)="(https?:)?\/\//i);
  });

  it('finds a topic with a typo, links its permalink, and the permalink shows its decisions', async () => {
    const { server } = await site();
    const res = await server.inject('/ptg?q=evenlet');
    expect(res.body).toContain('<a href="/ptg/nova-flamingo/0-eventlet-removal">Eventlet removal</a>');
    const topic = await server.inject('/ptg/nova-flamingo/0-eventlet-removal');
    expect(topic.statusCode).toBe(200);
    expect(topic.body).toContain('<li>threading mode becomes the default in the scheduler</li>');
    expect(topic.body).toContain('href="https://review.opendev.org/c/openstack/nova/+/900001"');
  });

  it('escapes summary text and the query wherever they appear', async () => {
    const { server } = await site();
    const res = await server.inject(`/ptg?q=${encodeURIComponent('<script>alert(1)</script> "quotes"')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>');
    expect(res.body).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt; &quot;quotes&quot;"');
    const outline = await server.inject('/ptg/nova-flamingo');
    expect(outline.body).toContain('Quotas &lt; limits &amp; &quot;quotes&quot; &lt;img src=x onerror=alert(1)');
    const topic = await server.inject('/ptg/nova-flamingo/1');
    expect(topic.body).toContain('<li>escape 1 &lt; 2 &amp;&amp; &quot;x&quot; &gt; y</li>');
    expect(topic.body).not.toMatch(/<script|<img/);
  });

  it('keeps a search page only until an import changes the documents', async () => {
    const { server, app } = await site();
    expect((await server.inject('/ptg?q=placement+quotas')).body).not.toContain('Unified limits');
    importText(
      app.repo,
      '# Nova 2026.1 Gazpacho PTG\n\n## Unified limits for placement quotas\n\nAGREED: move placement quotas to unified limits this cycle\n',
      'nova-gazpacho.md',
      { project: 'nova', cycle: 'gazpacho', id: 'nova-gazpacho' },
    );
    expect((await server.inject('/ptg?q=placement+quotas')).body).toContain('Unified limits for placement quotas');
  });

  it('says nothing found like the chat does', async () => {
    const { server } = await site();
    const res = await server.inject('/ptg?q=zzyzx');
    expect(res.body).toMatch(/<p class="nothing">nothing found for &quot;zzyzx&quot; in 1 PTG summary\. Try other words, or browse the summaries below\.<\/p>/);
  });

  it(`refuses a query longer than ${MAX_QUERY_CHARS} characters with a 400 page`, async () => {
    const { server } = await site();
    expect((await server.inject(`/ptg?q=${'a'.repeat(MAX_QUERY_CHARS)}`)).statusCode).toBe(200);
    const res = await server.inject(`/ptg?q=${'a'.repeat(MAX_QUERY_CHARS + 1)}`);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(`at most ${MAX_QUERY_CHARS} characters`);
  });

  it('rate-limits per client address with a plain 429 page', async () => {
    const { server } = await site({ rateLimitPerMinute: 3 });
    const from = (ip: string) => server.inject({ url: '/ptg', remoteAddress: ip });
    for (let i = 0; i < 3; i++) expect((await from('10.0.0.1')).statusCode).toBe(200);
    const limited = await from('10.0.0.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^text\/html/);
    expect(limited.body).toMatch(/Too many requests: try again in \d+ s\./);
    expect((await from('10.0.0.2')).statusCode).toBe(200);
  });

  it('shows one generic error page, the detail only in the log', async () => {
    const { server, lines } = await site({
      extra: (app) =>
        app.get('/boom', () => {
          throw new Error('secret detail at /home/x/db.ts:12');
        }),
    });
    const res = await server.inject('/boom');
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('Something went wrong on our side');
    expect(res.body).not.toMatch(/secret detail|db\.ts|at .*\(/);
    expect(lines.join('')).toContain('secret detail');
  });

  it('answers 404 with the same page for unknown paths, documents, topics and any write', async () => {
    const { server } = await site();
    expect((await server.inject({ method: 'POST', url: '/ptg', payload: 'q=x' })).statusCode).toBe(404);
    for (const url of ['/nope', '/ptg/no-such-doc', '/ptg/nova-flamingo/99-x', '/ptg/nova-flamingo/x']) {
      const res = await server.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).toContain('There is no such page here.');
    }
  });

  it("lists a person's topics across documents", async () => {
    const { server } = await site();
    const res = await server.inject('/people/gibi');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Eventlet removal');
    expect((await server.inject('/people/nobody')).statusCode).toBe(404);
  });
});
