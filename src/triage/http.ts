// Polite HTTP to Launchpad: a distinctive User-Agent, a timeout per request (not retried), bounded
// retries with backoff for resets and 5xx, 503 + Retry-After honoured up to a cap, and every failure turned into one clear line.
// fetch, sleep and the clock are injected so tests run against a loopback fake without waiting.
// The retry loop and backoff are core/retry.ts's; which failures are worth a retry is decided here.
import type { MetricsSink } from '../core/metrics.ts';
import { backoffDelay, retry } from '../core/retry.ts';

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export type LaunchpadErrorKind =
  | 'timeout' // no answer within the timeout
  | 'network' // refused, reset, DNS
  | 'unavailable' // 5xx, or 503 with a Retry-After longer than we wait
  | 'bad-request' // 400
  | 'unauthorized' // 401
  | 'not-found' // 404 (unknown bug, or one an anonymous client may not see)
  | 'conflict' // 412 (If-Match)
  | 'http'; // anything else unexpected

export class LaunchpadError extends Error {
  constructor(
    readonly kind: LaunchpadErrorKind,
    /** One line fit for chat. */
    readonly userMessage: string,
    readonly status?: number,
    readonly oopsId?: string,
  ) {
    super(userMessage);
  }

  /** Launchpad is down or slow: worth trying again later with the same request. */
  get transient(): boolean {
    return this.kind === 'timeout' || this.kind === 'network' || this.kind === 'unavailable';
  }
}

export interface HttpOptions {
  fetch: FetchFn;
  userAgent: string;
  timeoutMs: number;
  /** Extra attempts after the first, for transient failures. */
  retries: number;
  /** Longest Retry-After honoured. */
  maxRetryAfterMs: number;
  /** First backoff; doubles per attempt. */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  log?: { warn(obj: object, msg: string): void; debug?(obj: object, msg: string): void };
  /** Counts every request by the status it got (/metrics). */
  metrics?: Pick<MetricsSink, 'launchpad'>;
}

export interface HttpRequest {
  method?: 'GET' | 'PATCH' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** What the request is, for messages ("searchTasks", "bug 2105896"). */
  what: string;
  /** What a 404 means is missing ("project nope"); default: `what`. */
  notFound?: string;
  /** Statuses that count as success besides 2xx (e.g. 304 for conditional GETs). */
  accept?: number[];
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  bytes: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const MAX_REDIRECTS = 5;
const REDIRECTS = [301, 302, 303, 307, 308];
/** Headers that carry the bot's identity: never sent to another origin than the one asked. */
const CREDENTIALS = ['authorization', 'cookie', 'proxy-authorization'];

/**
 * Refuses a plain-http Launchpad origin: it would carry the OAuth token and bug data in clear.
 * `allowHttp` is for the loopback test servers only (config launchpad.allowHttp).
 */
export function assertSecureOrigin(url: string, allowHttp: boolean, what: string): void {
  const protocol = new URL(url).protocol;
  if (protocol === 'https:' || (protocol === 'http:' && allowHttp)) return;
  throw new LaunchpadError('http', `refusing ${what} ${new URL(url).origin}: only https is allowed (launchpad.allowHttp is for local test servers)`);
}

export class Http {
  /** Requests sent (each attempt counts). */
  requests = 0;
  /** Response body bytes received. */
  bytes = 0;

  constructor(private readonly opts: HttpOptions) {}

  async request(url: string, req: HttpRequest): Promise<HttpResponse> {
    const method = req.method ?? 'GET';
    // A write (PATCH, POST) that got no answer may have been applied: only retry it when the server
    // said it was not; the write journal (journal.ts) checks Launchpad before sending it again.
    const idempotent = method === 'GET';
    const sleep = this.opts.sleep ?? realSleep;
    const backoff = (attempt: number) => backoffDelay(attempt, { minMs: this.opts.backoffMs ?? 500, maxMs: Infinity, jitter: 0 });
    /** The wait before retrying after each failure thrown below; a failure without one is final. */
    const waits = new WeakMap<object, number>();
    return retry(
      async (attempt) => {
        let res: HttpResponse;
        try {
          res = await this.once(url, method, req);
        } catch (err) {
          // A timeout is not retried: a hung Launchpad will not answer the next try either, and a
          // chat round should say so after timeoutMs, not three times that.
          if (err instanceof LaunchpadError && idempotent && err.kind !== 'timeout') waits.set(err, backoff(attempt));
          throw err;
        }
        if (res.status < 300 || req.accept?.includes(res.status)) return res;
        const failure = errorFor(res, req.what, req.notFound);
        if (failure.oopsId) this.opts.log?.warn({ url, status: res.status, oops: failure.oopsId }, 'Launchpad error (OOPS id)');
        if (!failure.transient || (!idempotent && res.status !== 503)) throw failure;
        const retryAfter = res.status === 503 ? parseRetryAfter(res.headers.get('retry-after'), this.now()) : null;
        if (retryAfter !== null && retryAfter > this.opts.maxRetryAfterMs) {
          throw new LaunchpadError(
            'unavailable',
            `Launchpad is unavailable (503) and asks to wait ${humanSeconds(retryAfter)}; try again later`,
            503,
            failure.oopsId,
          );
        }
        waits.set(failure, retryAfter ?? backoff(attempt));
        throw failure;
      },
      {
        retries: this.opts.retries,
        sleep,
        delay: (err) => (typeof err === 'object' && err !== null ? (waits.get(err) ?? null) : null),
        onRetry: (err, attempt, waitMs) =>
          this.opts.log?.warn({ url, attempt, waitMs, err: (err as LaunchpadError).userMessage }, 'Launchpad request failed; retrying'),
      },
    );
  }

