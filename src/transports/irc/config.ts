// The `irc:` config section: server, identity, channels, flood control; secrets from the environment.
import { z } from 'zod';
import { seconds } from '../../core/config.ts';

const FloodConfig = z.strictObject({
  burst: z.number().int().min(1).default(3),
  /** Lines per second after the burst; at least one line a minute. */
  perSecond: z
    .number()
    .min(1 / 60, 'must be at least 1/60 (one line a minute)')
    .max(100)
    .default(1),
  maxQueue: z.number().int().min(5).default(60),
});

export const IrcConfigSchema = z.strictObject({
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
  /** May be empty when teams name their channels (src/config.ts joins the union and checks one is named). */
  channels: z
    .array(z.string().regex(/^[#&+!][^\s,\x07]{1,49}$/, 'must be a channel name like #openstack-nova'))
    .max(500)
    .default([]),
  /** Nicks of other bots whose messages are never answered. */
  ignore: z.array(z.string().min(1)).default(['opendevmeet', 'openstackgerrit', 'opendevstatus']),
  flood: FloodConfig.default(FloodConfig.parse({})),
  /** Bytes of text per PRIVMSG, leaving room for the prefix the server adds. */
  lineBytes: z.number().int().min(100).max(450).default(400),
  maxLinesPerReply: z.number().int().min(1).max(20).default(4),
  rejoinDelaySeconds: seconds(0, 3600).default(5),
  reconnectMaxDelaySeconds: seconds(1, 3600).default(300),
});

export type IrcConfig = z.infer<typeof IrcConfigSchema>;

/** CYCLEBOT_IRC_PASSWORD fills irc.sasl.password (required with sasl), else the server password. */
export function ircSecrets(irc: IrcConfig, env: Readonly<Record<string, string | undefined>>, source: string): string[] {
  if (irc.sasl && !irc.sasl.password) {
    if (env.CYCLEBOT_IRC_PASSWORD) irc.sasl.password = env.CYCLEBOT_IRC_PASSWORD;
    else return [`${source}: irc.sasl.password: missing (set it, or the environment variable CYCLEBOT_IRC_PASSWORD)`];
  } else if (!irc.sasl && !irc.password && env.CYCLEBOT_IRC_PASSWORD) {
    irc.password = env.CYCLEBOT_IRC_PASSWORD;
  }
  return [];
}
