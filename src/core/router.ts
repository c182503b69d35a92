// Message → command → permission → handler → tagged result. Knows no chat platform.
import { CommandError } from '../errors.ts';
import { allows, roleOf, type PermissionConfig } from './permissions.ts';
import { rateKeys, type RateLimiter } from './rate-limit.ts';
import type { Registry } from './registry.ts';
import { command, renderCommands, rich } from './rich.ts';
import type { ChatMessage, Reply, RichLine, TeamScope } from './types.ts';
import { capUntrusted, MAX_UNTRUSTED_CHARS, sanitizeLine, truncate } from './text.ts';

export interface RouterOptions {
  prefix: string;
  /** The bot's own name, for "cyclebot: ptg x". */
  nick: string;
  permissions: PermissionConfig;
  rateLimiter: RateLimiter;
  /** Longest command text accepted, in characters. */
  maxInputChars: number;
  /** Answer "unknown command" in rooms (always done in private and when addressed). */
  replyToUnknownInRooms: boolean;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  clock?: () => Date;
  /** The team a message means (src/teams): handed to handlers; its chairs are chairs for the message. */
  teams?: (msg: ChatMessage, now: Date) => TeamScope;
}

/**
 * `crashed`: the handler threw something unexpected (a bug, logged with its stack); the asker got
 * a generic apology. Kept apart from `refused` (a user's mistake or a rule) so tests can tell.
 */
export type RouteResult =
  | { kind: 'ignored' }
  | { kind: 'ok'; command: string; replies: Reply[] }
  | { kind: 'refused'; command?: string; replies: Reply[]; reason: string }
  | { kind: 'crashed'; command: string; replies: Reply[] };

/** At most `max` leading words of text, with where the text after the last one starts. */
function leadingWords(text: string, max: number): { words: string[]; ends: number[] } {
  const words: string[] = [];
  const ends: number[] = [];
  const re = /\S+/g;
  for (let m = re.exec(text); m && words.length < max; m = re.exec(text)) {
    words.push(m[0]);
    ends.push(m.index + m[0].length);
  }
  return { words, ends };
}

/** Matches "cyclebot: " / "@cyclebot, " at the start of a message. */
export function addressPattern(nick: string): RegExp {
  return new RegExp(`^@?${escapeRegExp(nick)}[:,]\\s*`, 'i');
}

/** Finds the command text in a message, or null when the message is not for the bot. */
export function commandText(msg: ChatMessage, prefix: string, addressed: RegExp): { text: string; direct: boolean } | null {
  const raw = capUntrusted(msg.text).trim();
  const match = addressed.exec(raw);
  if (match) {
    const rest = raw.slice(match[0].length);
    return { text: rest.startsWith(prefix) ? rest.slice(prefix.length) : rest, direct: true };
  }
  const direct = msg.isPrivate || msg.addressed;
  if (raw.startsWith(prefix)) return { text: raw.slice(prefix.length), direct };
  if (direct) return { text: raw, direct };
  return null;
}

export class Router {
  private readonly addressed: RegExp;

  constructor(
    private readonly registry: Registry,
    private readonly opts: RouterOptions,
  ) {
    this.addressed = addressPattern(opts.nick);
  }

