// The irc-framework event handlers of IrcTransport: registration and nick fallback, joins and
// rejoins after a kick, channel membership and op tracking, services accounts, disconnects.
// Every handler is wrapped so that an exception here is logged instead of escaping into
// irc-framework's socket callback (which would crash the process).
import type { Client, MessageEvent, UserListEntry } from 'irc-framework';
import type { Logger } from 'pino';
import type { ChatMessage } from '../../core/types.ts';
import type { DeliveryProbes } from './delivery.ts';
import { toChatMessage, type IncomingContext, type IncomingEvent } from './incoming.ts';
import type { IrcConfig, IrcState, IrcTransportOptions } from './options.ts';
import { fallbackNick } from './policy.ts';
import { opModes, type Roster } from './roster.ts';

/**
 * What the handlers need from the transport that owns them (IrcTransport implements it): its
 * client and settings, its nick and state, and the calls for what they saw. An interface, not the
 * class, so this file and irc-transport.ts do not import each other.
 */
export interface EventsHost {
  readonly name: string;
  readonly client: Client;
  readonly log: Logger;
  readonly cfg: IrcConfig;
  readonly opts: Pick<IrcTransportOptions, 'nick' | 'regainNickIntervalMs' | 'opsAreChairs'>;
  readonly desiredNick: string;
  readonly currentNick: string;
  readonly state: IrcState;
  readonly probes: Pick<DeliveryProbes, 'onError' | 'onPong'>;
  sameNick(a: string, b: string): boolean;
  onRegistered(nick: string): void;
  setNick(nick: string): void;
  /** Membership or the connection changed. */
  reachChanged(reason: string): void;
  emit(event: 'joined', channel: string): unknown;
  answerCtcp(nick: string, type: string): void;
  deliver(msg: ChatMessage): void;
  onDisconnected(err: unknown): void;
  onClosed(): void;
}

interface NickEvent {
  nick: string;
  new_nick: string;
}
interface ChannelEvent {
  nick: string;
  channel: string;
  account?: string | false;
  message?: string;
  kicked?: string;
}
interface ModeEvent {
  target: string;
  nick?: string;
  modes: { mode: string; param?: string | null }[];
}
interface IrcError {
  error: string;
  channel?: string;
  reason?: string;
  nick?: string;
}

/** Rejoin after a refused JOIN (banned, invite-only, full) no faster than this. */
const REFUSED_JOIN_RETRY_MS = 60_000;

export class ConnectionEvents {
  private nickAttempt = 0;
  private regainTimer: NodeJS.Timeout | null = null;
  private readonly rejoinTimers = new Map<string, NodeJS.Timeout>();
  /** Configured channels we are in right now (configured spelling). */
  readonly joined = new Set<string>();

  constructor(
    private readonly t: EventsHost,
    private readonly roster: Roster,
  ) {}

  resetNickAttempts(): void {
    this.nickAttempt = 0;
  }

  clearTimers(): void {
    if (this.regainTimer) clearInterval(this.regainTimer);
    this.regainTimer = null;
    for (const timer of this.rejoinTimers.values()) clearTimeout(timer);
    this.rejoinTimers.clear();
  }

