// Message → command → permission → handler → tagged result. Knows no chat platform.
import { CommandError } from '../errors.ts';
import { allows, roleOf, type PermissionConfig } from './permissions.ts';
import { rateKeys, type RateLimiter } from './rate-limit.ts';
import type { Registry } from './registry.ts';
import type { ChatMessage, CommandSpec, Reply } from './types.ts';
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
}

export type RouteResult =
  | { kind: 'ignored' }
  | { kind: 'ok'; command: string; replies: Reply[] }
  | { kind: 'refused'; command?: string; replies: Reply[]; reason: string };

const text = (line: string, extra: Partial<Reply> = {}): Reply => ({ lines: [[line]], ...extra });

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
    const word = (/^\S+/.exec(cmdText.trim())?.[0] ?? '').toLowerCase();
    const spec = this.registry.find(word);
    if (!spec && !/^[\p{L}\p{N}_-]{1,32}$/u.test(word)) return { kind: 'ignored' }; // "!!!" or "! hello": not a command

    // The local console operator is never throttled (piped input may be long).
    const buckets = rateKeys(msg.sender);
    const verdict = msg.sender.isLocalOperator ? 'ok' : this.opts.rateLimiter.check(buckets, now.getTime());
    if (verdict !== 'ok') {
      if (verdict === 'silent') return { kind: 'ignored' };
      const wait = this.opts.rateLimiter.waitSeconds(buckets);
      return refuse(`${msg.sender.display}: slow down please, I will answer you again in ${wait}s.`, 'rate limited', spec);
    }
    if (!spec) {
      if (!direct && !this.opts.replyToUnknownInRooms) return { kind: 'ignored' };
      const hint = this.registry.suggest(word);
      const shown = truncate(sanitizeLine(word), 32);
      const did = hint ? `did you mean ${this.opts.prefix}${hint}? ` : '';
      return refuse(`unknown command ${this.opts.prefix}${shown}: ${did}(${this.opts.prefix}help lists commands)`, 'unknown command');
    }
    if (cmdText.length > this.opts.maxInputChars) {
      return refuse(
        `that message is too long (${msg.text.length > MAX_UNTRUSTED_CHARS ? `over ${MAX_UNTRUSTED_CHARS}` : cmdText.length} characters; ${this.opts.prefix}${spec.name} takes at most ${this.opts.maxInputChars})`,
        'too long',
        spec,
      );
    }
    const role = roleOf(msg.sender, this.opts.permissions);
    if (!allows(role, spec.permission)) {
      return refuse(`${this.opts.prefix}${spec.name} is for ${spec.permission}s only (you are ${role === 'anyone' ? 'not recognised as one' : `a ${role}`}).`, 'permission', spec);
    }
    const args = sanitizeLine(cmdText.trim().slice(word.length));
    try {
      const out = await spec.handler({ message: msg, args, role, now });
      return { kind: 'ok', command: spec.name, replies: Array.isArray(out) ? out : [out] };
    } catch (err) {
      if (err instanceof CommandError) {
        this.opts.log.warn({ command: spec.name, err: err.message }, 'command refused');
        return refuse(err.userMessage, 'command error', spec);
      }
      this.opts.log.error({ command: spec.name, err }, 'command failed');
      return refuse(`sorry, ${this.opts.prefix}${spec.name} failed unexpectedly; the error is in the bot's log.`, 'crash', spec);
    }
  }
}

function refuse(line: string, reason: string, spec?: CommandSpec): RouteResult {
  // Usage errors and refusals are the asker's business: to them, not to the whole channel.
  return { kind: 'refused', command: spec?.name, replies: [text(line, { notice: true, toSender: true })], reason };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
