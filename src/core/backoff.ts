// Reconnect backoff shared by the chat transports: capped exponential, with jitter. Pure.

export interface BackoffOptions {
  minMs: number;
  maxMs: number;
  /** 0..1: random in [0, 1) by default; injectable for tests. */
  random?: () => number;
}

/**
 * Delay before reconnect attempt `attempt` (0 = first retry): minMs·2^attempt capped at maxMs,
 * plus up to 25% jitter so a netsplit does not make every bot reconnect in the same second.
 */
export function backoffDelay(attempt: number, o: BackoffOptions): number {
  const base = Math.min(o.maxMs, o.minMs * 2 ** Math.min(attempt, 30));
  const jitter = base * 0.25 * (o.random ?? Math.random)();
  return Math.round(Math.min(o.maxMs, base + jitter));
}
