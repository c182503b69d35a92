import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextHop, request, type RequestParams, type Response } from '../../../../src/transports/matrix/http.ts';

let server: http.Server;
let base = '';
// A second origin (another port) that a redirect may point at.
let other: http.Server;
let otherBase = '';
const otherSeen: { url: string; headers: http.IncomingHttpHeaders }[] = [];
const seen: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      if (req.url!.startsWith('/moved')) return res.writeHead(302, { location: '/json?after=redirect' }).end();
      if (req.url!.startsWith('/away')) return res.writeHead(307, { location: `${otherBase}/landing?access_token=secret&keep=1` }).end();
      if (req.url!.startsWith('/slow')) return; // never answers
      if (req.url!.startsWith('/limited'))
        return res.writeHead(429, { 'content-type': 'application/json' }).end('{"errcode":"M_LIMIT_EXCEEDED","retry_after_ms":5}');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: 'é' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  other = http.createServer((req, res) => {
    otherSeen.push({ url: req.url!, headers: req.headers });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
  otherBase = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});
afterAll(() => {
  other.closeAllConnections();
  other.close();
  server.closeAllConnections();
  server.close();
});

const call = (params: RequestParams) =>
  new Promise<{ err: (Error & { code?: string }) | null; res?: Response; body?: string | Buffer }>((resolve) =>
    request(params, (err, res, body) => resolve({ err, res, body })),
  );

describe('the request-compatible HTTP client given to matrix-bot-sdk', () => {
  it('sends method, headers, body and a query string with repeated arrays', async () => {
    const { err, res, body } = await call({
      uri: `${base}/json?x=1`,
      method: 'PUT',
      qs: { since: 's 1', a: ['1', '2'] },
      headers: { 'Content-Type': 'application/json' },
      body: '{"b":"ü"}',
    });
    expect(err).toBeNull();
    expect(res!.statusCode).toBe(200);
    expect(body).toBe('{"ok":"é"}');
    expect(res!.body).toBe(body);
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ method: 'PUT', url: '/json?x=1&since=s%201&a=1&a=2', body: '{"b":"ü"}' });
    expect(last.headers['content-length']).toBe(String(Buffer.byteLength('{"b":"ü"}')));
  });

  it('returns a Buffer when encoding is null', async () => {
    const { body } = await call({ uri: `${base}/json`, encoding: null });
    expect(Buffer.isBuffer(body)).toBe(true);
  });

  it('hands a non-2xx answer back as a response, not an error', async () => {
    const { err, res } = await call({ uri: `${base}/limited`, method: 'POST', body: '{}' });
    expect(err).toBeNull();
    expect(res!.statusCode).toBe(429);
    expect(JSON.parse(res!.body as string).retry_after_ms).toBe(5);
  });

  it('follows a redirect for GET', async () => {
    const { res } = await call({ uri: `${base}/moved` });
    expect(res!.statusCode).toBe(200);
    expect(seen.at(-1)!.url).toBe('/json?after=redirect');
  });

  it('times out with ETIMEDOUT and reports refused connections', async () => {
    expect((await call({ uri: `${base}/slow`, timeout: 100 })).err?.code).toBe('ETIMEDOUT');
    expect((await call({ uri: 'http://127.0.0.1:1/x' })).err?.code).toBe('ECONNREFUSED');
  });

  it('keeps the access token on a same-origin redirect', async () => {
    await call({ uri: `${base}/moved`, headers: { Authorization: 'Bearer secret' } });
    expect(seen.at(-1)!.headers.authorization).toBe('Bearer secret');
  });

  it('drops the access token (header and query) when a redirect changes origin', async () => {
    const { res } = await call({ uri: `${base}/away`, headers: { Authorization: 'Bearer secret', 'X-Other': 'kept' } });
    expect(res!.statusCode).toBe(200);
    const got = otherSeen.at(-1)!;
    expect(got.url).toBe('/landing?keep=1');
    expect(got.headers.authorization).toBeUndefined();
    expect(got.headers['x-other']).toBe('kept');
  });

  it('refuses a redirect from https to http, or to another scheme', () => {
    const auth = { Authorization: 'Bearer secret' };
    expect(nextHop(new URL('https://hs.example/_matrix/x'), 'http://hs.example/_matrix/x', auth)).toBeInstanceOf(Error);
    expect(nextHop(new URL('http://127.0.0.1:1/x'), 'file:///etc/passwd', auth)).toBeInstanceOf(Error);
    expect(nextHop(new URL('https://hs.example/x'), 'https://cdn.example/y?access_token=s', auth)).toEqual({
      url: new URL('https://cdn.example/y'),
      headers: {},
    });
    expect(nextHop(new URL('https://hs.example/x'), '/y', auth)).toEqual({ url: new URL('https://hs.example/y'), headers: auth });
  });
});
