// Reads and validates the YAML config once; the only module that reads process.env.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { ConfigError } from './errors.ts';
import { KINDS } from './schedule/types.ts';

const Permissions = z.strictObject({
  admins: z.array(z.string().min(1)).default([]),
  chairs: z.array(z.string().min(1)).default([]),
  opsAreChairs: z.boolean().default(true),
  chairPowerLevel: z.number().int().default(50),
  adminPowerLevel: z.number().int().default(100),
});

const Summary = z.strictObject({
  file: z.string().min(1),
  project: z.string().min(1).optional(),
  cycle: z.string().min(1).optional(),
  id: z.string().min(1).optional(),
});

/** A summary the running bot keeps current (ptg.sources); a bare string is its URL. */
const LiveSource = z.preprocess(
  (v) => (typeof v === 'string' ? { url: v } : v),
  z.strictObject({
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    project: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be a lower-case project name like nova').optional(),
    cycle: z.string().regex(/^[a-z]+$/, 'must be a series name like indri').optional(),
    id: z.string().regex(/^[\w.-]{1,100}$/, "must be letters, digits, '.', '_' or '-'").optional(),
    refreshMinutes: z.number().min(5, 'must be at least 5 min').max(10_080, 'must be at most 10080 min (7 days)').optional(),
  }),
);

// Every duration has an upper bound: Node's timers hold at most 2^31-1 ms (24.8 days), and a
// longer one fires after 1 ms, every time (healthMinutes: 40000 logged thousands of lines).
const seconds = (min: number, max: number) => z.number().min(min, `must be at least ${min} s`).max(max, `must be at most ${max} s (${human(max)})`);
const minutes = (min: number, max: number) => z.number().min(min, `must be at least ${min} min`).max(max, `must be at most ${max} min (${human(max * 60)})`);

function human(s: number): string {
  if (s >= 86_400) return `${s / 86_400} day${s === 86_400 ? '' : 's'}`;
  return s >= 3600 ? `${s / 3600} h` : s >= 60 ? `${s / 60} min` : `${s} s`;
}

const Flood = z.strictObject({
  burst: z.number().int().min(1).default(3),
  /** Lines per second after the burst; at least one line a minute. */
  perSecond: z.number().min(1 / 60, 'must be at least 1/60 (one line a minute)').max(100).default(1),
  maxQueue: z.number().int().min(5).default(60),
});

