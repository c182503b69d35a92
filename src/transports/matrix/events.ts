// Pure decisions about incoming Matrix events: which ones may become commands, the command
// text they carry, and the Identity of their sender. No I/O here, so all of it is unit-tested.
import { capUntrusted } from '../../core/text.ts';
import type { Identity, Role } from '../../core/types.ts';

/** A room event as /sync delivers it (room_id omitted); every field is untrusted. */
export interface RawEvent {
  event_id?: unknown;
  type?: unknown;
  sender?: unknown;
  state_key?: unknown;
  origin_server_ts?: unknown;
  content?: unknown;
  unsigned?: unknown;
}

export interface FilterContext {
  botUserId: string;
  /** Users never answered (other bots, bridge puppets): see ignoreMatcher. */
  isIgnored: (userId: string) => boolean;
  /** When this run started (ms since epoch, bot clock). */
  startedAt: number;
  /** Events this much older than startedAt still count (clock skew, messages sent during start-up). */
  skewMs: number;
}

export type Verdict = { accept: true; eventId: string; sender: string; text: string; mentionsBot: boolean } | { accept: false; reason: SkipReason };

export type SkipReason = 'not a message' | 'malformed' | 'own event' | 'ignored user' | 'not m.text' | 'edit' | 'empty' | 'before start-up';

const USER_ID = /^@[^:\s]+:\S+$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Decides whether an m.room.message may be a command. Skips: the bot's own events (sync echoes
 * them), m.notice (reserved for bots, avoids bot loops) and every other msgtype, edits
 * (m.replace; the original was already seen), ignored users, and backlog from before start-up
 * (the first sync replays recent history).
 */
export function classifyMessage(ev: RawEvent, ctx: FilterContext): Verdict {
  if (ev.type !== 'm.room.message') return { accept: false, reason: 'not a message' };
  const { sender, event_id: eventId, content } = ev;
  if (typeof sender !== 'string' || !USER_ID.test(sender) || typeof eventId !== 'string' || !isRecord(content)) {
    return { accept: false, reason: 'malformed' };
  }
  if (sender === ctx.botUserId) return { accept: false, reason: 'own event' };
  if (ctx.isIgnored(sender)) return { accept: false, reason: 'ignored user' };
  if (content.msgtype !== 'm.text') return { accept: false, reason: 'not m.text' };
  const relates = isRecord(content['m.relates_to']) ? content['m.relates_to'] : undefined;
  if (relates?.rel_type === 'm.replace' || 'm.new_content' in content) return { accept: false, reason: 'edit' };
  if (typeof content.body !== 'string') return { accept: false, reason: 'malformed' };
  const ts = ev.origin_server_ts;
  if (typeof ts !== 'number' || !Number.isFinite(ts)) return { accept: false, reason: 'malformed' };
  if (ts < ctx.startedAt - ctx.skewMs) return { accept: false, reason: 'before start-up' };

  // Cut before any regex: events run to 64 KB, and this runs on every one before any other check.
  const body = capUntrusted(content.body);
  let text = isRecord(relates?.['m.in_reply_to']) ? stripReplyFallback(body) : body;
  const mention = leadingMention(content, ctx.botUserId);
  if (mention !== null && text.startsWith(mention)) text = text.slice(mention.length).replace(/^\s*[:,]?\s*/, '');
  if (text.trim() === '') return { accept: false, reason: 'empty' };
  return { accept: true, eventId, sender, text, mentionsBot: mention !== null || mentionsUser(content, ctx.botUserId) };
}

/**
 * Compiles `matrix.ignore` entries: user ids, case-insensitive, where `*` matches anything. A glob
 * such as "@_oftc_*:matrix.org" skips IRC users bridged into a room whose IRC channel the bot
 * also sits in (it would otherwise answer them twice, once per transport).
 */
export function ignoreMatcher(entries: readonly string[]): (userId: string) => boolean {
  const exact = new Set<string>();
  const globs: RegExp[] = [];
  for (const raw of entries) {
    const e = raw.trim().toLowerCase();
    if (!e) continue;
    if (e.includes('*'))
      globs.push(
        new RegExp(
          `^${e
            .split('*')
            .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
            .join('.*')}$`,
        ),
      );
    else exact.add(e);
  }
  return (userId) => {
    const u = userId.toLowerCase();
    return exact.has(u) || globs.some((g) => g.test(u));
  };
}

/**
 * Replies from older clients quote the original in `body` ("> <@a:b> text" lines, then a blank
 * line). The command is what follows; a quoted "!ptg" must not run again.
 */
