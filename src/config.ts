// Reads and validates the YAML config once. Only config modules read process.env: this one and
// the sections' own config.ts files (the Matrix one, for a proxy decided before the SDK loads).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml, type YAMLParseError } from 'yaml';
import { z } from 'zod';
import { ConfigError } from './errors.ts';
import { coreConfigShape, inputConfigShape, minutes } from './core/config.ts';
import { meetingsConfigShape } from './meetings/config.ts';
import { PtgConfigSchema } from './ptg/config.ts';
import { refineSourceIds } from './sources/config.ts';
import { ScheduleConfigSchema } from './schedule/config.ts';
import { ircSecrets, IrcConfigSchema } from './transports/irc/config.ts';
import { matrixSecrets, MatrixConfigSchema } from './transports/matrix/config.ts';
import { WebConfigSchema } from './web/config.ts';
import { teamRooms, TeamsConfigSchema } from './teams/config.ts';
import { launchpadSecrets, LaunchpadConfigSchema, TriageConfigSchema } from './triage/config.ts';

// Each section is declared by the folder that reads it; this file only composes them, one line each,
// and fills secrets from the environment through each section's own function.
export const ConfigSchema = z
  .strictObject({
    database: z.string().min(1).optional(),
    ...coreConfigShape,
    ...meetingsConfigShape,
    /** Minutes between health lines in the log while running (0 = off). */
    healthMinutes: minutes(0, 1440).default(15),
    ...inputConfigShape,
    ptg: PtgConfigSchema,
    launchpad: LaunchpadConfigSchema.default(LaunchpadConfigSchema.parse({})),
    triage: TriageConfigSchema.default(TriageConfigSchema.parse({})),
    irc: IrcConfigSchema.optional(),
    matrix: MatrixConfigSchema.optional(),
    schedule: ScheduleConfigSchema.default(ScheduleConfigSchema.parse({})),
    /** The read-only web site (src/web); off unless present. */
    web: WebConfigSchema.optional(),
    /** The teams one bot serves (src/teams); without it, the single-team keys make a team of one. */
    teams: TeamsConfigSchema.optional(),
    log: z
      .strictObject({ level: z.enum(['debug', 'info', 'warn', 'error']).default('info'), format: z.enum(['json', 'pretty']).default('json') })
      .default({ level: 'info', format: 'json' }),
  })
  .superRefine((c, ctx) => {
    // A network with nothing to join: its own list is empty and no team names a room there.
    const named = teamRooms(c.teams ?? []);
    if (c.irc && c.irc.channels.length === 0 && named.irc.length === 0)
      ctx.addIssue({ code: 'custom', path: ['irc', 'channels'], message: 'must list at least one channel (or teams name "irc:#channel"s)' });
    // With teams, reminder channels and own dates are each team's (teams[].schedule), never everyone's.
    for (const key of ['channels', 'events'] as const) {
      if (c.teams && c.schedule[key].length)
        ctx.addIssue({ code: 'custom', path: ['schedule', key], message: `with teams, give each team's in teams[].schedule.${key}` });
    }
    refineSourceIds(c, ctx);
  });

export type Config = z.infer<typeof ConfigSchema>;

/** Validates a parsed config object; each problem becomes one line naming its key path. */
export function validateConfig(raw: unknown, source = 'config', env: NodeJS.ProcessEnv = process.env): Config {
  const result = ConfigSchema.safeParse(raw ?? {});
  if (result.success) return withSecrets(result.data, source, env);
  const problems = result.error.issues.map((i) => {
    const at = i.path.length ? i.path.join('.') : '(top level)';
    if (i.code === 'unrecognized_keys')
      return `${source}: unknown key${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `${at === '(top level)' ? '' : `${at}.`}${k}`).join(', ')}`;
    return `${source}: ${at}: ${i.message}`;
  });
  throw new ConfigError(problems.join('\n'));
}

// Secrets may stay out of the file: CYCLEBOT_IRC_PASSWORD, CYCLEBOT_MATRIX_TOKEN, CYCLEBOT_LP_TOKEN and
// CYCLEBOT_LP_SECRET fill them in (each section's own function says how).
function withSecrets(config: Config, source: string, env: NodeJS.ProcessEnv): Config {
  const out = structuredClone(config);
  // The rooms teams name are joined with the sections' own, each once.
  const named = teamRooms(out.teams ?? []);
  if (out.irc) out.irc.channels = union(out.irc.channels, named.irc, (c) => c.toLowerCase());
  if (out.matrix) out.matrix.rooms = union(out.matrix.rooms, named.matrix, (r) => r);
  const problems = [
    ...(out.irc ? ircSecrets(out.irc, env, source) : []),
    ...(out.matrix ? matrixSecrets(out.matrix, env, source) : []),
    ...launchpadSecrets(out.launchpad, env, source),
  ];
  if (problems.length) throw new ConfigError(problems.join('\n'));
  return Object.freeze(out) as Config;
}

function union(own: string[], more: string[], key: (s: string) => string): string[] {
  const seen = new Set(own.map(key));
  return [...own, ...more.filter((m) => !seen.has(key(m)) && seen.add(key(m)))];
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
