// The IRC transport: one irc-framework client kept connected forever. Channel and private
// messages become ChatMessages; replies become safe, split lines sent through one paced Outbox.
// Reconnection is ours alone (see options.ts): every socket close ends in irc-framework's
// 'close' event, and onClosed() schedules the next attempt with capped exponential backoff.
import { EventEmitter } from 'node:events';
import IRC, { type Client } from 'irc-framework';
import type { Logger } from 'pino';
import { KEPT_KINDS, type Outbox } from './outbox.ts';
import { sanitizeLine } from '../../core/text.ts';
import type { ChatMessage, Delivery, Reply, SendOptions, Transport } from '../../core/types.ts';
import { DeliveryProbes } from './delivery.ts';
import { ConnectionEvents, type EventsHost } from './events.ts';
import { isSafeTarget, LATE_BYTES, lineBudget, lineEnds, replyKind, wireLines } from './lines.ts';
import { ircOutbox } from './outgoing.ts';
import { backoffDelay } from './policy.ts';
import { clientOptions, within, type IrcConfig, type IrcState, type IrcTransportOptions } from './options.ts';
import { Roster } from './roster.ts';

export type { IrcConfig, IrcState, IrcTransportOptions };

/**
 * Events (for health checks and tests): 'state' (IrcState), 'joined' (channel), 'nick' (new nick),
 * 'message' (ChatMessage, after it was handed to the bot).
 */
export class IrcTransport extends EventEmitter implements Transport, EventsHost {
  readonly name = 'irc';
  readonly client: Client;
  readonly desiredNick: string;
  readonly roster: Roster;
  private onMessage: ((msg: ChatMessage) => void) | null = null;
  /** One queue for the transport's life: lines that must not be lost outlive a connection. */
  private readonly outbox: Outbox;
  readonly probes: DeliveryProbes;
  private lastCtcpAt = -Infinity;
  private _state: IrcState = 'idle';
  private _nick: string;
  private stopping = false;
  private corked = false;
  private reconnectAttempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly closeWaiters: (() => void)[] = [];
  /** Lines handed to the queue / written to the socket since start (health and tests). */
  readonly stats = { queuedLines: 0, sentLines: 0 };
  readonly log: Logger;
  /** Per-connection bookkeeping and event handlers live in ConnectionEvents. */
  readonly events: ConnectionEvents;

  constructor(
    readonly cfg: IrcConfig,
    readonly opts: IrcTransportOptions,
  ) {
    super();
    this.log = opts.log;
    this.desiredNick = cfg.nick ?? opts.nick;
    this._nick = this.desiredNick;
    this.client = new IRC.Client(clientOptions(cfg, this.desiredNick));
    this.roster = new Roster((s) => this.client.caseLower(s));
    this.outbox = ircOutbox({
      cfg,
      log: this.log,
      metrics: opts.metrics,
      now: opts.now,
      canSend: (target) => this.canSend(target),
      write: (line) => {
        this.stats.sentLines++;
        this.corkUntilNextTick();
        this.client.raw(line);
      },
    });
    this.probes = new DeliveryProbes({ raw: (l) => this.client.raw(l), same: (a, b) => this.sameNick(a, b), setTimeout });
    this.events = new ConnectionEvents(this, this.roster);
    this.events.attach();
  }

  ready(): boolean {
    return this._state === 'registered';
  }

  onAvailable(fn: () => void): void {
    this.on('joined', () => fn());
  }

  get state(): IrcState {
    return this._state;
  }

  get currentNick(): string {
    return this._nick;
  }

  get queueLength(): number {
    return this.outbox.length;
  }

  /** For the periodic health line. */
  health(): Record<string, unknown> {
    return {
      state: this._state,
      nick: this._nick,
      channels: [...this.events.joined],
      queued: this.queueLength,
      sentLines: this.stats.sentLines,
      reconnectAttempt: this.reconnectAttempt,
    };
  }

  /** Resolves when every queued line has been written (now, or immediately when not connected). */
  drained(): Promise<void> {
    return this.outbox.drained();
  }

  /** The text budget for the longest configured channel (what any channel line may carry). */
  get maxLineBytes(): number {
    return Math.min(...this.cfg.channels.map((c) => this.lineBudgetFor(c)));
  }

