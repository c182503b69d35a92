// Outgoing delivery: one serial queue per room (replies keep their order) and a bounded retry
// policy. matrix-bot-sdk never retries and makes a fresh txnId per call, so the caller keeps one
// txnId per message and resends it: the homeserver deduplicates, so a retry cannot double-post.
// The loop and the backoff are core/retry.ts's; what is Matrix's is which errors are worth a retry.
import { backoffDelay, retry } from '../../core/retry.ts';

export interface RetryPolicy {
  /** Total attempts, the first included. */
  maxAttempts: number;
  /** Longest single wait, whatever retry_after_ms says. */
  maxWaitMs: number;
  /** First back-off after a network or 5xx error; doubles each time. */
  baseBackoffMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, maxWaitMs: 30_000, baseBackoffMs: 500 };

export type FailureKind = 'rate-limited' | 'transient' | 'fatal';

/** How an error from MatrixClient.doRequest should be treated, and the server's requested wait. */
export function classifyFailure(err: unknown): { kind: FailureKind; retryAfterMs?: number; status?: number; errcode?: string } {
  const e = (err ?? {}) as { statusCode?: unknown; errcode?: unknown; retryAfterMs?: unknown; body?: unknown; code?: unknown };
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const errcode = typeof e.errcode === 'string' ? e.errcode : undefined;
  if (status === 429 || errcode === 'M_LIMIT_EXCEEDED') {
    const bodyWait = (e.body as { retry_after_ms?: unknown } | undefined)?.retry_after_ms;
    const wait = typeof e.retryAfterMs === 'number' ? e.retryAfterMs : typeof bodyWait === 'number' ? bodyWait : undefined;
    return { kind: 'rate-limited', retryAfterMs: wait, status, errcode };
  }
  // No status at all: the request never got an answer (refused, reset, timed out).
  if (status === undefined) return { kind: 'transient', errcode: typeof e.code === 'string' ? e.code : undefined };
  if (status >= 500 || status === 408) return { kind: 'transient', status, errcode };
  return { kind: 'fatal', status, errcode };
}

/** The wait before attempt number `attempt + 1` (attempt counts from 1), or null to give up. */
export function nextDelay(err: unknown, attempt: number, policy: RetryPolicy): number | null {
  if (attempt >= policy.maxAttempts) return null;
  const f = classifyFailure(err);
  if (f.kind === 'fatal') return null;
  const backoff = backoffDelay(attempt - 1, { minMs: policy.baseBackoffMs, maxMs: policy.maxWaitMs, jitter: 0 });
  const wanted = f.kind === 'rate-limited' ? (f.retryAfterMs ?? backoff) : backoff;
  return Math.max(0, Math.min(wanted, policy.maxWaitMs));
}

/** Runs `attempt` (numbered from 1) until it succeeds, the policy gives up, or `signal` aborts a wait. */
export function withRetry<T>(
  attempt: (n: number) => Promise<T>,
  policy: RetryPolicy,
  hooks: {
    onRetry?: (err: unknown, n: number, waitMs: number) => void;
    signal?: AbortSignal;
    sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  } = {},
): Promise<T> {
  return retry((i) => attempt(i + 1), { ...hooks, retries: policy.maxAttempts - 1, delay: (err, i) => nextDelay(err, i + 1, policy) });
}

/** Serial task chains keyed by room: tasks for one room run one after another; rooms run in parallel. */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private pending = 0;

  /** Tasks queued or running. */
  get length(): number {
    return this.pending;
  }

  /** Queues a task; the returned promise settles with it. A failing task does not block the next. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    this.pending++;
    const prev = this.tails.get(key) ?? Promise.resolve();
    const result = prev.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      this.pending--;
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Resolves when no task is left (including ones queued meanwhile) or after `timeoutMs`; true if drained. */
  async drain(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.tails.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((r) => (timer = setTimeout(r, left)));
      try {
        await Promise.race([Promise.all([...this.tails.values()]), timeout]);
      } finally {
        clearTimeout(timer);
      }
    }
    return true;
  }
}
