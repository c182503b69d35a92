// HTTP GET for live sources (etherpads, mail archives, blogs, the openstack/releases tree): the
// Launchpad client's manners (User-Agent, timeout, bounded retries with backoff, Retry-After) plus
// what public pages need: a size cap enforced while the body streams, redirects only to http(s)
// and at most MAX_REDIRECTS, no credentials or cookies, and conditional requests (ETag / Last-Modified).
// Hand-written over fetch rather than a client library: undici's fetch has no byte cap and its own
// redirect mode follows https → http; the few lines here are what a caller must be able to trust.
import { backoffDelay, retry } from '../core/retry.ts';
import { humanSeconds, parseRetryAfter, type FetchFn } from '../triage/http.ts';

export type { FetchFn };

export type SourceErrorKind = 'timeout' | 'network' | 'unavailable' | 'not-found' | 'too-large' | 'redirect' | 'refused' | 'http';

/** A source that could not be read: `message` is one line for the user. */
export class SourceError extends Error {
  constructor(
    readonly kind: SourceErrorKind,
    message: string,
    readonly status?: number,
    /** A 503/429's Retry-After, when it gave one. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }

  get transient(): boolean {
    return this.kind === 'timeout' || this.kind === 'network' || this.kind === 'unavailable';
  }
}

export interface SourceHttpOptions {
  userAgent: string;
  timeoutMs: number;
  /** Extra attempts after the first, for resets and 5xx (a timeout is not retried). */
  retries: number;
  /** First backoff; doubles per attempt (with jitter), capped at 30 s. */
  backoffMs?: number;
  /** Body size cap in bytes; default 5 MB. */
  maxBytes?: number;
  /** Longest Retry-After honoured. */
  maxRetryAfterMs?: number;
  fetch?: FetchFn;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  log?: { warn(obj: object, msg: string): void };
  /** Aborts the request (the bot is stopping); it then fails as a timeout would. */
  signal?: AbortSignal;
}

/** What was remembered from the last good answer for the same URL. */
export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export type SourceResponse =
  | { status: 'ok'; url: string; text: string; bytes: number; contentType: string; etag: string | null; lastModified: string | null }
  | { status: 'not-modified'; url: string };

export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;
export const MAX_REDIRECTS = 5;
const REDIRECTS = [301, 302, 303, 307, 308];
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Only http(s) URLs without user:password; the URL is returned parsed. */
export function sourceUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new SourceError('refused', `"${url.slice(0, 100)}" is not a URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new SourceError('refused', `refusing ${u.protocol}// URLs: only http and https sources are read`);
  if (u.username || u.password) throw new SourceError('refused', `refusing a URL with a user name or password (${u.host}): cyclebot sends no credentials`);
  return u;
}

/** GET one source; 304 to a conditional request is { status: 'not-modified' }. */
export async function fetchSource(url: string, o: SourceHttpOptions, validators: Validators = {}): Promise<SourceResponse> {
  const start = sourceUrl(url);
  return retry(() => once(start, o, validators), {
    retries: o.retries,
    sleep: o.sleep ?? realSleep,
    // Resets and 5xx are retried; a timeout is not (a hung server will not answer the next try
    // either), nor a Retry-After longer than we wait.
    delay: (err, attempt) => {
      if (!(err instanceof SourceError) || !err.transient || err.kind === 'timeout') return null;
      if (err.retryAfterMs === null) return backoffDelay(attempt, { minMs: o.backoffMs ?? 500, maxMs: 30_000, random: o.random });
      return err.retryAfterMs > (o.maxRetryAfterMs ?? 60_000) ? null : err.retryAfterMs;
    },
    onRetry: (err, attempt, waitMs) => o.log?.warn({ url, attempt, waitMs, err: (err as Error).message }, 'source request failed; retrying'),
  });
}

async function once(start: URL, o: SourceHttpOptions, validators: Validators): Promise<SourceResponse> {
  const fetchFn = o.fetch ?? ((input, init) => fetch(input, init));
  const signal = o.signal ? AbortSignal.any([o.signal, AbortSignal.timeout(o.timeoutMs)]) : AbortSignal.timeout(o.timeoutMs);
  const max = o.maxBytes ?? MAX_SOURCE_BYTES;
  const headers: Record<string, string> = { 'User-Agent': o.userAgent, Accept: 'text/html, text/plain, text/x-rst, application/yaml, */*;q=0.5' };
  if (validators.etag) headers['If-None-Match'] = validators.etag;
  if (validators.lastModified) headers['If-Modified-Since'] = validators.lastModified;
  let target = start;
  try {
    for (let hop = 0; ; hop++) {
      // credentials: 'omit' and redirect: 'manual': no cookie or auth goes out, each hop is checked here.
      const res = await fetchFn(target.href, { method: 'GET', headers, signal, redirect: 'manual', credentials: 'omit' });
      const location = res.headers.get('location');
      if (REDIRECTS.includes(res.status) && location) {
        await res.body?.cancel().catch(() => undefined);
        if (hop >= MAX_REDIRECTS) throw new SourceError('redirect', `${start.host} redirected more than ${MAX_REDIRECTS} times`, res.status);
        const next = new URL(location, target);
        if (next.protocol !== 'https:' && next.protocol !== 'http:')
          throw new SourceError('redirect', `refused a redirect from ${target.host} to a ${next.protocol}// URL`, res.status);
        if (target.protocol === 'https:' && next.protocol === 'http:')
          throw new SourceError('redirect', `refused a redirect from https://${target.host} to plain http://${next.host}`, res.status);
        if (next.username || next.password) throw new SourceError('redirect', `refused a redirect to a URL with credentials (${next.host})`, res.status);
        target = next;
        continue;
      }
      if (res.status === 304 && (validators.etag || validators.lastModified)) {
        await res.body?.cancel().catch(() => undefined);
        return { status: 'not-modified', url: target.href };
      }
      if (res.status < 200 || res.status >= 300) {
        await res.body?.cancel().catch(() => undefined);
        throw statusError(res, target);
      }
      const declared = Number(res.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > max) {
        await res.body?.cancel().catch(() => undefined);
        throw tooLarge(target, max);
      }
      const body = await readCapped(res, max, target);
      return {
        status: 'ok',
        url: target.href,
        text: new TextDecoder('utf-8').decode(body).replace(/^\ufeff/, ''),
        bytes: body.byteLength,
        contentType: res.headers.get('content-type') ?? '',
        etag: res.headers.get('etag'),
        lastModified: res.headers.get('last-modified'),
      };
    }
  } catch (err) {
    if (err instanceof SourceError) throw err;
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError')
      throw new SourceError('timeout', `${target.host} did not answer within ${humanSeconds(o.timeoutMs)}`);
    throw new SourceError('network', `cannot reach ${target.host} (${e.cause?.code ?? e.cause?.message ?? e.message})`);
  }
}

/** Reads the body chunk by chunk and stops at the cap: a huge page is never held in memory. */
async function readCapped(res: Response, max: number, target: URL): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array();
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(target, max);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function tooLarge(target: URL, max: number): SourceError {
  const limit = max % (1024 * 1024) === 0 ? `${max / 1024 / 1024} MB` : `${max}-byte`;
  return new SourceError('too-large', `${target.host}${target.pathname.slice(0, 80)} is over the ${limit} limit; not read`);
}

function statusError(res: Response, target: URL): SourceError {
  const where = `${target.host}${target.pathname.slice(0, 80)}`;
  if (res.status === 404 || res.status === 410) return new SourceError('not-found', `${where} does not exist (${res.status})`, res.status);
  if (res.status >= 500 || res.status === 429) {
    return new SourceError(
      'unavailable',
      `${target.host} is unavailable (${res.status}) for ${target.pathname.slice(0, 80)}`,
      res.status,
      parseRetryAfter(res.headers.get('retry-after'), Date.now()),
    );
  }
  return new SourceError('http', `${where} answered ${res.status}`, res.status);
}
