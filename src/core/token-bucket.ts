// The one token bucket: `capacity` tokens at most, one more every `msPerToken`, driven by the
// caller's clock (epoch ms). Used per sender by the command rate limiter and per connection by
// the IRC outbox. (Rate as ms per token, not tokens per second: "one command per 3 s" stays exact.)

export class TokenBucket {
  private level: number;
  private at: number;

  constructor(
    readonly capacity: number,
    readonly msPerToken: number,
    nowMs: number,
    /** Tokens to start with; default full. */
    tokens = capacity,
  ) {
    this.level = tokens;
    this.at = nowMs;
  }

  /** Tokens held at `nowMs`, without changing the bucket. A clock stepped back earns nothing. */
  levelAt(nowMs: number): number {
    return Math.min(this.capacity, this.level + Math.max(0, nowMs - this.at) / this.msPerToken);
  }

  /** Brings the bucket to `nowMs` and returns its tokens. */
  refill(nowMs: number): number {
    this.level = this.levelAt(nowMs);
    this.at = nowMs;
    return this.level;
  }

  /** Tokens as of the last refill. */
  get tokens(): number {
    return this.level;
  }

  /** Takes one token if there is one at `nowMs`; says whether it did. */
  take(nowMs: number): boolean {
    if (this.refill(nowMs) < 1) return false;
    this.level -= 1;
    return true;
  }

  /** Milliseconds after the last refill until one token is there (0 when there is one). */
  msUntilToken(): number {
    return this.level >= 1 ? 0 : (1 - this.level) * this.msPerToken;
  }
}
