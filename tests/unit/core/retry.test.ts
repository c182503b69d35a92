// The one retry helper: backoff arithmetic, and the loop under fake timers (no wall-clock waits).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, retry } from '../../../src/core/retry.ts';

describe('backoffDelay', () => {
  it('doubles from minMs, caps at maxMs, and adds at most `jitter` of it', () => {
    const exact = { minMs: 500, maxMs: 30_000, jitter: 0 };
    expect([0, 1, 2, 3, 6, 7, 40].map((a) => backoffDelay(a, exact))).toEqual([500, 1000, 2000, 4000, 30_000, 30_000, 30_000]);
    expect(backoffDelay(2, { minMs: 500, maxMs: 30_000, random: () => 0.999 })).toBe(Math.round(2000 * 1.24975));
    expect(backoffDelay(2, { minMs: 500, maxMs: 30_000, random: () => 0 })).toBe(2000);
    expect(backoffDelay(10, { minMs: 500, maxMs: 30_000, random: () => 0.999 })).toBe(30_000); // jitter never passes the cap
  });
});

describe('retry', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const failing = (failures: number) => {
    const calls: number[] = [];
    const fn = (attempt: number) => {
      calls.push(attempt);
      return attempt < failures ? Promise.reject(new Error(`fail ${attempt}`)) : Promise.resolve(`ok after ${attempt}`);
    };
    return { calls, fn };
  };

  it('waits what delay() says between attempts, then resolves', async () => {
    const { calls, fn } = failing(2);
    const seen: [number, number][] = [];
    let done: string | undefined;
    void retry(fn, { retries: 3, delay: (_e, a) => 100 * 2 ** a, onRetry: (_e, a, ms) => seen.push([a, ms]) }).then((v) => (done = v));
    await vi.advanceTimersByTimeAsync(99);
    expect(calls).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(199);
    expect(done).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe('ok after 2');
    expect(seen).toEqual([
      [1, 100],
      [2, 200],
    ]);
  });

  it('gives up at once when delay() says null, and after `retries` extra attempts', async () => {
    const a = failing(5);
    await expect(retry(a.fn, { retries: 3, delay: () => null })).rejects.toThrow('fail 0');
    expect(a.calls).toEqual([0]);
    const b = failing(5);
    const p = retry(b.fn, { retries: 2, delay: () => 10 });
    const settled = expect(p).rejects.toThrow('fail 2');
    await vi.advanceTimersByTimeAsync(100);
    await settled;
    expect(b.calls).toEqual([0, 1, 2]);
  });

  it('an abort ends the wait and gives up with the last error', async () => {
    const { calls, fn } = failing(5);
    const ac = new AbortController();
    const p = retry(fn, { retries: 5, delay: () => 60_000, signal: ac.signal });
    const settled = expect(p).rejects.toThrow('fail 0');
    await vi.advanceTimersByTimeAsync(10);
    ac.abort();
    await vi.advanceTimersByTimeAsync(0);
    await settled;
    expect(calls).toEqual([0]);
  });
});
