// A fake clock and timer queue for the scheduler: time moves only when a test says so.
import type { Timers } from '../../../src/core/timers.ts';

interface Pending {
  id: number;
  at: number;
  fn: () => void;
}

export class FakeTime {
  now: number;
  private queue: Pending[] = [];
  private seq = 0;
  /** How many timers were set (a polling loop would show here). */
  armed = 0;

  constructor(start: string | number) {
    this.now = typeof start === 'number' ? start : Date.parse(start);
  }

  readonly clock = (): Date => new Date(this.now);

  readonly timers: Timers = {
    setTimeout: (fn, ms) => {
      const p = { id: ++this.seq, at: this.now + Math.max(0, ms), fn };
      this.queue.push(p);
      this.armed++;
      return p.id;
    },
    clearTimeout: (id) => {
      this.queue = this.queue.filter((p) => p.id !== id);
    },
  };

  get pending(): number {
    return this.queue.length;
  }

  nextAt(): number | null {
    return this.queue.length ? Math.min(...this.queue.map((p) => p.at)) : null;
  }

  /** Moves the clock without firing anything (the wall clock jumped, or the machine slept). */
  jump(toOrBy: string | number): void {
    this.now = typeof toOrBy === 'string' ? Date.parse(toOrBy) : this.now + toOrBy;
  }

  /** Fires due timers in order up to `to`, letting each pass finish (settle) before the next. */
  async advanceTo(to: string | number, settle: () => Promise<void>): Promise<void> {
    const target = typeof to === 'string' ? Date.parse(to) : to;
    await settle();
    for (let guard = 0; guard < 1_000_000; guard++) {
      const due = this.queue.filter((p) => p.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.queue = this.queue.filter((p) => p !== due);
      this.now = Math.max(this.now, due.at);
      due.fn();
      await settle();
    }
    this.now = Math.max(this.now, target);
  }
}
