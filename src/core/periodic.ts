// A job that runs now and then while the bot runs (live sources, the schedule sync): one run at a
// time (a tick while one runs joins it), a timer armed after each run for when the next is due,
// and a stop() that aborts a request under way and waits for the run to end. A subclass says what
// a run does and when the next one is due; a run checks `closing` before it writes anything.
import { realTimers, type Timers } from './timers.ts';

export abstract class PeriodicJob {
  private timer: unknown = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  /** stop() was called: a run under way writes nothing more. */
  protected closing = false;
  /** Aborted by stop(): a run gives its signal to the requests it makes. */
  protected abort = new AbortController();
  protected readonly timers: Timers;
  protected readonly clock: () => Date;
  /** When the timer fires next (null while stopped or running, or when nothing is due). */
  nextWake: Date | null = null;

  constructor(o: { timers?: Timers; clock?: () => Date }) {
    this.timers = o.timers ?? realTimers;
    this.clock = o.clock ?? (() => new Date());
  }

  /** What one run does (tests call tick() to run it now). */
  protected abstract run(): Promise<void>;
  /** When the next run is due, in ms since the epoch; null: never. */
  protected abstract nextDue(): number | null;
  /** True when there is nothing to do at all: start() then arms nothing. */
  protected idle(): boolean {
    return false;
  }
  /** Called by start() before the timer is armed. */
  protected started(): void {}

  start(): void {
    if (!this.stopped || this.idle()) return;
    this.stopped = false;
    this.closing = false;
    this.abort = new AbortController();
    this.started();
    this.arm();
  }

  /** Aborts a request under way, waits for the run to end; nothing is written after it. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.closing = true;
    this.abort.abort();
    this.clearTimer();
    await this.running;
  }

  /** Runs now; a call while a run is under way joins it. */
  tick(): Promise<void> {
    if (this.running) return this.running;
    this.clearTimer();
    this.running = (async () => {
      try {
        await this.run();
      } finally {
        this.running = null;
        this.arm();
      }
    })();
    return this.running;
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.nextWake = null;
  }

  private arm(): void {
    this.clearTimer();
    if (this.stopped) return;
    const due = this.nextDue();
    if (due === null) return;
    const now = +this.clock();
    const delay = Math.max(0, due - now);
    this.nextWake = new Date(now + delay);
    this.timer = this.timers.setTimeout(() => void this.tick(), delay);
  }
}