  lineBudgetFor(target: string): number {
    const nick = this._nick.length > this.desiredNick.length ? this._nick : this.desiredNick;
    return lineBudget({ target, nick, user: this.client.options.username ?? nick, configured: this.cfg.lineBytes });
  }

  sameNick(a: string, b: string): boolean {
    return this.client.caseCompare(a, b);
  }

  async start(onMessage: (msg: ChatMessage) => void): Promise<void> {
    if (this._state !== 'idle') throw new Error('IrcTransport.start() called twice');
    this.onMessage = onMessage;
    // Resolve after the first attempt either way: a server that is down must not block the
    // other transports; we keep retrying in the background.
    const settled = new Promise<void>((resolve) => {
      const check = (s: IrcState) => {
        if (s === 'registered' || s === 'reconnecting' || s === 'stopped') {
          this.off('state', check);
          resolve();
        }
      };
      this.on('state', check);
    });
    this.connect();
    await settled;
  }

  async send(room: string, reply: Reply, inReplyTo?: ChatMessage, opts: SendOptions = {}): Promise<Delivery> {
    const refuse = (reason: string, extra: Record<string, unknown> = {}): Delivery => {
      this.log.warn({ room, ...extra }, `${reason}: reply dropped`);
      this.opts.metrics?.dropped('irc', 'refused', reply.lines.length);
      return { delivered: false, reason };
    };
    // Private replies and refusals (toSender, as a NOTICE) go to the asker's nick (display is the nick on IRC), never to the room.
    const target = reply.private || reply.toSender ? (inReplyTo ? (inReplyTo.isPrivate ? inReplyTo.room : inReplyTo.sender.display) : null) : room;
    if (!target) return refuse('private reply without the message it answers');
    if (!isSafeTarget(target)) return refuse('unsafe target', { target });
    const kind = replyKind(reply);
    // Acknowledgements and minutes lines wait for the reconnect; the rest needs a connection now.
    if (this._state !== 'registered' && !KEPT_KINDS.has(kind)) return refuse('not connected', { state: this._state });
    if (kind === 'reminder' && !this.canSend(target)) return refuse(`not in ${target}`);
    const budget = this.lineBudgetFor(target) - (KEPT_KINDS.has(kind) ? LATE_BYTES : 0);
    const lines = wireLines(reply, budget, this.cfg.maxLinesPerReply);
    // Which wire line completes which of the reply's lines, for the caller's progress count.
    const ends = opts.onProgress ? lineEnds(reply, budget) : [];
    this.stats.queuedLines += lines.length;
    // Kept kinds are confirmed by the server (delivery.ts); plain replies are fire-and-forget.
    const probe = kind === 'reply' ? null : this.probes.open(target);
    const enqueued = this.outbox.enqueue({
      target,
      lines,
      notice: !!reply.notice || !!reply.toSender,
      kind,
      requester: inReplyTo ? (inReplyTo.sender.account ? `account:${inReplyTo.sender.account}` : inReplyTo.sender.key) : '',
      queuedAt: opts.queuedAt,
      late: opts.late,
      onLine: (i, last) => {
        probe?.arm();
        const done = ends.filter((e) => e <= i + 1).length;
        if (done > 0 && ends[done - 1] === i + 1) opts.onProgress?.(done);
        if (last) probe?.ping();
      },
    });
    // The outbox took it (in order, behind what was queued before): the next reply may be handed over.
    opts.onQueued?.();
    const written = await enqueued;
    if (!written.delivered || !probe) {
      probe?.cancel();
      return written;
    }
    const failure = await probe.result;
    if (!failure) return { delivered: true };
    this.log.warn({ target, kind, reason: failure.reason }, failure.unconfirmed ? 'irc: message written but not confirmed' : 'irc: message not delivered');
    return { delivered: false, ...failure };
  }

  /** A CTCP request (VERSION): answered through the outbox, at most one per ctcpIntervalMs. */
  answerCtcp(nick: string, type: string): void {
    const now = this.opts.now?.() ?? Date.now();
    if (type !== 'VERSION' || !isSafeTarget(nick) || now - this.lastCtcpAt < (this.opts.ctcpIntervalMs ?? 10_000)) return;
    this.lastCtcpAt = now;
    void this.outbox.enqueue({ target: nick, lines: [`\x01VERSION cyclebot\x01`], notice: true, kind: 'reply', requester: `ctcp` });
  }