  async handle(msg: ChatMessage): Promise<RouteResult> {
    const found = commandText(msg, this.opts.prefix, this.addressed);
    if (found === null || found.text.trim() === '') return { kind: 'ignored' };
    const { text: cmdText, direct } = found;
    if (!direct && /^\s/.test(cmdText)) return { kind: 'ignored' }; // "! echo" in a room is not a command
    const now = this.opts.clock?.() ?? new Date();
    const trimmed = cmdText.trim();
    const lead = leadingWords(trimmed, this.registry.maxWords());
    const word = (lead.words[0] ?? '').toLowerCase();
    const match = this.registry.match(lead.words);
    const spec = match?.spec;
    if (!spec && !/^[\p{L}\p{N}_-]{1,32}$/u.test(word)) return { kind: 'ignored' }; // "!!!" or "! hello": not a command

    // The local console operator is never throttled (piped input may be long).
    const buckets = rateKeys(msg.sender);
    const verdict = msg.sender.isLocalOperator ? 'ok' : this.opts.rateLimiter.check(buckets, now.getTime());
    if (verdict !== 'ok') {
      if (verdict === 'silent') return { kind: 'ignored' };
      const wait = this.opts.rateLimiter.waitSeconds(buckets);
      return this.refuse([`${msg.sender.display}: slow down please, I will answer you again in ${wait}s.`], 'rate limited', spec?.name);
    }
    if (!spec || !match) {
      if (!direct && !this.opts.replyToUnknownInRooms) return { kind: 'ignored' };
      const hint = this.registry.suggest(word);
      const shown = truncate(sanitizeLine(word), 32);
      const did: RichLine = hint ? rich`did you mean ${command(hint)}? ` : [];
      return this.refuse([`unknown command ${this.opts.prefix}${shown}: `, ...did, ...rich`(${command('help')} lists commands)`], 'unknown command');
    }
    let args = sanitizeLine(trimmed.slice(lead.ends[match.words - 1]));
    if (match.sub?.accepts && !match.sub.accepts.test(args)) {
      // Not the sub-command's arguments: the command's own handler reads the words instead.
      Object.assign(match, { sub: undefined, words: 1 });
      args = sanitizeLine(trimmed.slice(lead.ends[0]));
    }
    // "triage confirm": named (and refused) as the sub-command the text matched.
    const name = match.sub ? `${spec.name} ${match.sub.name}` : spec.name;
    if (cmdText.length > this.opts.maxInputChars) {
      const size = msg.text.length > MAX_UNTRUSTED_CHARS ? `over ${MAX_UNTRUSTED_CHARS}` : cmdText.length;
      return this.refuse(rich`that message is too long (${size} characters; ${command(spec.name)} takes at most ${this.opts.maxInputChars})`, 'too long', name);
    }
    const team = this.opts.teams?.(msg, now);
    // The message team's chairs, or those of the team the command acts for (its access rule).
    const rule = match.sub?.access?.({ message: msg, args, ...(team ? { team } : {}) });
    const chairs = rule ? rule.chairs : (team?.chairs ?? []);
    const perms = chairs.length ? { ...this.opts.permissions, chairs: [...this.opts.permissions.chairs, ...chairs] } : this.opts.permissions;
    const role = roleOf(msg.sender, perms);
    const needed = rule?.permission ?? match.sub?.permission ?? spec.permission;
    if (!allows(role, needed)) {
      // One wording for every command and sub-command.
      return this.refuse(
        rich`${command(name)} is for ${needed}s only (you are ${role === 'anyone' ? 'not recognised as one' : `a ${role}`}).`,
        'permission',
        name,
      );
    }
    const handler = match.sub?.handler ?? spec.handler;
    try {
      const out = await handler({ message: msg, args, role, now, ...(team ? { team } : {}) });
      return { kind: 'ok', command: name, replies: (Array.isArray(out) ? out : [out]).map((r) => this.render(r)) };
    } catch (err) {
      if (err instanceof CommandError) {
        this.opts.log.warn({ command: name, err: err.message }, 'command refused');
        return this.refuse(typeof err.userMessage === 'string' ? [err.userMessage] : [...(err.userMessage as RichLine)], 'command error', name);
      }
      this.opts.log.error({ command: name, err }, 'command failed');
      const line = rich`sorry, ${command(spec.name)} failed unexpectedly; the error is in the bot's log.`;
      return { kind: 'crashed', command: name, replies: [this.render({ lines: [line], notice: true, toSender: true })] };
    }
  }

  /** A reply as it leaves the bot: every command element rendered with the configured prefix. */
  render(reply: Reply): Reply {
    return renderCommands(reply, this.opts.prefix);
  }

  private refuse(line: RichLine, reason: string, name?: string): RouteResult {
    // Usage errors and refusals are the asker's business: to them, not to the whole channel.
    return { kind: 'refused', command: name, replies: [this.render({ lines: [line], notice: true, toSender: true })], reason };
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
