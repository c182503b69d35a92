// Per-sender token buckets for commands: a spammer gets one cooldown notice, others are unaffected.
//
// A sender is limited by every bucket that names them: their identity key (services account or
// Matrix user id when known, else the IRC nick), and on IRC also their user@host. Changing nick
// therefore buys nothing: the user@host bucket is still empty. (A whole host is not one bucket:
// bridges, bouncers and NAT put many people behind one host. A new username needs a reconnect,
// which servers throttle.)
//
// Memory is bounded: buckets that are full again are dropped (a full bucket is what a newcomer
// gets anyway), and past maxBuckets the least recently used go first.
import { TokenBucket } from './token-bucket.ts';
import type { Identity } from './types.ts';

export interface RateLimitConfig {
  /** Commands a sender may issue at once. */
  burst: number;
  /** Seconds to earn one more command. */
  refillSeconds: number;
}

export const defaultRateLimit: RateLimitConfig = { burst: 5, refillSeconds: 3 };

export type RateVerdict = 'ok' | 'notify' | 'silent';

/** One bucket a command is charged to; `share` scales burst and refill rate (1 = one person). */
export interface RateKey {
  key: string;
  share: number;
}

/** The buckets a sender is charged to (see the top of this file). */
export function rateKeys(id: Identity): RateKey[] {
  const keys: RateKey[] = [{ key: id.key, share: 1 }];
  if (id.host) keys.push({ key: `mask:${id.host.toLowerCase()}`, share: 1 });
  return keys;
}

interface Bucket {
  bucket: TokenBucket;
  notified: boolean;
}

export interface RateLimiterOptions {
  /** Most buckets kept; the least recently used beyond it are dropped. Default 10,000 (~1.5 MB). */
  maxBuckets?: number;
  /** How often full buckets are swept out, in ms. Default 60 s. */
  sweepMs?: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxBuckets: number;
  private readonly sweepMs: number;
  private lastSweep = 0;

  constructor(
    private readonly cfg: RateLimitConfig = defaultRateLimit,
    opts: RateLimiterOptions = {},
  ) {
    this.maxBuckets = opts.maxBuckets ?? 10_000;
    this.sweepMs = opts.sweepMs ?? 60_000;
  }

  /** Buckets held now (for tests and the health line). */
  get size(): number {
    return this.buckets.size;
  }

  /**
   * Charges one command to every bucket in `keys` (a plain string is one person's bucket). 'ok'
   * only when each has a token; otherwise nothing is charged, and the first refusal after a
   * bucket ran dry is 'notify' (one cooldown notice), later ones 'silent'.
   */
  check(keys: string | RateKey[], nowMs: number): RateVerdict {
    if (nowMs - this.lastSweep >= this.sweepMs) this.prune(nowMs);
    const buckets = this.keysOf(keys).map((k) => this.refill(k, nowMs));
    const empty = buckets.filter((b) => b.bucket.tokens < 1);
    if (empty.length === 0) {
      for (const b of buckets) {
        b.bucket.take(nowMs);
        b.notified = false;
      }
      return 'ok';
    }
    if (empty.every((b) => b.notified)) return 'silent';
    for (const b of empty) b.notified = true;
    return 'notify';
  }

  /** Seconds until the sender may ask again. */
  waitSeconds(keys: string | RateKey[]): number {
    let wait = 0;
    for (const { key } of this.keysOf(keys)) {
      const b = this.buckets.get(key);
      if (b && b.bucket.tokens < 1) wait = Math.max(wait, Math.ceil(b.bucket.msUntilToken() / 1000));
    }
    return wait;
  }

  /** Drops buckets that have refilled completely since they were last used, then the least recently used past the cap. */
  prune(nowMs: number): void {
    this.lastSweep = nowMs;
    for (const [key, b] of this.buckets) if (b.bucket.levelAt(nowMs) >= b.bucket.capacity) this.buckets.delete(key);
    this.evictOverflow();
  }

  private keysOf(keys: string | RateKey[]): RateKey[] {
    return typeof keys === 'string' ? [{ key: keys, share: 1 }] : keys;
  }

  private refill({ key, share }: RateKey, nowMs: number): Bucket {
    const b = this.buckets.get(key) ?? { bucket: new TokenBucket(this.cfg.burst * share, (this.cfg.refillSeconds * 1000) / share, nowMs), notified: false };
    b.bucket.refill(nowMs);
    // Re-inserted so that the Map's order is least recently used first.
    this.buckets.delete(key);
    this.buckets.set(key, b);
    this.evictOverflow();
    return b;
  }

  private evictOverflow(): void {
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxBuckets) break;
      this.buckets.delete(key);
    }
  }
}