export function stripReplyFallback(body: string): string {
  if (!body.startsWith('> ')) return body;
  const lines = body.split('\n');
  let i = 0;
  while (i < lines.length && lines[i].startsWith('>')) i++;
  return lines.slice(i).join('\n').replace(/^\n+/, '');
}

/** True when the event's intentional mentions (m.mentions) name this user. */
export function mentionsUser(content: Record<string, unknown>, userId: string): boolean {
  const m = content['m.mentions'];
  return isRecord(m) && Array.isArray(m.user_ids) && m.user_ids.includes(userId);
}

const MENTION_HTML = 1024;

/**
 * A message that starts with a mention pill of the bot (`<a href="https://matrix.to/#/@bot:x">Name</a>: …`)
 * carries "Name: …" in its body; returns that visible name so it can be cut off, else null.
 */
export function leadingMention(content: Record<string, unknown>, botUserId: string): string | null {
  const html = content.formatted_body;
  if (content.format !== 'org.matrix.custom.html' || typeof html !== 'string') return null;
  // A leading pill fits in MENTION_HTML characters. The user id and the query string after it are
  // disjoint ("?" ends the id), so the pattern reads each character once: `([^"'?]+)[^"']*` made
  // it try every split of a long href (a 60 KB body froze the process for 7 s).
  const m = /^\s*<a\s+href=["']https:\/\/matrix\.to\/#\/([^"'?]+)(?:\?[^"']*)?["']\s*>([^<]{1,128})<\/a>/i.exec(capUntrusted(html, MENTION_HTML));
  if (!m) return null;
  let target: string;
  try {
    target = decodeURIComponent(m[1]);
  } catch {
    return null;
  }
  return target === botUserId ? unescapeHtml(m[2]) : null;
}

function unescapeHtml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** "@gibi:matrix.org" → "gibi". */
export function localpart(userId: string): string {
  const m = /^@([^:]+)/.exec(userId);
  return m ? m[1] : userId;
}

const MAX_DISPLAY = 48;

/**
 * A display name fit for replies: control and bidi characters removed, blanks collapsed, at most
 * 48 characters; the localpart when nothing usable is left. Renderers escape it again for HTML.
 */
export function cleanDisplayName(name: unknown, userId: string): string {
  if (typeof name !== 'string') return localpart(userId);
  // Display names are up to 64 KB of anyone's choosing; only the first MAX_DISPLAY characters are shown.
  const cleaned = capUntrusted(name, MAX_DISPLAY * 8)
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned === '') return localpart(userId);
  const chars = Array.from(cleaned);
  return chars.length > MAX_DISPLAY ? chars.slice(0, MAX_DISPLAY - 1).join('') + '…' : cleaned;
}

/**
 * The sender as the router sees it. The user id is verified by the homeserver, so it is both the
 * key and the account; the role hint is set only where a power level means something (configured rooms).
 */
export function toIdentity(userId: string, displayName: unknown, roleHint: Role | undefined): Identity {
  const id: Identity = { key: `matrix:${userId}`, display: cleanDisplayName(displayName, userId), account: userId };
  if (roleHint) id.roleHint = roleHint;
  return id;
}

/** permissions.chairPowerLevel / adminPowerLevel: the levels at which a room makes a chair, an admin. */
export interface PowerLevelRoles {
  chair: number;
  admin: number;
}

export const DEFAULT_POWER_LEVEL_ROLES: PowerLevelRoles = { chair: 50, admin: 100 };

/** The role a power level grants (undefined: none, or no level known). */
export function matrixRoleHint(level: number | undefined, levels: PowerLevelRoles = DEFAULT_POWER_LEVEL_ROLES): Role | undefined {
  if (level === undefined) return undefined;
  if (level >= levels.admin) return 'admin';
  if (level >= levels.chair) return 'chair';
  return undefined;
}

/** A user's level from m.room.power_levels content: users[id], else users_default, else 0 (spec defaults). */
export function powerLevelOf(content: unknown, userId: string): number {
  if (!isRecord(content)) return 0;
  const users = isRecord(content.users) ? content.users : {};
  const own = users[userId];
  if (typeof own === 'number' && Number.isFinite(own)) return own;
  const def = content.users_default;
  return typeof def === 'number' && Number.isFinite(def) ? def : 0;
}

export type InviteDecision = 'join' | 'reject';

/** Invites are accepted only into configured rooms or from allowlisted users (never AutojoinRoomsMixin). */
export function decideInvite(roomId: string, inviter: unknown, configuredRoomIds: ReadonlySet<string>, allowlist: ReadonlySet<string>): InviteDecision {
  if (configuredRoomIds.has(roomId)) return 'join';
  return typeof inviter === 'string' && allowlist.has(inviter.toLowerCase()) ? 'join' : 'reject';
}
