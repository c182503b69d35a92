// The one token bucket, on an injected clock.
import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../src/core/token-bucket.ts';

describe('TokenBucket', () => {
  it('gives a burst, then one token per msPerToken, never above capacity', () => {
    const b = new TokenBucket(3, 500, 0);
    expect([b.take(0), b.take(0), b.take(0), b.take(0)]).toEqual([true, true, true, false]);
    expect(b.msUntilToken()).toBe(500);
    expect(b.take(499)).toBe(false);
    expect(b.msUntilToken()).toBeCloseTo(1, 9);
    expect(b.take(500)).toBe(true);
    expect(b.refill(60_000)).toBe(3);
  });

  it('keeps "one per 3 s" exact: no rounding makes a wait of 3 s into 4', () => {
    const b = new TokenBucket(1, 3000, 0);
    b.take(0);
    expect(Math.ceil(b.msUntilToken() / 1000)).toBe(3);
    expect(b.levelAt(3000)).toBe(1);
  });

  it('a clock stepped back neither adds nor takes tokens', () => {
    const b = new TokenBucket(2, 1000, 10_000, 0.5);
    expect(b.refill(5_000)).toBe(0.5);
    expect(b.refill(5_500)).toBe(1);
  });
});
