// Per-sender token bucket for commands: a spammer gets one cooldown notice, others are unaffected.

export interface RateLimitConfig {
  /** Commands a sender may issue at once. */
  burst: number;
  /** Seconds to earn one more command. */
  refillSeconds: number;
}

export const defaultRateLimit: RateLimitConfig = { burst: 5, refillSeconds: 3 };

export type RateVerdict = 'ok' | 'notify' | 'silent';

interface Bucket {
  tokens: number;
  at: number;
  notified: boolean;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly cfg: RateLimitConfig = defaultRateLimit) {}

  check(key: string, nowMs: number): RateVerdict {
    const b = this.buckets.get(key) ?? { tokens: this.cfg.burst, at: nowMs, notified: false };
    const earned = (nowMs - b.at) / (this.cfg.refillSeconds * 1000);
    b.tokens = Math.min(this.cfg.burst, b.tokens + earned);
    b.at = nowMs;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      b.notified = false;
      return 'ok';
    }
    if (b.notified) return 'silent';
    b.notified = true;
    return 'notify';
  }

  /** Seconds until the sender may ask again. */
  waitSeconds(key: string): number {
    const b = this.buckets.get(key);
    if (!b || b.tokens >= 1) return 0;
    return Math.ceil((1 - b.tokens) * this.cfg.refillSeconds);
  }

  /** Drops buckets that have been full for a while, so memory stays bounded. */
  prune(nowMs: number): void {
    const full = this.cfg.burst * this.cfg.refillSeconds * 1000;
    for (const [key, b] of this.buckets) if (nowMs - b.at > full) this.buckets.delete(key);
  }
}
