// The part of the `request` library's interface that matrix-bot-sdk 0.7.1 uses (lib/http.js,
// MatrixClient.downloadContent), on node:http. `request` and its dependency tree cost ~20 MB of
// RSS for what is, here, a JSON call to one homeserver. Redirects are followed for GET as
// `request` does, but never from https to http, and without the access token (Authorization
// header, access_token query) once the origin changes; proxies are not handled (sdk-patches.ts keeps
// `request` when a proxy is configured).
import http from 'node:http';
import https from 'node:https';
import querystring from 'node:querystring';

export interface RequestParams {
  uri: string;
  method?: string;
  qs?: Record<string, unknown> | null;
  /** undefined: the body as a UTF-8 string; null: as a Buffer. */
  encoding?: null | undefined | string;
  timeout?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface Response {
  statusCode: number;
  headers: http.IncomingHttpHeaders;
  body: string | Buffer;
}

type Callback = (err: Error | null, res?: Response, body?: string | Buffer) => void;

// Keep-alive, as the SDK asks of `request` (forever: true): /sync reuses its connection.
const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
const MAX_REDIRECTS = 10;

export function request(params: RequestParams, callback: Callback): void {
  let url: URL;
  try {
    url = new URL(params.uri);
    if (params.qs) {
      const qs = querystring.stringify(params.qs as querystring.ParsedUrlQueryInput); // arrays repeat: a=1&a=2
      if (qs) url.search = url.search ? `${url.search}&${qs}` : `?${qs}`;
    }
  } catch (err) {
    return callback(err as Error);
  }
  send(url, params, MAX_REDIRECTS, once(callback));
}

function send(url: URL, params: RequestParams, redirects: number, callback: Callback): void {
  const method = (params.method ?? 'GET').toUpperCase();
  const lib = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : null;
  if (!lib) return callback(new Error(`Invalid protocol: ${url.protocol}`));
  const headers: Record<string, string | number> = { ...params.headers };
  if (params.body !== undefined) headers['content-length'] = Buffer.byteLength(params.body);
  const req = lib.request(url, { method, headers, agent: agents[url.protocol as 'http:' | 'https:'] }, (res) => {
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (location && (method === 'GET' || method === 'HEAD') && [301, 302, 303, 307, 308].includes(status)) {
      res.resume();
      if (redirects === 0) return callback(new Error(`Exceeded maxRedirects. Probably stuck in a redirect loop ${url.href}`));
      const hop = nextHop(url, location, params.headers ?? {});
      if (hop instanceof Error) return callback(hop);
      return send(hop.url, { ...params, headers: hop.headers }, redirects - 1, callback);
    }
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('error', callback);
    res.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = params.encoding === null ? raw : raw.toString((params.encoding as BufferEncoding) ?? 'utf8');
      callback(null, { statusCode: status, headers: res.headers, body }, body);
    });
  });
  if (params.timeout) {
    req.setTimeout(params.timeout, () => req.destroy(Object.assign(new Error('ETIMEDOUT'), { code: 'ETIMEDOUT' })));
  }
  req.on('error', callback);
  req.end(params.body);
}

/**
 * Where a redirect leads, and with which headers: an error for a downgrade from https (or to
 * anything but http/https); without the credentials when the origin changes, since the access
 * token is the bot's whole identity and only its homeserver may see it.
 */
export function nextHop(from: URL, location: string, headers: Record<string, string>): { url: URL; headers: Record<string, string> } | Error {
  let url: URL;
  try {
    url = new URL(location, from);
  } catch {
    return new Error(`unreadable redirect from ${from.origin}`);
  }
  if (url.protocol !== 'https:' && (from.protocol === 'https:' || url.protocol !== 'http:')) {
    return new Error(`refused a redirect from ${from.protocol}// to ${url.protocol}// (${url.origin})`);
  }
  if (url.origin === from.origin) return { url, headers };
  url.searchParams.delete('access_token');
  const kept = Object.fromEntries(Object.entries(headers).filter(([k]) => !['authorization', 'cookie', 'proxy-authorization'].includes(k.toLowerCase())));
  return { url, headers: kept };
}

function once(callback: Callback): Callback {
  let called = false;
  return (...args) => {
    if (called) return;
    called = true;
    callback(...args);
  };
}
