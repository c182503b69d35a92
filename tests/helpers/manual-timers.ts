// Timers for a periodic job under test: they only record the one pending timeout, which the
// test fires (pending.fn()) after moving its own clock.
import type { Timers } from '../../src/core/timers.ts';

export class ManualTimers implements Timers {
  pending: { fn: () => void; ms: number } | null = null;
  setTimeout(fn: () => void, ms: number) {
    this.pending = { fn, ms };
    return this.pending;
  }
  clearTimeout(h: unknown) {
    if (this.pending === h) this.pending = null;
  }
}
