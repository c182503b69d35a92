// Start-up steps before syncing: who are we (token check), is the stored sync state ours, and
// joining the configured rooms. Failures here are configuration problems worth one clear line.
import type { IStorageProvider, MatrixClient } from 'matrix-bot-sdk';
import type { Logger } from 'pino';
import { UserError } from '../../errors.ts';
import { brief } from './rooms.ts';
import { classifyFailure } from './send-queue.ts';

export const ACCOUNT_KEY = 'cyclebot.account';
export const ACCEPTED_KEY = 'cyclebot.acceptedRooms';

/** The homeserver refused our access token: a configuration error, not worth retrying at start. */
export class TokenRejected extends UserError {}

/**
 * whoami, once: a rejected token throws TokenRejected; anything else (unreachable, 5xx) a
 * UserError the transport retries with backoff (matrix-transport.ts).
 */
export async function whoami(client: MatrixClient, homeserverUrl: string): Promise<string> {
  try {
    return await client.getUserId();
  } catch (err) {
    const f = classifyFailure(err);
    if (f.errcode === 'M_UNKNOWN_TOKEN' || f.errcode === 'M_MISSING_TOKEN' || f.status === 401) {
      throw new TokenRejected(`matrix: ${homeserverUrl} rejected the access token (${f.errcode ?? 'HTTP 401'})`);
    }
    throw new UserError(`matrix: cannot reach ${homeserverUrl}: ${brief(err)}`);
  }
}

/**
 * A stored sync token and filter belong to one account on one server. After a change of either,
 * an old token would make every /sync fail (and the SDK retry forever), so start afresh.
 */
export async function bindAccount(storage: IStorageProvider, userId: string, homeserverUrl: string, log: Logger): Promise<void> {
  const account = `${userId} ${homeserverUrl}`;
  const stored = await storage.readValue(ACCOUNT_KEY);
  if (stored === account) return;
  if (stored) log.warn({ was: stored, now: account }, 'matrix account changed; forgetting the stored sync token');
  await storage.setSyncToken(null);
  await storage.setFilter(null as never); // the SDK's own "no filter" (its types omit null)
  await storage.storeValue(ACCEPTED_KEY, '[]');
  await storage.storeValue(ACCOUNT_KEY, account);
}

/**
 * Joins each configured room (alias or id) and maps each entry to its room id. An alias is
 * resolved first so its id is known even when the join fails; the join itself uses the alias,
 * which carries the servers to join through. One failing room is logged, the others still join.
 */
export async function joinRooms(client: MatrixClient, entries: readonly string[], log: Logger): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  await Promise.all(
    entries.map(async (entry) => {
      try {
        ids.set(entry, await client.resolveRoom(entry));
        ids.set(entry, await client.joinRoom(entry));
      } catch (err) {
        log.error({ err: brief(err), room: entry }, 'cannot join configured room');
      }
    }),
  );
  return ids;
}

/** A JSON list of strings from storage; anything else is an empty list. */
export function parseList(raw: string | null | undefined): string[] {
  if (!raw) return [];
  try {
    const v = JSON.parse(raw) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