  /** Lines may go to a nick while registered, to a channel only while we are in it. */
  private canSend(target: string): boolean {
    if (this._state !== 'registered') return false;
    if (!this.client.network.isChannelName(target)) return true;
    return [...this.events.joined].some((ch) => this.sameNick(ch, target));
  }

  /** Membership or the connection changed: lines for targets we cannot reach wait, or go. */
  reachChanged(reason: string): void {
    this.outbox.hold(reason);
  }

  async stop(reason = 'shutting down'): Promise<void> {
    if (this._state === 'stopped' || this.stopping) return;
    this.stopping = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.events.clearTimers();
    const limit = this.opts.stopTimeoutMs ?? 5000;
    if (this._state === 'registered') {
      if (!(await within(this.outbox.drained(), limit))) this.log.warn({ queued: this.outbox.length }, 'stop: send queue not flushed in time');
    }
    this.outbox.close();
    if (this._state === 'connecting' || this._state === 'registered') {
      this.setState('stopping');
      const closed = new Promise<void>((resolve) => this.closeWaiters.push(resolve));
      if (this.client.connected) this.client.quit(sanitizeLine(reason).slice(0, 200) || 'bye');
      else this.client.connection.end();
      if (!(await within(closed, limit))) {
        this.log.warn('stop: server did not close the connection in time; dropping it');
        this.client.connection.end(undefined, true);
      }
    }
    this.setState('stopped');
  }

  // --- called by ConnectionEvents -------------------------------------------------------

  setState(state: IrcState, extra: Record<string, unknown> = {}, msg?: string): void {
    this._state = state;
    this.log.info({ state, ...extra }, msg ?? `irc: ${state}`);
    this.emit('state', state);
  }

  setNick(nick: string): void {
    this._nick = nick;
    this.emit('nick', nick);
  }

  onRegistered(nick: string): void {
    this.reconnectAttempt = 0;
    this._nick = nick;
    this.setState('registered', { nick, server: this.cfg.host }, `irc: registered as ${nick}`);
    this.outbox.hold('registered'); // private lines may go now; channel lines wait for the join
  }

  /** The socket closed: everything tied to that connection is void. */
  onDisconnected(err: unknown): void {
    this.probes.onDisconnect();
    if (this.stopping) return;
    const reason = err instanceof Error ? err.message : undefined;
    this.setState('disconnected', { reason, queuedLines: this.outbox.length || undefined }, 'irc: disconnected');
    // Reminders fail (their scheduler retries after the rejoin), stale replies go, acknowledgements
    // and minutes lines wait for the reconnect.
    this.outbox.hold('the connection dropped');
  }

  /** irc-framework gave up on this connection: reconnect unless we are stopping. */
  onClosed(): void {
    if (this.stopping) {
      for (const w of this.closeWaiters.splice(0)) w();
      return;
    }
    if (this.reconnectTimer) return;
    const delay = backoffDelay(this.reconnectAttempt++, {
      minMs: this.opts.reconnectMinDelayMs ?? 2000,
      maxMs: this.cfg.reconnectMaxDelaySeconds * 1000,
    });
    this.setState('reconnecting', { delayMs: delay, attempt: this.reconnectAttempt }, `irc: reconnecting in ${(delay / 1000).toFixed(1)} s`);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.stopping) this.connect();
    }, delay);
  }

  /** A message for us (see incoming.ts): hand it to the bot. */
  deliver(msg: ChatMessage): void {
    if (!this.onMessage) return;
    this.onMessage(msg);
    this.emit('message', msg);
  }

  /**
   * The lines the outbox releases together (one reply, within its token budget) leave in one
   * socket write instead of one write and TCP segment each; pacing is the outbox's, unchanged.
   */
  private corkUntilNextTick(): void {
    const socket = this.client.connection.transport?.socket;
    if (this.corked || !socket?.cork) return;
    socket.cork();
    this.corked = true;
    process.nextTick(() => {
      this.corked = false;
      socket.uncork();
    });
  }

  private connect(): void {
    this._nick = this.desiredNick;
    this.events.resetNickAttempts();
    const port = this.client.options.port;
    this.setState('connecting', { host: this.cfg.host, port, tls: this.cfg.tls }, `irc: connecting to ${this.cfg.host}:${port}${this.cfg.tls ? ' (TLS)' : ''}`);
    this.client.connect();
  }
}