  private async once(url: string, method: string, req: HttpRequest): Promise<HttpResponse> {
    this.requests++;
    const headers: Record<string, string> = { 'User-Agent': this.opts.userAgent, Accept: 'application/json', ...req.headers };
    let res: Response;
    try {
      res = await this.follow(url, method, headers, req, AbortSignal.timeout(this.opts.timeoutMs));
    } catch (err) {
      if (err instanceof LaunchpadError) throw err;
      const e = err as Error & { cause?: { code?: string; message?: string } };
      if (e.name === 'TimeoutError' || e.name === 'AbortError') {
        this.opts.metrics?.launchpad('timeout');
        throw new LaunchpadError('timeout', `Launchpad did not answer within ${humanSeconds(this.opts.timeoutMs)} (${req.what})`);
      }
      const code = e.cause?.code ?? e.cause?.message ?? e.message;
      this.opts.metrics?.launchpad('network');
      throw new LaunchpadError('network', `cannot reach Launchpad (${code}) (${req.what})`);
    }
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      const e = err as Error;
      if (e.name === 'TimeoutError' || e.name === 'AbortError') {
        throw new LaunchpadError('timeout', `Launchpad did not answer within ${humanSeconds(this.opts.timeoutMs)} (${req.what})`);
      }
      throw new LaunchpadError('network', `Launchpad closed the connection (${req.what})`);
    }
    const bytes = Buffer.byteLength(text, 'utf8');
    this.bytes += bytes;
    this.opts.log?.debug?.({ method, url, status: res.status, bytes }, 'launchpad');
    return { status: res.status, headers: res.headers, text, bytes };
  }

  /**
   * fetch with redirects followed by hand: fetch's own 'follow' goes from https to http and, on
   * Node 20, keeps the Authorization header across origins. Here a downgrade is refused and the
   * credentials are dropped as soon as the origin changes. 303 (and 301/302 after a POST) turn
   * the request into a GET without body, as browsers do.
   */
  private async follow(url: string, method: string, headers: Record<string, string>, req: HttpRequest, signal: AbortSignal): Promise<Response> {
    let target = new URL(url);
    let body = req.body;
    for (let hop = 0; ; hop++) {
      const res = await this.opts.fetch(target.href, { method, headers, body, signal, redirect: 'manual' });
      this.opts.metrics?.launchpad(res.status);
      const location = res.headers.get('location');
      if (!REDIRECTS.includes(res.status) || !location) return res;
      await res.body?.cancel().catch(() => undefined);
      if (hop >= MAX_REDIRECTS) throw new LaunchpadError('http', `Launchpad redirected ${req.what} more than ${MAX_REDIRECTS} times`, res.status);
      const next = new URL(location, target);
      if (next.protocol !== 'https:' && (target.protocol === 'https:' || next.protocol !== 'http:')) {
        throw new LaunchpadError('http', `refused a redirect of ${req.what} from ${target.protocol}// to ${next.protocol}// (${next.origin})`, res.status);
      }
      if (next.origin !== target.origin) headers = without(headers, CREDENTIALS);
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        headers = without(headers, ['content-type']);
      }
      target = next;
    }
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }
}

function without(headers: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !names.includes(k.toLowerCase())));
}

/** The error for a non-success answer, with the first line of Launchpad's text/plain body. */
export function errorFor(res: HttpResponse, what: string, notFound = what): LaunchpadError {
  const oops = res.headers.get('x-lazr-oopsid') ?? undefined;
  const detail = firstLine(res.text);
  const said = detail ? `: ${detail}` : '';
  switch (res.status) {
    case 400:
      return new LaunchpadError('bad-request', `Launchpad refused the request (400 Bad Request) for ${what}${said}`, 400);
    case 401:
      return new LaunchpadError('unauthorized', `Launchpad answered 401 Unauthorized for ${what}${said}`, 401);
    case 404:
      return new LaunchpadError('not-found', `Launchpad has no ${notFound} (404), or it is private`, 404);
    case 412:
      return new LaunchpadError('conflict', `${what} changed on Launchpad meanwhile (412)`, 412);
    default:
      if (res.status >= 500)
        return new LaunchpadError('unavailable', `Launchpad is unavailable (${res.status}) for ${what}${oops ? ` (OOPS ${oops})` : ''}`, res.status, oops);
      return new LaunchpadError('http', `Launchpad answered ${res.status} for ${what}${said}`, res.status, oops);
  }
}

function firstLine(text: string): string {
  const line = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  if (line.startsWith('<') || line.startsWith('{')) return ''; // an HTML or JSON body says nothing useful in one line
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP-date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

export function humanSeconds(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 1) return `${ms} ms`;
  if (s < 120) return `${s} s`;
  return `${Math.round(s / 60)} min`;
}
