// The one retry helper: capped exponential backoff (with optional jitter) and a retry loop that
// asks the caller, per failure, whether and how long to wait. Used by the chat transports'
// reconnects, Matrix sends, Launchpad and live-source HTTP. Sleep and randomness are injectable.

export interface BackoffOptions {
  minMs: number;
  maxMs: number;
  /** Share of the delay added at random (0..1); default 0.25. 0: an exact doubling. */
  jitter?: number;
  /** 0..1: random in [0, 1) by default; injectable for tests. */
  random?: () => number;
}

/**
 * Delay before retry `attempt` (0 = first retry): minMs·2^attempt capped at maxMs, plus up to
 * `jitter` of it at random so a netsplit does not make every bot reconnect in the same second.
 */
export function backoffDelay(attempt: number, o: BackoffOptions): number {
  const base = Math.min(o.maxMs, o.minMs * 2 ** Math.min(attempt, 30));
  const jitter = base * (o.jitter ?? 0.25) * (o.random ?? Math.random)();
  return Math.round(Math.min(o.maxMs, base + jitter));
}

export interface RetryOptions {
  /** Extra attempts after the first. */
  retries: number;
  /** The wait before retry `attempt` (0 = first retry) after `err`, or null: give up and throw it. */
  delay: (err: unknown, attempt: number) => number | null;
  onRetry?: (err: unknown, attempt: number, waitMs: number) => void;
  /** Aborting ends a wait at once and gives up with the last error. */
  signal?: AbortSignal;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Runs `fn` (given the attempt number, 0 first) until it resolves, `delay` says no, retries run out, or `signal` aborts. */
export async function retry<T>(fn: (attempt: number) => Promise<T>, o: RetryOptions): Promise<T> {
  const sleep = o.sleep ?? abortableSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt >= o.retries || o.signal?.aborted) throw err;
      const wait = o.delay(err, attempt);
      if (wait === null) throw err;
      o.onRetry?.(err, attempt + 1, wait);
      await sleep(wait, o.signal);
      if (o.signal?.aborted) throw err;
    }
  }
}

/** setTimeout as a promise that ends early (resolving) when the signal aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
