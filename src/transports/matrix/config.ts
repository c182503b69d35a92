// The `matrix:` config section: homeserver, token, rooms, direct chats; the token may come from the environment.
import { z } from 'zod';

export const MatrixConfigSchema = z.strictObject({
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

export type MatrixConfig = z.infer<typeof MatrixConfigSchema>;

/** CYCLEBOT_MATRIX_TOKEN fills matrix.accessToken, which is required. */
export function matrixSecrets(matrix: MatrixConfig, env: Readonly<Record<string, string | undefined>>, source: string): string[] {
  if (matrix.accessToken) return [];
  if (env.CYCLEBOT_MATRIX_TOKEN) matrix.accessToken = env.CYCLEBOT_MATRIX_TOKEN;
  else return [`${source}: matrix.accessToken: missing (set it, or the environment variable CYCLEBOT_MATRIX_TOKEN)`];
  return [];
}

/**
 * An HTTP(S) proxy in the environment: the Matrix SDK then keeps its `request` library, which
 * honours it. Read from the environment here because sdk-patches.ts decides at load, before any
 * config file is read.
 */
export function httpProxyConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((k) => !!env[k]);
}
