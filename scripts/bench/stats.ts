// Timing helpers for the benchmarks: percentiles over repeated runs, machine facts.
import os from 'node:os';

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** Runs fn once per input (after a warm-up pass) and returns per-call milliseconds, sorted. */
export function timeEach<T>(inputs: T[], fn: (x: T) => unknown, warmup = Math.min(50, inputs.length)): number[] {
  for (let i = 0; i < warmup; i++) fn(inputs[i % inputs.length]);
  const out: number[] = [];
  for (const x of inputs) {
    const t = process.hrtime.bigint();
    fn(x);
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out.sort((a, b) => a - b);
}

/** loadAverage: the 1-minute load when the run started; above the core count, wall times stretch. */
export function machine(): { cores: number; cpu: string; node: string; memoryGiB: number; loadAverage: number } {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: Math.round(os.loadavg()[0] * 10) / 10,
  };
}

/** Milliseconds of this process's CPU time (user + system) that fn takes: what the load does not stretch. */
export function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

export const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Deterministic PRNG (mulberry32) so every run builds the same corpus. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
