// PeriodicJob: one run at a time, the timer armed for the next due time after each run, stop()
// aborting a run under way and waiting for it, start() arming nothing when there is nothing to do.
import { describe, expect, it } from 'vitest';
import { PeriodicJob } from '../../../src/core/periodic.ts';
import { ManualTimers } from '../../helpers/manual-timers.ts';

class Job extends PeriodicJob {
  runs = 0;
  due: number | null = 0;
  empty = false;
  /** While set, a run waits for it (or for stop()'s abort). */
  gate: Promise<void> | null = null;
  aborted = false;
  protected override idle() {
    return this.empty;
  }
  protected override nextDue() {
    return this.due;
  }
  protected override async run() {
    this.runs++;
    const signal = this.abort.signal;
    if (this.gate) await Promise.race([this.gate, new Promise<void>((res) => signal.addEventListener('abort', () => res()))]);
    this.aborted = signal.aborted;
  }
}

const at = (ms: number) => () => new Date(ms);

describe('PeriodicJob', () => {
  it('arms the timer for the next due time, runs when it fires, and arms again', async () => {
    const timers = new ManualTimers();
    const job = new Job({ timers, clock: at(1_000) });
    job.due = 61_000;
    job.start();
    expect(timers.pending?.ms).toBe(60_000);
    expect(job.nextWake).toEqual(new Date(61_000));
    job.due = 3_000_000;
    timers.pending!.fn();
    await job.tick();
    expect(job.runs).toBe(1);
    expect(timers.pending?.ms).toBe(2_999_000);
  });

  it('never runs twice at once: a tick during a run joins it', async () => {
    const timers = new ManualTimers();
    const job = new Job({ timers, clock: at(0) });
    let open!: () => void;
    job.gate = new Promise((res) => (open = res));
    job.start();
    const first = job.tick();
    const second = job.tick();
    expect(second).toBe(first);
    expect(timers.pending).toBeNull();
    open();
    await first;
    expect(job.runs).toBe(1);
    expect(timers.pending).not.toBeNull();
  });

  it('stop() aborts a run under way, waits for it and leaves no timer', async () => {
    const timers = new ManualTimers();
    const job = new Job({ timers, clock: at(0) });
    job.gate = new Promise(() => {});
    job.start();
    const run = job.tick();
    await job.stop();
    await run;
    expect(job.aborted).toBe(true);
    expect(timers.pending).toBeNull();
    expect(job.nextWake).toBeNull();
  });

  it('arms nothing when idle or when nothing is due', () => {
    const timers = new ManualTimers();
    const idle = new Job({ timers, clock: at(0) });
    idle.empty = true;
    idle.start();
    expect(timers.pending).toBeNull();
    const never = new Job({ timers, clock: at(0) });
    never.due = null;
    never.start();
    expect(timers.pending).toBeNull();
    expect(never.nextWake).toBeNull();
  });
});
