// Which IRC messages reach the router, and as what. Pure: the transport supplies the context.
//
// Dropped on purpose: NOTICEs (never answered, so two bots cannot loop; the caller does not even
// pass them here), CTCP including ACTION (/me), our own lines (echo-message, or a server that
// relays them), nicks on the ignore list (other bots; their channel lines go to observers only), STATUSMSG ("@#chan": answering in the
// channel would leak an ops-only line), channels we were not configured for, and server messages.
import { capUntrusted } from '../../core/text.ts';
import type { ChatMessage } from '../../core/types.ts';
import { identityFor } from './roster.ts';
import { addressedTo, ircRoleHint } from './policy.ts';

export interface IncomingEvent {
  nick?: string;
  ident?: string;
  hostname?: string;
  target: string;
  group?: string;
  message: string;
  from_server?: boolean;
  tags?: Record<string, string>;
}

export interface IncomingContext {
  transport: string;
  /** The nick we hold right now (may be a fallback). */
  currentNick: string;
  /** The nick the router recognises in "cyclebot: …". */
  routerNick: string;
  ignore: readonly string[];
  /** Nick equality under the network's casemapping. */
  sameNick(a: string, b: string): boolean;
  isChannel(name: string): boolean;
  /** The configured spelling of a channel we serve, or undefined. */
  configuredChannel(name: string): string | undefined;
  /** The sender's verified services account, if any. */
  accountOf(e: IncomingEvent): string | undefined;
  isOp(channel: string, nick: string): boolean;
  /** permissions.opsAreChairs: channel operators count as chairs. */
  opsAreChairs: boolean;
}

export function toChatMessage(e: IncomingEvent, ctx: IncomingContext): ChatMessage | null {
  const nick = e.nick;
  if (!nick || e.from_server) return null;
  if (ctx.sameNick(nick, ctx.currentNick)) return null;
  // Other bots are never answered, but their channel lines still reach observers (the meeting
  // bot's "Meeting started" banner is how meetings are detected).
  const ignored = ctx.ignore.some((n) => ctx.sameNick(n, nick));
  if (e.group) return null;
  // Servers with message-tags allow lines of 8 KB and more; no regex reads more than the cap.
  const raw = typeof e.message === 'string' ? capUntrusted(e.message) : '';
  if (raw.startsWith('\x01')) return null;

  let room: string;
  const isPrivate = !ctx.isChannel(e.target);
  if (ignored && isPrivate) return null;
  if (isPrivate) {
    if (!ctx.sameNick(e.target, ctx.currentNick)) return null; // $mask broadcasts and the like
    room = nick;
  } else {
    const channel = ctx.configuredChannel(e.target);
    if (!channel) return null;
    room = channel;
  }
  const { text, addressed } = addressedTo(raw, ctx.currentNick, ctx.routerNick, ctx.sameNick);
  const roleHint = isPrivate ? undefined : ircRoleHint(ctx.isOp(room, nick), ctx.opsAreChairs);
  const sender = identityFor(nick, ctx.accountOf(e), roleHint, hostmask(e));
  const msg: ChatMessage = { transport: ctx.transport, room, isPrivate, sender, text, addressed };
  if (ignored) msg.observeOnly = true;
  return msg;
}

/** "user@host" for rate limits: the '~' a server adds for a missing ident is not part of who it is. */
function hostmask(e: IncomingEvent): string | undefined {
  if (!e.hostname) return undefined;
  return `${(e.ident ?? '').replace(/^~/, '')}@${e.hostname}`;
}
