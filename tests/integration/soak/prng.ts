// A small seeded PRNG for the soak tests: the same seed replays the same faults (SOAK_SEED=n).
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    // mulberry32
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SOAK_SEED = Number(process.env.SOAK_SEED ?? 20261204);