  attach(): void {
    const c = this.t.client;
    const on = <E>(event: string, fn: (e: E) => void) =>
      c.on(event, (e: E) => {
        try {
          fn(e);
        } catch (err) {
          this.t.log.error({ err, event }, 'irc: event handler failed');
        }
      });
    const me = (nick: string | undefined) => !!nick && this.t.sameNick(nick, this.t.currentNick);
    const channelOf = (name: string) => this.t.cfg.channels.find((ch) => this.t.sameNick(ch, name));
    const log = this.t.log;

    // Chat lines are small and latency matters more than packet count: no Nagle delay.
    on<{ setNoDelay?: (v: boolean) => void }>('raw socket connected', (socket) => socket?.setNoDelay?.(true));
    on('socket connected', () => log.info({ host: this.t.cfg.host }, 'irc: connected, registering'));
    on<{ nick: string }>('registered', (e) => {
      this.t.onRegistered(e.nick);
      if (!this.t.sameNick(e.nick, this.t.desiredNick)) this.startRegain();
      for (const ch of this.t.cfg.channels) c.join(ch);
    });
    const nickRefused = (nick: string) => {
      if (this.t.state === 'registered') return void log.debug({ nick }, 'irc: nick still in use');
      const next = fallbackNick(this.t.desiredNick, ++this.nickAttempt);
      log.warn({ nick, trying: next }, `irc: nick ${nick} is in use, trying ${next}`);
      this.t.setNick(next);
      c.changeNick(next);
    };
    on<{ nick: string }>('nick in use', (e) => nickRefused(e.nick));
    // 437 ERR_UNAVAILRESOURCE ("nick temporarily unavailable" after a netsplit): irc-framework
    // has no handler for it, and registration would stall without another NICK.
    on<{ command: string; params: string[] }>('unknown command', (e) => {
      if (e.command === '437' && e.params?.[1] && !c.network.isChannelName(e.params[1])) nickRefused(e.params[1]);
    });
    on<{ nick: string; reason?: string }>('nick invalid', (e) => log.error({ nick: e.nick, reason: e.reason }, 'irc: the server refused the nick'));
    on<{ account: string }>('loggedin', (e) => log.info({ account: e.account }, `irc: logged in to services as ${e.account}`));
    on<{ reason: string; message?: string }>('sasl failed', (e) =>
      log.error({ reason: e.reason, detail: e.message }, 'irc: SASL login failed; continuing without a services account (check irc.sasl)'),
    );
    on<IrcError>('irc error', (e) => {
      this.t.probes.onError(e);
      log.warn({ error: e.error, channel: e.channel, nick: e.nick, reason: e.reason }, `irc: server error ${e.error}`);
      const ch = e.channel && channelOf(e.channel);
      if (ch && !this.joined.has(ch)) this.scheduleRejoin(ch, Math.max(REFUSED_JOIN_RETRY_MS, this.t.cfg.rejoinDelaySeconds * 1000));
    });

    on<ChannelEvent>('join', (e) => {
      if (!me(e.nick)) return this.roster.join(e.channel, e.nick, e.account);
      const ch = channelOf(e.channel) ?? e.channel;
      this.roster.resetChannel(ch);
      this.joined.add(ch);
      this.cancelRejoin(ch);
      log.info({ channel: ch }, `irc: joined ${ch}`);
      this.t.reachChanged(`joined ${ch}`); // lines kept for this channel may go now
      // WHOX tells us the accounts of everyone already there (extended-join only covers later joins).
      if (c.network.supports('WHOX')) {
        c.who(ch, (w) => {
          for (const u of w.users) if (u.account) this.roster.setAccount(u.nick, u.account);
        });
      }
      this.t.emit('joined', ch);
    });
    on<{ channel: string; users: UserListEntry[] }>('userlist', (e) => this.roster.setNames(e.channel, e.users));
    on<ModeEvent>('mode', (e) => {
      if (!c.network.isChannelName(e.target)) return;
      const prefixModes = (c.network.options.PREFIX ?? []).map((p) => p.mode);
      for (const m of e.modes) {
        const mode = m.mode.slice(1);
        if (m.param && prefixModes.includes(mode)) this.roster.setMode(e.target, m.param, mode, m.mode.startsWith('+'));
      }
    });
    on<ChannelEvent>('part', (e) => {
      if (!me(e.nick)) return this.roster.part(e.channel, e.nick);
      this.leftChannel(e.channel);
      log.warn({ channel: e.channel }, `irc: left ${e.channel}`);
      this.t.reachChanged(`left ${e.channel}`);
      const ch = channelOf(e.channel);
      if (ch) this.scheduleRejoin(ch, this.t.cfg.rejoinDelaySeconds * 1000);
    });
    on<ChannelEvent>('kick', (e) => {
      if (!e.kicked) return;
      if (!me(e.kicked)) return this.roster.part(e.channel, e.kicked);
      this.leftChannel(e.channel);
      const delay = this.t.cfg.rejoinDelaySeconds;
      log.warn({ channel: e.channel, by: e.nick, reason: e.message }, `irc: kicked from ${e.channel} by ${e.nick}; rejoining in ${delay} s`);
      this.t.reachChanged(`kicked from ${e.channel}`);
      const ch = channelOf(e.channel);
      if (ch) this.scheduleRejoin(ch, delay * 1000);
    });
    on<{ nick: string }>('quit', (e) => {
      this.roster.quit(e.nick);
      if (this.t.sameNick(e.nick, this.t.desiredNick)) this.regainNow(); // the holder of our nick left
    });
    on<NickEvent>('nick', (e) => {
      this.roster.rename(e.nick, e.new_nick);
      if (me(e.nick)) {
        log.info({ from: e.nick, to: e.new_nick }, `irc: now known as ${e.new_nick}`);
        this.t.setNick(e.new_nick);
        if (this.t.sameNick(e.new_nick, this.t.desiredNick)) this.stopRegain();
        else this.startRegain();
      } else if (this.t.sameNick(e.nick, this.t.desiredNick)) {
        this.regainNow();
      }
    });
    on<{ nick: string; account: string | false }>('account', (e) => this.roster.setAccount(e.nick, e.account));
    // NOTICEs are never listened to: answering them could make two bots loop.
    const context = this.incomingContext();
    on<{ message?: string }>('pong', (e) => this.t.probes.onPong(e.message));
    on<{ nick?: string; type?: string | null }>('ctcp request', (e) => e.nick && e.type && this.t.answerCtcp(e.nick, e.type));
    on<MessageEvent>('privmsg', (e) => {
      const msg = toChatMessage(e, context);
      if (msg) this.t.deliver(msg);
    });

    on<unknown>('socket close', (err) => {
      this.clearTimers();
      this.roster.clear();
      this.joined.clear();
      this.t.onDisconnected(err);
    });
    on<unknown>('close', () => this.t.onClosed());
  }

