import { MatrixError } from 'matrix-bot-sdk';
import { describe, expect, it, vi } from 'vitest';
import { classifyFailure, DEFAULT_RETRY, KeyedQueue, nextDelay, withRetry } from '../../../../src/transports/matrix/send-queue.ts';

const limited = (ms?: number) => new MatrixError({ errcode: 'M_LIMIT_EXCEEDED', error: 'slow down', ...(ms !== undefined ? { retry_after_ms: ms } : {}) }, 429);
const forbidden = new MatrixError({ errcode: 'M_FORBIDDEN', error: 'not in room' }, 403);
const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

describe('classifyFailure / nextDelay', () => {
  it('classifies SDK errors', () => {
    expect(classifyFailure(limited(200))).toEqual({ kind: 'rate-limited', retryAfterMs: 200, status: 429, errcode: 'M_LIMIT_EXCEEDED' });
    expect(classifyFailure(forbidden)).toMatchObject({ kind: 'fatal', status: 403 });
    expect(classifyFailure(refused)).toEqual({ kind: 'transient', errcode: 'ECONNREFUSED' });
    expect(classifyFailure({ statusCode: 502, body: '<html>' })).toMatchObject({ kind: 'transient', status: 502 });
    expect(classifyFailure(undefined)).toMatchObject({ kind: 'transient' });
  });

  it('waits what the server asks, within bounds, and gives up', () => {
    expect(nextDelay(limited(200), 1, DEFAULT_RETRY)).toBe(200);
    expect(nextDelay(limited(3_600_000), 1, DEFAULT_RETRY)).toBe(30_000);
    expect(nextDelay(limited(), 3, DEFAULT_RETRY)).toBe(2000);
    expect(nextDelay(refused, 1, DEFAULT_RETRY)).toBe(500);
    expect(nextDelay(refused, 4, DEFAULT_RETRY)).toBe(4000);
    expect(nextDelay(refused, 5, DEFAULT_RETRY)).toBeNull();
    expect(nextDelay(forbidden, 1, DEFAULT_RETRY)).toBeNull();
  });
});

describe('withRetry', () => {
  it('retries until success, sleeping as told', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls === 1) throw limited(250);
        if (calls === 2) throw refused;
        return 'ok';
      },
      DEFAULT_RETRY,
      { sleep: async (ms) => void waits.push(ms) },
    );
    expect(result).toBe('ok');
    expect(waits).toEqual([250, 1000]);
  });

  it('gives up on fatal errors and after maxAttempts', async () => {
    await expect(withRetry(() => Promise.reject(forbidden), DEFAULT_RETRY, { sleep: async () => {} })).rejects.toBe(forbidden);
    let calls = 0;
    await expect(
      withRetry(
        () => {
          calls++;
          return Promise.reject(refused);
        },
        { ...DEFAULT_RETRY, maxAttempts: 3 },
        { sleep: async () => {} },
      ),
    ).rejects.toBe(refused);
    expect(calls).toBe(3);
  });

  it('stops waiting when aborted', async () => {
    vi.useFakeTimers();
    try {
      const ac = new AbortController();
      let calls = 0;
      const p = withRetry(() => (calls++, Promise.reject(limited(10_000))), DEFAULT_RETRY, { signal: ac.signal });
      const settled = expect(p).rejects.toBeInstanceOf(MatrixError);
      await vi.advanceTimersByTimeAsync(20);
      ac.abort();
      await settled; // at 20 ms of the 10 s wait: no timer had to fire for it
      expect(calls).toBe(1);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(calls).toBe(1); // and no attempt after the abort
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('KeyedQueue', () => {
  it('keeps order per key, runs keys in parallel, survives failures and counts pending tasks', async () => {
    const q = new KeyedQueue();
    const log: string[] = [];
    const task =
      (name: string, ms: number, fail = false) =>
      () =>
        new Promise<string>((resolve, reject) =>
          setTimeout(() => {
            log.push(name);
            if (fail) reject(new Error(name));
            else resolve(name);
          }, ms),
        );
    const a1 = q.run('a', task('a1', 30));
    const a2 = q.run('a', task('a2', 1, true));
    const a3 = q.run('a', task('a3', 1));
    const b1 = q.run('b', task('b1', 5));
    expect(q.length).toBe(4);
    await expect(a2).rejects.toThrow('a2');
    await Promise.all([a1, a3, b1]);
    expect(log).toEqual(['b1', 'a1', 'a2', 'a3']);
    expect(await q.drain(100)).toBe(true);
    expect(q.length).toBe(0);
  });

  it('drain reports a timeout', async () => {
    const q = new KeyedQueue();
    void q.run('a', () => new Promise((r) => setTimeout(r, 200)));
    expect(await q.drain(10)).toBe(false);
    expect(await q.drain(1000)).toBe(true);
  });
});
