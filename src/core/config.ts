// The kernel's config keys (name, prefix, permissions, rate limit, input cap) and the bounded
// durations every section's schema uses; src/config.ts composes them with the other sections.
import { z } from 'zod';

// Every duration has an upper bound: Node's timers hold at most 2^31-1 ms (24.8 days), and a
// longer one fires after 1 ms, every time (healthMinutes: 40000 logged thousands of lines).
export const seconds = (min: number, max: number) =>
  z
    .number()
    .min(min, `must be at least ${min} s`)
    .max(max, `must be at most ${max} s (${human(max)})`);
export const minutes = (min: number, max: number) =>
  z
    .number()
    .min(min, `must be at least ${min} min`)
    .max(max, `must be at most ${max} min (${human(max * 60)})`);

function human(s: number): string {
  if (s >= 86_400) return `${s / 86_400} day${s === 86_400 ? '' : 's'}`;
  return s >= 3600 ? `${s / 3600} h` : s >= 60 ? `${s / 60} min` : `${s} s`;
}

export const PermissionsConfig = z.strictObject({
  admins: z.array(z.string().min(1)).default([]),
  chairs: z.array(z.string().min(1)).default([]),
  opsAreChairs: z.boolean().default(true),
  chairPowerLevel: z.number().int().default(50),
  adminPowerLevel: z.number().int().default(100),
});

/** Top-level keys the router, permissions and rate limit read. */
export const coreConfigShape = {
  nick: z
    .string()
    .regex(/^[A-Za-z[\]\\`_^{|}][A-Za-z0-9[\]\\`_^{|}-]{0,29}$/, 'must be a valid IRC nick')
    .default('cyclebot'),
  prefix: z.string().min(1).max(3).default('!'),
  permissions: PermissionsConfig.default(PermissionsConfig.parse({})),
  rateLimit: z
    .strictObject({ burst: z.number().int().min(1).max(1000).default(5), refillSeconds: seconds(0.001, 3600).default(3) })
    .default({ burst: 5, refillSeconds: 3 }),
  replyToUnknownInRooms: z.boolean().default(true),
};

/** Longest chat message read (characters), before any parsing. */
export const inputConfigShape = {
  maxInputChars: z.number().int().min(50).max(4000).default(500),
};