  /** Built once per transport, not per message: the getters read the live nick and config. */
  private incomingContext(): IncomingContext {
    const t = this.t;
    return {
      transport: t.name,
      get currentNick() {
        return t.currentNick;
      },
      routerNick: t.opts.nick,
      get ignore() {
        return t.cfg.ignore;
      },
      sameNick: (a, b) => t.sameNick(a, b),
      isChannel: (name) => t.client.network.isChannelName(name),
      configuredChannel: (name) => t.cfg.channels.find((c) => t.sameNick(c, name)),
      accountOf: (e) => this.accountOf(e),
      isOp: (channel, nick) => this.roster.isOp(channel, nick, opModes(t.client.network.options.PREFIX)),
      opsAreChairs: t.opts.opsAreChairs ?? true,
    };
  }

  /**
   * The sender's services account. With account-tag every message carries it (no tag = not
   * logged in). Otherwise we use what extended-join/WHOX/account-notify told us, but only when
   * account-notify is on: without it a logout or account switch would go unseen.
   */
  private accountOf(e: IncomingEvent): string | undefined {
    const caps = this.t.client.network.cap;
    if (caps.isEnabled('account-tag')) return e.tags?.account || undefined;
    if (caps.isEnabled('account-notify') && e.nick) return this.roster.accountOf(e.nick);
    return undefined;
  }

  private leftChannel(channel: string): void {
    this.roster.dropChannel(channel);
    const ch = [...this.joined].find((j) => this.t.sameNick(j, channel));
    if (ch) this.joined.delete(ch);
  }

  private scheduleRejoin(channel: string, delayMs: number): void {
    if (this.rejoinTimers.has(channel)) return;
    this.rejoinTimers.set(
      channel,
      setTimeout(() => {
        this.rejoinTimers.delete(channel);
        if (this.t.state !== 'registered' || this.joined.has(channel)) return;
        this.t.log.info({ channel }, `irc: rejoining ${channel}`);
        this.t.client.join(channel);
      }, delayMs),
    );
  }

  private cancelRejoin(channel: string): void {
    const timer = this.rejoinTimers.get(channel);
    if (timer) clearTimeout(timer);
    this.rejoinTimers.delete(channel);
  }

  /** While on a fallback nick, ask for the configured one now and then (a NICK costs little). */
  private startRegain(): void {
    if (this.regainTimer) return;
    const every = this.t.opts.regainNickIntervalMs ?? 60_000;
    this.regainTimer = setInterval(() => this.regainNow(), every);
  }

  private stopRegain(): void {
    if (this.regainTimer) clearInterval(this.regainTimer);
    this.regainTimer = null;
  }

  private regainNow(): void {
    if (this.t.state !== 'registered' || this.t.sameNick(this.t.currentNick, this.t.desiredNick)) return;
    this.t.client.changeNick(this.t.desiredNick);
  }
}
