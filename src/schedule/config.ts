// The `schedule:` config section: the team, reminder times and offsets, channels, the team's own dates
// (see README "Schedule and reminders").
import { z } from 'zod';
import { KINDS } from './types.ts';

/** The openstack/releases tree as opendev.org serves its raw files (`schedule sync`'s default). */
export const DEFAULT_RELEASES_URL = 'https://opendev.org/openstack/releases/raw/branch/master';

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};
const TimeZone = z.string().refine(isTimeZone, 'must be an IANA time zone such as UTC or Europe/Paris');
const HhMm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM (24-hour)');
const IsoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  // Date.parse, not new Date().toISOString(): that throws a RangeError on month 13.
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().startsWith(d);
  }, 'is not a calendar date');
const Offsets = z.array(z.string().regex(/^(?:[1-9]\d{0,2}[wd]|morning)$/, 'must be an offset like 2w, 1w, 3d, 1d or morning')).max(8);
const OffsetsByKind = z.strictObject(
  Object.fromEntries(KINDS.map((k) => [k, Offsets.optional()])) as Record<(typeof KINDS)[number], z.ZodOptional<typeof Offsets>>,
);
const ChannelTarget = z.string().regex(/^[a-z][a-z0-9_-]*:\S+$/, 'must be "<transport>:<room>", e.g. "irc:#openstack-nova"');
const ScheduleChannel = z.preprocess(
  (v) => (typeof v === 'string' ? { target: v } : v),
  z.strictObject({
    target: ChannelTarget,
    /** Display zone and the zone of postAt for this channel. */
    timeZone: TimeZone.optional(),
    postAt: HhMm.optional(),
    offsets: OffsetsByKind.optional(),
  }),
);
const TeamEvent = z.strictObject({
  name: z.string().min(1).max(100),
  date: IsoDay,
  /** UTC time of the deadline; without it the event is the whole UTC day. */
  time: HhMm.optional(),
  kind: z.enum(KINDS).optional(),
  /** Series name; default: the cycle whose weeks hold the date. */
  cycle: z
    .string()
    .regex(/^[a-z]+$/, 'must be a series name like flamingo')
    .optional(),
  description: z.string().max(300).optional(),
});
export const ScheduleConfigSchema = z
  .strictObject({
    /** The team: project-specific events of this project are the team's own. */
    project: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be a lower-case project name like nova')
      .default('nova'),
    /** Pin the current cycle (default: the imported cycle whose weeks hold today). */
    cycle: z
      .string()
      .regex(/^[a-z]+$/, 'must be a series name like flamingo')
      .optional(),
    /** Import the schedules shipped in data/schedules into a database that lacks them. */
    bundled: z.boolean().default(true),
    timeZone: TimeZone.default('UTC'),
    postAt: HhMm.default('09:00'),
    graceHours: z.number().min(0).max(168).default(6),
    offsets: OffsetsByKind.default({}),
    remind: z
      .strictObject({ include: z.array(z.string().min(1)).default([]), exclude: z.array(z.string().min(1)).default([]) })
      .default({ include: [], exclude: [] }),
    channels: z.array(ScheduleChannel).default([]),
    events: z.array(TeamEvent).default([]),
    /** `cyclebot run` syncs the release schedule from the openstack/releases tree every everyHours (0: never). */
    sync: z
      .strictObject({
        url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default(DEFAULT_RELEASES_URL),
        everyHours: z
          .number()
          .min(0)
          .max(168, 'must be at most 168 h (a week)')
          .refine((h) => h === 0 || h >= 1, 'must be 0 (off) or at least 1 h')
          .default(24),
      })
      .default({ url: DEFAULT_RELEASES_URL, everyHours: 24 }),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.channels.forEach((c, i) => {
      if (seen.has(c.target)) ctx.addIssue({ code: 'custom', path: ['channels', i, 'target'], message: `${c.target} is listed twice` });
      seen.add(c.target);
    });
  });

export type ScheduleConfig = z.infer<typeof ScheduleConfigSchema>;
