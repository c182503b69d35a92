// The IRC transport: one irc-framework client kept connected forever. Channel and private
// messages become ChatMessages; replies become safe, split lines sent through one paced Outbox.
// Reconnection is ours alone (see options.ts): every socket close ends in irc-framework's
// 'close' event, and onClosed() schedules the next attempt with capped exponential backoff.
import { EventEmitter } from 'node:events';
import IRC, { type Client } from 'irc-framework';
import type { Logger } from 'pino';
import { Outbox } from '../../core/outbox.ts';
import { sanitizeLine } from '../../core/text.ts';
import type { ChatMessage, Reply, Transport } from '../../core/types.ts';
import { ConnectionEvents } from './events.ts';
import { isSafeTarget, lineBudget, wireCommand, wireLines } from './lines.ts';
import { backoffDelay } from './policy.ts';
import { clientOptions, within, type IrcConfig, type IrcState, type IrcTransportOptions } from './options.ts';
import { Roster } from './roster.ts';

export type { IrcConfig, IrcState, IrcTransportOptions };

/**
 * Events (for health checks and tests): 'state' (IrcState), 'joined' (channel), 'nick' (new nick),
 * 'message' (ChatMessage, after it was handed to the bot).
 */
export class IrcTransport extends EventEmitter implements Transport {
  readonly name = 'irc';
  readonly client: Client;
  readonly desiredNick: string;
  readonly roster: Roster;
  private onMessage: ((msg: ChatMessage) => void) | null = null;
  private outbox: Outbox | null = null;
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
    this.events = new ConnectionEvents(this, this.roster);
    this.events.attach();
  }

  ready(): boolean {
    return this._state === 'registered';
  }

  get state(): IrcState {
    return this._state;
  }

  get currentNick(): string {
    return this._nick;
  }

  get queueLength(): number {
    return this.outbox?.length ?? 0;
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
    return this.outbox?.drained() ?? Promise.resolve();
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

  async send(room: string, reply: Reply, inReplyTo?: ChatMessage): Promise<void> {
    // Private replies go to the asker's nick (display is the nick on IRC), never to the room.
    const target = reply.private ? (inReplyTo ? (inReplyTo.isPrivate ? inReplyTo.room : inReplyTo.sender.display) : null) : room;
    if (!target) return void this.log.warn({ room }, 'private reply without the message it answers: dropped');
    if (!isSafeTarget(target)) return void this.log.warn({ target }, 'refusing to send to an unsafe target');
    const outbox = this.outbox;
    if (!outbox || this._state !== 'registered') {
      this.log.warn({ target, lines: reply.lines.length, state: this._state }, 'not connected: reply dropped');
      return;
    }
    const lines = wireLines(reply, this.lineBudgetFor(target), this.cfg.maxLinesPerReply);
    this.stats.queuedLines += lines.length;
    outbox.enqueue(lines.map((text) => ({ target, text, notice: !!reply.notice })));
  }

  async stop(reason = 'shutting down'): Promise<void> {
    if (this._state === 'stopped' || this.stopping) return;
    this.stopping = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.events.clearTimers();
    const limit = this.opts.stopTimeoutMs ?? 5000;
    if (this.outbox && this._state === 'registered') {
      if (!(await within(this.outbox.drained(), limit))) this.log.warn({ queued: this.outbox.length }, 'stop: send queue not flushed in time');
    }
    this.outbox?.close();
    this.outbox = null;
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
    this.outbox = new Outbox({
      ...this.cfg.flood,
      now: this.opts.now,
      send: (l) => {
        this.stats.sentLines++;
        this.corkUntilNextTick();
        const wire = wireCommand(l);
        if (wire) this.client.raw(wire);
        else if (l.notice) this.client.notice(l.target, l.text);
        else this.client.say(l.target, l.text);
      },
      // Outbox calls this once per overflow episode (until its queue empties again); the note
      // goes first in the queue and stays there through later overflows, paced like any line.
      onOverflow: (dropped, target) => {
        this.log.warn({ dropped, target, maxQueue: this.cfg.flood.maxQueue }, 'send queue full: dropped the oldest lines');
        return { target, text: `(dropped ${dropped} queued lines to avoid flooding)`, notice: true };
      },
    });
    this.setState('registered', { nick, server: this.cfg.host }, `irc: registered as ${nick}`);
  }

  /** The socket closed: everything tied to that connection is void. */
  onDisconnected(err: unknown): void {
    const queued = this.outbox?.length ?? 0;
    this.outbox?.close();
    this.outbox = null;
    if (this.stopping) return;
    const reason = err instanceof Error ? err.message : undefined;
    this.setState('disconnected', { reason, droppedLines: queued || undefined }, 'irc: disconnected');
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
