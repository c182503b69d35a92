// fetchSource against a loopback node:http server: redirects, size cap, timeout, retries, 304.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSource, SourceError, type SourceHttpOptions } from '../../../src/sources/http.ts';
import { rejection } from '../../helpers/rejection.ts';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const routes = new Map<string, Handler>();
const seen: http.IncomingHttpHeaders[] = [];
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(req.headers);
    const h = routes.get(req.url ?? '');
    if (h) return h(req, res);
    res.writeHead(404).end('no');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const opts = (o: Partial<SourceHttpOptions> = {}): SourceHttpOptions => ({
  userAgent: 'cyclebot/test (+https://example.org)',
  timeoutMs: 2000,
  retries: 2,
  sleep: async () => undefined,
  ...o,
});
const failure = (p: Promise<unknown>) => rejection(p, SourceError);

describe('fetchSource', () => {
  it('reads a page with the User-Agent, no credentials, and remembers its validators', async () => {
    routes.set('/page', (_q, s) =>
      s.writeHead(200, { 'content-type': 'text/plain', etag: '"v1"', 'last-modified': 'Thu, 03 Dec 2026 10:00:00 GMT' }).end('hello'),
    );
    seen.length = 0;
    const r = await fetchSource(`${base}/page`, opts());
    expect(r).toMatchObject({ status: 'ok', text: 'hello', etag: '"v1"', lastModified: 'Thu, 03 Dec 2026 10:00:00 GMT' });
    expect(seen[0]['user-agent']).toBe('cyclebot/test (+https://example.org)');
    expect(seen[0].cookie).toBeUndefined();
    expect(seen[0].authorization).toBeUndefined();
  });

  it('sends If-None-Match / If-Modified-Since and reports a 304 as not modified', async () => {
    routes.set('/cond', (q, s) => {
      if (q.headers['if-none-match'] === '"v1"') return s.writeHead(304, { etag: '"v1"' }).end();
      s.writeHead(200, { etag: '"v1"' }).end('body');
    });
    routes.set('/cond-date', (q, s) => {
      if (q.headers['if-modified-since'] === 'Thu, 03 Dec 2026 10:00:00 GMT') return s.writeHead(304).end();
      s.writeHead(200).end('body');
    });
    expect(await fetchSource(`${base}/cond`, opts(), { etag: '"v1"' })).toEqual({ status: 'not-modified', url: `${base}/cond` });
    expect(await fetchSource(`${base}/cond-date`, opts(), { lastModified: 'Thu, 03 Dec 2026 10:00:00 GMT' })).toMatchObject({ status: 'not-modified' });
    expect(await fetchSource(`${base}/cond`, opts(), { etag: '"v0"' })).toMatchObject({ status: 'ok', text: 'body' });
  });

  it('follows http redirects, refuses one to another scheme and stops after five hops', async () => {
    routes.set('/moved', (_q, s) => s.writeHead(301, { location: '/page' }).end());
    routes.set('/to-file', (_q, s) => s.writeHead(302, { location: 'file:///etc/passwd' }).end());
    routes.set('/to-ftp', (_q, s) => s.writeHead(307, { location: 'ftp://example.org/x' }).end());
    routes.set('/loop', (_q, s) => s.writeHead(302, { location: '/loop' }).end());
    expect(await fetchSource(`${base}/moved`, opts())).toMatchObject({ status: 'ok', text: 'hello', url: `${base}/page` });
    const file = await failure(fetchSource(`${base}/to-file`, opts()));
    expect(file.kind).toBe('redirect');
    expect(file.message).toBe('refused a redirect from 127.0.0.1:' + new URL(base).port + ' to a file:// URL');
    expect((await failure(fetchSource(`${base}/to-ftp`, opts()))).kind).toBe('redirect');
    expect((await failure(fetchSource(`${base}/loop`, opts()))).message).toMatch(/redirected more than 5 times/);
  });

  it('refuses a body over the cap while it streams, in one line', async () => {
    let written = 0;
    routes.set('/huge', (_q, s) => {
      // No Content-Length: the cap must hold on the stream itself.
      s.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (written < 50 * 1024 * 1024 && !s.destroyed) {
          written += chunk.length;
          if (!s.write(chunk)) return void s.once('drain', pump);
        }
        s.end();
      };
      s.on('close', () => undefined);
      pump();
    });
    routes.set('/declared', (_q, s) => s.writeHead(200, { 'content-length': String(6 * 1024 * 1024) }).end(Buffer.alloc(6 * 1024 * 1024)));
    const e = await failure(fetchSource(`${base}/huge`, opts()));
    expect(e.kind).toBe('too-large');
    expect(e.message).toBe('127.0.0.1:' + new URL(base).port + '/huge is over the 5 MB limit; not read');
    expect(e.message).not.toMatch(/\n/);
    expect(written).toBeLessThan(20 * 1024 * 1024); // stopped reading, did not swallow 50 MB
    expect((await failure(fetchSource(`${base}/declared`, opts()))).kind).toBe('too-large');
    expect((await failure(fetchSource(`${base}/page`, opts({ maxBytes: 3 })))).message).toMatch(/over the 3-byte limit/);
  });

  it('gives up on a slow source after the timeout, without retrying it', async () => {
    let hits = 0;
    routes.set('/slow', (_q, s) => {
      hits++;
      s.writeHead(200);
      s.write('partial'); // headers and a little body, then nothing
    });
    const e = await failure(fetchSource(`${base}/slow`, opts({ timeoutMs: 300 })));
    expect(e.kind).toBe('timeout');
    expect(e.message).toMatch(/did not answer within 300 ms/);
    expect(hits).toBe(1);
  });

  it('retries a 5xx a bounded number of times, then fails in one line', async () => {
    let hits = 0;
    routes.set('/flaky', (_q, s) => (++hits < 3 ? s.writeHead(503).end('busy') : s.writeHead(200).end('ok')));
    routes.set('/down', (_q, s) => s.writeHead(500).end('down'));
    const waits: number[] = [];
    expect(await fetchSource(`${base}/flaky`, opts({ sleep: async (ms) => void waits.push(ms), random: () => 0 }))).toMatchObject({ text: 'ok' });
    expect(waits).toEqual([500, 1000]);
    hits = 0;
    routes.set('/down', (_q, s) => {
      hits++;
      s.writeHead(500).end('down');
    });
    const e = await failure(fetchSource(`${base}/down`, opts()));
    expect(e.message).toBe(`127.0.0.1:${new URL(base).port} is unavailable (500) for /down`);
    expect(hits).toBe(3);
    expect((await failure(fetchSource(`${base}/nothing`, opts()))).kind).toBe('not-found');
  });

  it('refuses other schemes and URLs carrying credentials before sending anything', async () => {
    expect((await failure(fetchSource('file:///etc/passwd', opts()))).kind).toBe('refused');
    expect((await failure(fetchSource(`http://user:pw@127.0.0.1:1/x`, opts()))).message).toMatch(/sends no credentials/);
  });

  it("waits a 503's Retry-After instead of the backoff, and gives up on one longer than it waits", async () => {
    let calls = 0;
    routes.set('/busy', (_q, s) => (++calls === 1 ? s.writeHead(503, { 'retry-after': '7' }).end() : s.writeHead(200).end('fine')));
    routes.set('/busy-long', (_q, s) => s.writeHead(503, { 'retry-after': '3600' }).end());
    const waits: number[] = [];
    expect(await fetchSource(`${base}/busy`, opts({ sleep: async (ms) => void waits.push(ms) }))).toMatchObject({ status: 'ok', text: 'fine' });
    expect(waits).toEqual([7000]);
    waits.length = 0;
    expect((await failure(fetchSource(`${base}/busy-long`, opts({ sleep: async (ms) => void waits.push(ms) })))).kind).toBe('unavailable');
    expect(waits).toEqual([]);
  });
});
