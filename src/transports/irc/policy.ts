// Small pure decisions of the IRC connection: the role a channel grants, fallback nicks, reconnect backoff (shared with
// Matrix, in core/retry.ts), and how a message addressed to a fallback nick reaches the router.

import type { Role } from '../../core/types.ts';

/** Longest nick we try before the server has told us its NICKLEN (ngIRCd/InspIRCd allow 30+; RFC says 9). */
const NICK_MAX = 30;

/**
 * The nick to try after `attempt` refusals (attempt ≥ 1): cyclebot_, cyclebot__, cyclebot___,
 * then cyclebot<N> cut to fit, so a crowded network still ends with a usable nick.
 */
/**
 * The role an IRC channel grants: its operators (o and the prefix modes above it) are chairs when
 * permissions.opsAreChairs says so; voice or half-op grant nothing, nor does a private message.
 */
export function ircRoleHint(isOp: boolean | undefined, opsAreChairs: boolean): Role | undefined {
  return isOp && opsAreChairs ? 'chair' : undefined;
}

export function fallbackNick(desired: string, attempt: number, maxLen = NICK_MAX): string {
  if (attempt <= 3 && desired.length + attempt <= maxLen) return desired + '_'.repeat(attempt);
  const suffix = String(attempt);
  return desired.slice(0, Math.max(1, maxLen - suffix.length)) + suffix;
}

export { backoffDelay, type BackoffOptions } from '../../core/retry.ts';

/**
 * The router only knows the configured nick ("cyclebot: ptg x"). When we run under another
 * nick (fallback, or irc.nick differs), "cyclebot_: ptg x" is stripped of that prefix and
 * marked addressed, so it still reaches the router as a command.
 */
export function addressedTo(
  text: string,
  currentNick: string,
  routerNick: string,
  sameNick: (a: string, b: string) => boolean,
): { text: string; addressed: boolean } {
  if (sameNick(currentNick, routerNick)) return { text, addressed: false };
  const m = /^\s*@?([^\s:,]+)[:,]\s*/.exec(text);
  if (!m || !sameNick(m[1], currentNick)) return { text, addressed: false };
  return { text: text.slice(m[0].length), addressed: true };
}
