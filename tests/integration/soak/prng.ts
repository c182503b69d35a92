// The soak tests' seeded PRNG: the bench's mulberry32, so the same seed replays the same faults
// (SOAK_SEED=n).
export { prng } from '../../../scripts/bench/stats.ts';

export const SOAK_SEED = Number(process.env.SOAK_SEED ?? 20261204);