const Irc = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).optional(),
  tls: z.boolean().default(true),
  /** Verify the server certificate (turn off only for test servers). */
  rejectUnauthorized: z.boolean().default(true),
  nick: z.string().min(1).optional(),
  username: z.string().min(1).optional(),
  realname: z.string().min(1).default('cyclebot, the OpenStack meeting bot'),
  /** Server password (PASS); for services use sasl. */
  password: z.string().min(1).optional(),
  sasl: z.strictObject({ account: z.string().min(1), password: z.string().min(1).optional() }).optional(),
  channels: z.array(z.string().regex(/^[#&+!][^\s,\x07]{1,49}$/, 'must be a channel name like #openstack-nova')).min(1),
  /** Nicks of other bots whose messages are never answered. */
  ignore: z.array(z.string().min(1)).default(['opendevmeet', 'openstackgerrit', 'opendevstatus']),
  flood: Flood.default(Flood.parse({})),
  /** Bytes of text per PRIVMSG, leaving room for the prefix the server adds. */
  lineBytes: z.number().int().min(100).max(450).default(400),
  maxLinesPerReply: z.number().int().min(1).max(20).default(4),
  rejoinDelaySeconds: seconds(0, 3600).default(5),
  reconnectMaxDelaySeconds: seconds(1, 3600).default(300),
});

const Matrix = z.strictObject({
  homeserverUrl: z.url({ protocol: /^https?$/ }),
  accessToken: z.string().min(1).optional(),
  /** Room ids (!x:server) or aliases (#x:server) to join and answer in. */
  rooms: z.array(z.string().regex(/^[!#][^:\s]+:\S+$/, 'must be a room id (!id:server) or alias (#alias:server)')).default([]),
  /** User ids whose invites are accepted (configured rooms are always joined). */
  inviteAllowlist: z.array(z.string().regex(/^@[^:\s]+:\S+$/, 'must be a user id (@user:server)')).default([]),
  ignore: z.array(z.string().min(1)).default([]),
  /** Answer direct (1:1) chats. */
  directMessages: z.boolean().default(true),
  /** Most direct chats the bot keeps for private replies; past it (and with none idle) it answers in the room. */
  maxDirectRooms: z.number().int().min(0).max(10_000).default(50),
  /** A direct chat unused this many days may be left to make room for a new one. */
  directRoomIdleDays: z.number().min(0).max(365).default(7),
  /** Homeserver unreachable at start: retry with backoff doubling up to this (like irc's). */
  reconnectMaxDelaySeconds: z.number().min(1).max(3600).default(300),
});

// Launchpad statuses and importances as searchTasks accepts them (enum titles).
const LP_STATUSES = ['New', 'Incomplete', 'Opinion', 'Invalid', "Won't Fix", 'Expired', 'Confirmed', 'Triaged', 'In Progress', 'Deferred', 'Fix Committed', 'Fix Released', 'Does Not Exist'] as const;
const LP_IMPORTANCES = ['Undecided', 'Critical', 'High', 'Medium', 'Low', 'Wishlist', 'Unknown'] as const;

const Launchpad = z.strictObject({
  /** API origin; the client adds /devel/. Links in responses that name https://api.launchpad.net are rewritten to it. */
  url: z.url({ protocol: /^https?$/ }).default('https://api.launchpad.net'),
  /** Web origin for the OAuth token dance (+request-token, +authorize-token, +access-token). */
  webUrl: z.url({ protocol: /^https?$/ }).default('https://launchpad.net'),
  project: z.string().regex(/^[a-z0-9][a-z0-9+.-]{0,63}$/, 'must be a Launchpad project name like nova').default('nova'),
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
}).superRefine((lp, ctx) => {
  for (const key of ['url', 'webUrl'] as const) {
    if (!lp.allowHttp && lp[key].startsWith('http:')) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'must be https:// (http would send the OAuth token in clear; launchpad.allowHttp: true is for local test servers)' });
    }
  }
});

const Triage = z.strictObject({
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

// ---- schedule: milestone reminders (see README "Schedule and reminders") ----
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
const OffsetsByKind = z.strictObject(Object.fromEntries(KINDS.map((k) => [k, Offsets.optional()])) as Record<(typeof KINDS)[number], z.ZodOptional<typeof Offsets>>);
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
  cycle: z.string().regex(/^[a-z]+$/, 'must be a series name like flamingo').optional(),
  description: z.string().max(300).optional(),
});
const Schedule = z
  .strictObject({
    /** The team: project-specific events of this project are the team's own. */
    project: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be a lower-case project name like nova').default('nova'),
    /** Pin the current cycle (default: the imported cycle whose weeks hold today). */
    cycle: z.string().regex(/^[a-z]+$/, 'must be a series name like flamingo').optional(),
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
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.channels.forEach((c, i) => {
      if (seen.has(c.target)) ctx.addIssue({ code: 'custom', path: ['channels', i, 'target'], message: `${c.target} is listed twice` });
      seen.add(c.target);
    });
  });

export const ConfigSchema = z.strictObject({
  database: z.string().min(1).optional(),
  nick: z.string().regex(/^[A-Za-z[\]\\`_^{|}][A-Za-z0-9[\]\\`_^{|}-]{0,29}$/, 'must be a valid IRC nick').default('cyclebot'),
  prefix: z.string().min(1).max(3).default('!'),
  permissions: Permissions.default(Permissions.parse({})),
  rateLimit: z
    .strictObject({ burst: z.number().int().min(1).max(1000).default(5), refillSeconds: seconds(0.001, 3600).default(3) })
    .default({ burst: 5, refillSeconds: 3 }),
  replyToUnknownInRooms: z.boolean().default(true),
  /**
   * Who the OpenDev meeting bot is, by identity as in `permissions`: "irc:<services account>", a
   * Matrix user id "@opendevmeet:server", or a plain IRC nick (spoofable: networks without services).
   * A single string is one entry.
   */
  meetingBots: z
    .union([z.string().min(1).max(255), z.array(z.string().min(1).max(255)).max(20)])
    .transform((v) => (typeof v === 'string' ? [v] : v))
    .default(['opendevmeet']),
  /** An OpenDev meeting whose "Meeting ended" was missed counts as over this long after it started or after its last line. */
  meetings: z
    .strictObject({
      maxHours: z.number().min(0.5).max(6).default(3),
      idleMinutes: z.number().min(10).max(180).default(60),
    })
    .default({ maxHours: 3, idleMinutes: 60 }),
  /** Minutes between health lines in the log while running (0 = off). */
  healthMinutes: minutes(0, 1440).default(15),
  maxInputChars: z.number().int().min(50).max(4000).default(500),
  ptg: z
    .strictObject({
      /** Summaries imported at start when their file changed; paths relative to the config file. */
      summaries: z.array(Summary).default([]),
      maxHits: z.number().int().min(1).max(20).default(8),
      /** Import the bundled summaries (data/ptg/manifest.yaml) into a database that has none. */
      bundled: z.boolean().default(true),
      /** Summaries on the web the running bot keeps current (etherpads, mail archives, pages). */
      sources: z.array(LiveSource).max(50).default([]),
      /** How often each source is fetched again (a source's own refreshMinutes wins). */
      refreshMinutes: minutes(5, 10_080).default(60),
    })
    .superRefine((p, ctx) => {
      const urls = new Set<string>();
      const ids = new Set<string>();
      p.sources.forEach((s, i) => {
        if (urls.has(s.url)) ctx.addIssue({ code: 'custom', path: ['sources', i, 'url'], message: `${s.url} is listed twice` });
        if (s.id && ids.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sources', i, 'id'], message: `id ${s.id} is used twice` });
        urls.add(s.url);
        if (s.id) ids.add(s.id);
      });
    })
    .default({ summaries: [], maxHits: 8, bundled: true, sources: [], refreshMinutes: 60 }),
  launchpad: Launchpad.default(Launchpad.parse({})),
  triage: Triage.default(Triage.parse({})),
  irc: Irc.optional(),
  matrix: Matrix.optional(),
  schedule: Schedule.default(Schedule.parse({})),
  log: z
    .strictObject({ level: z.enum(['debug', 'info', 'warn', 'error']).default('info'), format: z.enum(['json', 'pretty']).default('json') })
    .default({ level: 'info', format: 'json' }),
});

export type Config = z.infer<typeof ConfigSchema>;
export type ScheduleConfig = Config['schedule'];

/** Validates a parsed config object; each problem becomes one line naming its key path. */
export function validateConfig(raw: unknown, source = 'config', env: NodeJS.ProcessEnv = process.env): Config {
  const result = ConfigSchema.safeParse(raw ?? {});
  if (result.success) return withSecrets(result.data, source, env);
  const problems = result.error.issues.map((i) => {
    const at = i.path.length ? i.path.join('.') : '(top level)';
    if (i.code === 'unrecognized_keys') return `${source}: unknown key${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `${at === '(top level)' ? '' : `${at}.`}${k}`).join(', ')}`;
    return `${source}: ${at}: ${i.message}`;
  });
  throw new ConfigError(problems.join('\n'));
}

// Secrets may stay out of the file: CYCLEBOT_IRC_PASSWORD, CYCLEBOT_MATRIX_TOKEN, CYCLEBOT_LP_TOKEN and
// CYCLEBOT_LP_SECRET fill them in.
function withSecrets(config: Config, source: string, env: NodeJS.ProcessEnv): Config {
  const problems: string[] = [];
  const out = structuredClone(config);
  if (out.irc?.sasl && !out.irc.sasl.password) {
    if (env.CYCLEBOT_IRC_PASSWORD) out.irc.sasl.password = env.CYCLEBOT_IRC_PASSWORD;
    else problems.push(`${source}: irc.sasl.password: missing (set it, or the environment variable CYCLEBOT_IRC_PASSWORD)`);
  } else if (out.irc && !out.irc.sasl && !out.irc.password && env.CYCLEBOT_IRC_PASSWORD) {
    out.irc.password = env.CYCLEBOT_IRC_PASSWORD;
  }
  if (out.matrix && !out.matrix.accessToken) {
    if (env.CYCLEBOT_MATRIX_TOKEN) out.matrix.accessToken = env.CYCLEBOT_MATRIX_TOKEN;
    else problems.push(`${source}: matrix.accessToken: missing (set it, or the environment variable CYCLEBOT_MATRIX_TOKEN)`);
  }
  if (!out.launchpad.token && env.CYCLEBOT_LP_TOKEN) out.launchpad.token = env.CYCLEBOT_LP_TOKEN;
  if (!out.launchpad.tokenSecret && env.CYCLEBOT_LP_SECRET) out.launchpad.tokenSecret = env.CYCLEBOT_LP_SECRET;
  if (out.launchpad.write === 'on' && !(out.launchpad.token && out.launchpad.tokenSecret)) {
    problems.push(`${source}: launchpad.token: missing for launchpad.write "on" (run cyclebot triage login, then set launchpad.token/tokenSecret or CYCLEBOT_LP_TOKEN/CYCLEBOT_LP_SECRET; or use write "dry-run")`);
  }
  if (problems.length) throw new ConfigError(problems.join('\n'));
  return Object.freeze(out) as Config;
}

export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): { config: Config; dir: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    const e = err as YAMLParseError;
    const where = e.linePos?.[0] ? ` (line ${e.linePos[0].line}, column ${e.linePos[0].col})` : '';
    throw new ConfigError(`${file}: not valid YAML${where}: ${e.message.split('\n')[0]}`);
  }
  return { config: validateConfig(raw, file, env), dir: path.dirname(path.resolve(file)) };
}

/** Where the database lives when neither --db nor the config says: $CYCLEBOT_HOME or the XDG data dir. */
export function defaultDataDir(): string {
  const env = process.env;
  if (env.CYCLEBOT_HOME) return env.CYCLEBOT_HOME;
  const xdg = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(xdg, 'cyclebot');
}

export function defaultDatabasePath(): string {
  return path.join(defaultDataDir(), 'cyclebot.db');
}

/** An HTTP(S) proxy in the environment: the Matrix SDK then keeps its `request` library, which honours it. */
export function httpProxyConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((k) => !!env[k]);
}
