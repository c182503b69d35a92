// The `launchpad:` and `triage:` config sections: the Launchpad client, write-back, the round.
import { z } from 'zod';
import { seconds } from '../core/config.ts';

// Launchpad statuses and importances as searchTasks accepts them (enum titles).
const LP_STATUSES = [
  'New',
  'Incomplete',
  'Opinion',
  'Invalid',
  "Won't Fix",
  'Expired',
  'Confirmed',
  'Triaged',
  'In Progress',
  'Deferred',
  'Fix Committed',
  'Fix Released',
  'Does Not Exist',
] as const;
const LP_IMPORTANCES = ['Undecided', 'Critical', 'High', 'Medium', 'Low', 'Wishlist', 'Unknown'] as const;

export const LaunchpadConfigSchema = z
  .strictObject({
    /** API origin; the client adds /devel/. Links in responses that name https://api.launchpad.net are rewritten to it. */
    url: z.url({ protocol: /^https?$/ }).default('https://api.launchpad.net'),
    /** Web origin for the OAuth token dance (+request-token, +authorize-token, +access-token). */
    webUrl: z.url({ protocol: /^https?$/ }).default('https://launchpad.net'),
    project: z
      .string()
      .regex(/^[a-z0-9][a-z0-9+.-]{0,63}$/, 'must be a Launchpad project name like nova')
      .default('nova'),
    /** Put in the User-Agent ("cyclebot/<version> (+<contactUrl>)") so Launchpad admins know whom to ask. */
    contactUrl: z.url({ protocol: /^https?$/ }).default('https://opendev.org/openstack/cyclebot'),
    timeoutSeconds: z.number().positive().max(120).default(20),
    retries: z.number().int().min(0).max(5).default(2),
    /** Longest Retry-After (503) honoured; longer waits give up with a clear message. */
    maxRetryAfterSeconds: z.number().min(0).max(900).default(30),
    pageSize: z.number().int().min(1).max(300).default(300),
    maxPages: z.number().int().min(1).max(20).default(4),
    /** A bug fetched less than this long ago is shown from the database without asking Launchpad. */
    cacheSeconds: seconds(0, 7 * 86_400).default(600),
    /** Writing outcomes back: off, dry-run (log and show the PATCH, the default) or on (needs a token). */
    write: z.enum(['off', 'dry-run', 'on']).default('dry-run'),
    consumerKey: z.string().min(1).default('cyclebot'),
    /** OAuth access token and secret (from `cyclebot triage login`); or CYCLEBOT_LP_TOKEN / CYCLEBOT_LP_SECRET. */
    token: z.string().min(1).optional(),
    tokenSecret: z.string().min(1).optional(),
    /** Allow http:// for url and webUrl: only for a local test server (it would send the token in clear). */
    allowHttp: z.boolean().default(false),
  })
  .superRefine((lp, ctx) => {
    for (const key of ['url', 'webUrl'] as const) {
      if (!lp.allowHttp && lp[key].startsWith('http:')) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: 'must be https:// (http would send the OAuth token in clear; launchpad.allowHttp: true is for local test servers)',
        });
      }
    }
  });

export const TriageConfigSchema = z.strictObject({
  /** Who may start a round, decide and end it (status and stats are for anyone). */
  permission: z.enum(['anyone', 'chair', 'admin']).default('chair'),
  count: z.number().int().min(1).max(50).default(5),
  maxCount: z.number().int().min(1).max(50).default(20),
  order: z.enum(['newest', 'most-voted', 'oldest']).default('newest'),
  /** The untriaged queue: these statuses, and these importances (empty = any). */
  statuses: z.array(z.enum(LP_STATUSES)).min(1).default(['New']),
  importances: z.array(z.enum(LP_IMPORTANCES)).default([]),
  /** Also count Confirmed + Undecided ("half-triaged") in the header. */
  halfTriaged: z.boolean().default(true),
  /** Emit MeetBot #link/#info/#action lines while an OpenDev meeting runs in the room. */
  minutes: z.boolean().default(true),
  /** A decision naming no bug, this soon after someone else's command showed a new bug, must name it (two chairs at once). */
  nameBugWithinSeconds: z.number().min(0).max(60).default(5),
});

export type LaunchpadConfig = z.infer<typeof LaunchpadConfigSchema>;
export type TriageConfig = z.infer<typeof TriageConfigSchema>;

/** CYCLEBOT_LP_TOKEN / CYCLEBOT_LP_SECRET fill the OAuth token; write "on" needs both. */
export function launchpadSecrets(lp: LaunchpadConfig, env: Readonly<Record<string, string | undefined>>, source: string): string[] {
  if (!lp.token && env.CYCLEBOT_LP_TOKEN) lp.token = env.CYCLEBOT_LP_TOKEN;
  if (!lp.tokenSecret && env.CYCLEBOT_LP_SECRET) lp.tokenSecret = env.CYCLEBOT_LP_SECRET;
  if (lp.write === 'on' && !(lp.token && lp.tokenSecret)) {
    return [
      `${source}: launchpad.token: missing for launchpad.write "on" (run cyclebot triage login, then set launchpad.token/tokenSecret or CYCLEBOT_LP_TOKEN/CYCLEBOT_LP_SECRET; or use write "dry-run")`,
    ];
  }
  return [];
}
