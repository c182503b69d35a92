// Matrix transport: matrix-bot-sdk 0.7.1 without E2EE (no crypto store is ever made; use
// unencrypted rooms). Joins the configured rooms, turns m.text events into ChatMessages and sends
// replies as m.notice with escaped HTML, idempotently retried under rate limits.
import type { IStorageProvider } from 'matrix-bot-sdk';
import type { Logger } from 'pino';
import type { MatrixConfig } from './config.ts';
import type { DropReason, MetricsSink } from '../../core/metrics.ts';
import type { ChatMessage, Delivery, Reply, SendOptions, Transport } from '../../core/types.ts';
import { lateNote } from '../../core/text.ts';
import { backoffDelay } from '../../core/retry.ts';
import { UserError } from '../../errors.ts';
import { SyncingClient } from './sdk-patches.ts';
import { buildNotice } from './content.ts';
import { DirectRooms } from './dms.ts';
import { classifyMessage, ignoreMatcher, matrixRoleHint, toIdentity, type PowerLevelRoles, type RawEvent } from './events.ts';
import { Membership } from './membership.ts';
import { Outbound } from './outbound.ts';
import { brief, RoomCache } from './rooms.ts';
import { routeSdkLogs } from './sdk-log.ts';
import { DEFAULT_RETRY, KeyedQueue, type RetryPolicy } from './send-queue.ts';
import { bindAccount, TokenRejected, whoami } from './startup.ts';

export type { MatrixConfig } from './config.ts';

export interface MatrixTransportOptions {
  storage: IStorageProvider;
  log: Logger;
  now?: () => number;
  /** Events up to this much older than start-up are still answered (clock skew). Default 10 s. */
  startupSkewMs?: number;
  /** Send retries (429 / network / 5xx). Default: 5 attempts, waits ≤ 30 s. */
  retry?: Partial<RetryPolicy>;
  /** First start-up retry delay; doubles per failure up to matrix.reconnectMaxDelaySeconds. Default 2 s. */
  reconnectMinDelayMs?: number;
  /** How long stop() waits for queued replies. Default 5 s. */
  stopTimeoutMs?: number;
  /** /sync long-poll timeout. Default 30 s. */
  syncTimeoutMs?: number;
  /** Power levels that make a chair / an admin (permissions.chairPowerLevel / adminPowerLevel). Default 50 / 100. */
  powerLevels?: PowerLevelRoles;
  /** Counts the replies' lines not sent (/metrics). */
  metrics?: Pick<MetricsSink, 'dropped'>;
}

/** Sync filter: no presence, typing or receipts (noise for a bot); the SDK stores and reuses it. */
const SYNC_FILTER = {
  presence: { not_types: ['*'] },
  room: { ephemeral: { not_types: ['*'] }, timeline: { limit: 30 } },
};

/** Event ids remembered against a batch delivered twice. */
const SEEN_EVENTS = 500;

type State = 'new' | 'starting' | 'running' | 'stopping' | 'stopped';

export class MatrixTransport implements Transport {
  readonly name = 'matrix';
  /** No wire limit per line; the reply size cap lives in content.ts. */
  readonly maxLineBytes = 16_000;
  /** The bot's Matrix user id, known once start() has run whoami. */
  userId: string | null = null;

  private readonly client: SyncingClient;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly rooms: RoomCache;
  private readonly dms: DirectRooms;
  private readonly outbound: Outbound;
  private readonly inbox = new KeyedQueue();
  private retryTimer: NodeJS.Timeout | null = null;
  private startAttempts = 0;
  private lastStartError: string | null = null;
  private readonly availableListeners: (() => void)[] = [];
  private readonly eventIds = new WeakMap<ChatMessage, string>();
  private readonly seen = new Set<string>();
  private readonly encryptedWarned = new Set<string>();
  private readonly isIgnored: (userId: string) => boolean;
  private readonly listeners: [string, (...args: never[]) => void][] = [];
  private readonly membership: Membership;
  private onMessage: ((msg: ChatMessage) => void) | null = null;
  private startedAt = 0;
  private state: State = 'new';

  constructor(
    private readonly cfg: MatrixConfig,
    private readonly opts: MatrixTransportOptions,
  ) {
    if (!cfg.accessToken) throw new UserError('matrix: no access token (set matrix.accessToken or CYCLEBOT_MATRIX_TOKEN)');
    this.log = opts.log;
    this.now = opts.now ?? Date.now;
    routeSdkLogs(this.log.child({ module: 'matrix-sdk' }));
    // Three arguments only: no crypto store, so E2EE stays off and the crypto stub is never called.
    this.client = new SyncingClient(cfg.homeserverUrl, cfg.accessToken, opts.storage, this.now);
    if (opts.syncTimeoutMs !== undefined) this.client.syncingTimeout = opts.syncTimeoutMs;
    this.rooms = new RoomCache(this.client, this.log);
    this.dms = new DirectRooms(this.client, this.log, { max: cfg.maxDirectRooms, idleMs: cfg.directRoomIdleDays * 86_400_000, now: this.now });
    this.outbound = new Outbound(this.client, this.dms, { ...DEFAULT_RETRY, ...opts.retry }, this.log);
    this.isIgnored = ignoreMatcher(cfg.ignore);
    this.membership = new Membership(this.client, opts.storage, this.log, cfg.inviteAllowlist);
  }

  /** When the last /sync answer arrived (ms since epoch), null before the first: for health checks. */
  get lastSyncAt(): number | null {
    return this.client.lastSyncAt;
  }

  /** Replies queued or being sent. */
  get queueLength(): number {
    return this.outbound.length;
  }

  /** The `since` token of this run's first /sync: null on a fresh start, undefined before it. */
  get resumedFrom(): string | null | undefined {
    return this.client.firstSince;
  }

  /** Ids of the configured rooms that resolved. */
  get roomIds(): string[] {
    return this.membership.configuredIds;
  }

  /** For the periodic health line: a stale lastSyncAt means the sync loop is failing (it retries forever). */
  ready(): boolean {
    return this.state === 'running';
  }

  onAvailable(fn: () => void): void {
    this.availableListeners.push(fn);
  }

  health(): Record<string, unknown> {
    const last = this.client.lastSyncAt;
    return {
      state: this.state,
      userId: this.userId,
      rooms: this.membership.configuredIds.length,
      lastSyncAgoS: last === null ? null : Math.round((this.now() - last) / 1000),
      queue: this.outbound.length,
      ...(this.state === 'starting' ? { startAttempts: this.startAttempts, lastError: this.lastStartError } : {}),
    };
  }

  /**
   * Starts, or keeps trying to in the background: an unreachable homeserver must not take the
   * rest of the bot down (IRC, reminders, the health line go on), and it must not be given up on
   * either. Attempts back off like IRC's reconnects. Only a rejected access token throws (a
   * configuration error no retry fixes).
   */
  async start(onMessage: (msg: ChatMessage) => void): Promise<void> {
    if (this.state !== 'new') throw new Error(`matrix transport cannot start twice (it is ${this.state})`);
    this.state = 'starting';
    this.startedAt = this.now();
    this.onMessage = onMessage;
    await this.attempt(true);
  }

  private async attempt(first: boolean): Promise<void> {
    try {
      await this.startOnce();
    } catch (err) {
      this.unlisten();
      if (this.state !== 'starting') return; // stopped meanwhile
      if (first && err instanceof TokenRejected) {
        await this.stop('start-up failed');
        throw err;
      }
      const delayMs = backoffDelay(this.startAttempts++, { minMs: this.opts.reconnectMinDelayMs ?? 2000, maxMs: this.cfg.reconnectMaxDelaySeconds * 1000 });
      this.lastStartError = err instanceof UserError ? err.message : `matrix: start-up failed against ${this.cfg.homeserverUrl}: ${brief(err)}`;
      this.log.error(
        { attempt: this.startAttempts, delayMs },
        `${this.lastStartError}; retrying in ${Math.round(delayMs / 1000)} s (everything else keeps running)`,
      );
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        void this.attempt(false);
      }, delayMs);
      return;
    }
    this.state = 'running';
    this.lastStartError = null;
    for (const fn of this.availableListeners) fn();
    this.log.info(
      { userId: this.userId, rooms: this.membership.configuredIds, ms: this.now() - this.startedAt, attempts: this.startAttempts + 1 },
      'matrix transport started',
    );
  }

  private async startOnce(): Promise<void> {
    this.userId = await whoami(this.client, this.cfg.homeserverUrl);
    await bindAccount(this.opts.storage, this.userId, this.cfg.homeserverUrl, this.log);
    await this.membership.start(this.cfg.rooms);
    await this.dms.load();
    this.listen('room.message', (roomId: string, ev: RawEvent) => this.onRoomMessage(roomId, ev));
    this.listen('room.event', (roomId: string, ev: RawEvent) => this.onRoomEvent(roomId, ev));
    // A gapped sync: drop the room's cached state, then apply the state block (sdk-patches.ts).
    this.listen('room.gap', (roomId: string) => this.rooms.gap(roomId));
    this.listen('room.state', (roomId: string, ev: RawEvent) => this.rooms.observe(roomId, ev));
    this.listen('room.invite', (roomId: string, ev: RawEvent) => void this.membership.onInvite(roomId, ev));
    this.listen('room.leave', (roomId: string) => this.onLeave(roomId));
    await this.client.start(SYNC_FILTER);
  }

  /**
   * Sends a reply as an m.notice. In a room it answers the asking event (m.in_reply_to) and
   * mentions the asker; a private reply goes to the asker's direct chat (see dms.ts), or to the
   * room when none can be made. Resolves when sent (an event id came back) or given up; never rejects.
   */
  async send(room: string, reply: Reply, inReplyTo?: ChatMessage, opts: SendOptions = {}): Promise<Delivery> {
    if (this.state === 'stopped' || this.outbound.closed) {
      this.log.warn({ room }, 'matrix transport stopped; reply dropped');
      return this.notSent(reply, 'shutdown', 'the Matrix transport is stopped');
    }
    if (room.startsWith('#')) {
      const id = await this.membership.roomIdFor(room);
      if (!id) return this.notSent(reply, 'refused', `room ${room} is not resolved`);
      room = id;
    }
    const asker = inReplyTo?.sender.account;
    const inRoom = inReplyTo !== undefined && !inReplyTo.isPrivate;
    // toSender (a refusal) stays in the room as an m.notice reply to the asker's message, mentioning them.
    if (reply.private && inRoom && asker) {
      const content = buildNotice(reply, {});
      const direct = content ? await this.outbound.sendDirect(asker, content) : 'sent';
      if (direct === 'sent') return { delivered: true };
      if (direct === 'lost') return this.notSent(reply, 'failed', 'the direct chat did not take it');
      if (direct === 'full')
        this.log.info({ room, userId: asker, max: this.cfg.maxDirectRooms }, 'direct chats at their cap, none idle; answering in the room');
      else this.log.warn({ room, userId: asker }, 'no direct chat possible; answering in the room instead');
    }
    const eventId = inReplyTo ? this.eventIds.get(inReplyTo) : undefined;
    // A kept reply re-sent after a restart says it is late (its transaction id is the first
    // attempt's: if that one landed, the homeserver answers with it and nothing is posted twice).
    const late = opts.late && opts.queuedAt !== undefined ? lateNote(opts.queuedAt) : '';
    const said = late ? { ...reply, lines: reply.lines.map((l) => [...l, late]) } : reply;
    const content = buildNotice(said, { inReplyTo: eventId, mention: inRoom && asker ? [asker] : [] });
    if (!content) return { delivered: true }; // nothing to say
    const keep = reply.kind === 'ack' || reply.kind === 'minutes' || !!reply.minutes;
    const sending = this.outbound.send(room, content, keep, opts.id);
    opts.onQueued?.(); // in the room's send queue, behind what was queued before
    const out = await sending;
    return out.result === 'sent' ? { delivered: true } : this.notSent(reply, out.result, out.reason ?? out.result);
  }

  /** A reply given up: counted by its lines (/metrics). */
  private notSent(reply: Reply, why: DropReason, reason: string): Delivery {
    this.opts.metrics?.dropped('matrix', why, reply.lines.length);
    return { delivered: false, reason };
  }

  /** Stops syncing at once, then waits (bounded by stopTimeoutMs) for queued replies. */
  async stop(reason = 'shutting down'): Promise<void> {
    if (this.state === 'stopped' || this.state === 'stopping') return;
    this.state = 'stopping';
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.client.halt();
    this.unlisten();
    await this.outbound.close(this.opts.stopTimeoutMs ?? 5000);
    this.state = 'stopped';
    this.log.info({ reason }, 'matrix transport stopped');
  }

  private unlisten(): void {
    for (const [event, fn] of this.listeners) this.client.off(event, fn as (...args: unknown[]) => void);
    this.listeners.length = 0;
  }

  private listen(event: string, fn: (...args: never[]) => void): void {
    this.listeners.push([event, fn]);
    this.client.on(event, fn as (...args: unknown[]) => void);
  }

  private onRoomMessage(roomId: string, ev: RawEvent): void {
    if (this.state !== 'running' && this.state !== 'starting') return;
    const skewMs = this.opts.startupSkewMs ?? 10_000;
    const verdict = classifyMessage(ev, { botUserId: this.userId ?? '', isIgnored: this.isIgnored, startedAt: this.startedAt, skewMs });
    if (!verdict.accept) {
      if (verdict.reason === 'malformed' || verdict.reason === 'before start-up')
        this.log.debug({ roomId, eventId: ev.event_id, reason: verdict.reason }, 'event skipped');
      return;
    }
    if (this.seen.has(verdict.eventId)) return;
    this.seen.add(verdict.eventId);
    if (this.seen.size > SEEN_EVENTS) this.seen.delete(this.seen.values().next().value as string);
    // One chain per room: the lookups below are async, and commands must reach the bot in order.
    void this.inbox
      .run(roomId, async () => {
        const kind = await this.roomKind(roomId);
        if (kind === null || this.state === 'stopping' || this.state === 'stopped') return;
        if (kind === 'dm') this.dms.touch(roomId);
        const [name, level] = await Promise.all([
          this.rooms.displayName(roomId, verdict.sender),
          // Power levels count only in configured rooms: in a DM or a user-made room the user may be admin.
          this.membership.isConfigured(roomId) ? this.rooms.powerLevel(roomId, verdict.sender) : Promise.resolve(undefined),
        ]);
        const msg: ChatMessage = {
          transport: this.name,
          // A room configured by its alias is named by it: the teams and reminders name it so too.
          room: this.membership.nameOf(roomId),
          isPrivate: kind === 'dm',
          sender: toIdentity(verdict.sender, name, matrixRoleHint(level, this.opts.powerLevels)),
          text: verdict.text,
          addressed: verdict.mentionsBot,
        };
        this.eventIds.set(msg, verdict.eventId);
        this.onMessage?.(msg);
      })
      .catch((err) => this.log.error({ err, roomId }, 'failed to read a Matrix message'));
  }

  private onRoomEvent(roomId: string, ev: RawEvent): void {
    this.rooms.observe(roomId, ev);
    // E2EE is off (no crypto store): say once per room why encrypted messages go unanswered.
    if (ev.type === 'm.room.encrypted' && !this.encryptedWarned.has(roomId)) {
      this.encryptedWarned.add(roomId);
      this.log.warn({ roomId }, 'encrypted messages in this room cannot be read (E2EE is not supported); use an unencrypted room');
    }
  }

  /**
   * 'room' for configured rooms and rooms joined on an allowlisted invite; 'dm' for direct
   * chats (in m.direct, or exactly 2 joined members) when enabled; null: not answered here.
   */
  private async roomKind(roomId: string): Promise<'room' | 'dm' | null> {
    if (this.membership.isConfigured(roomId)) return 'room';
    if (this.dms.isDm(roomId) || (await this.rooms.joinedCount(roomId)) === 2) return this.cfg.directMessages ? 'dm' : null;
    return this.membership.isAccepted(roomId) ? 'room' : null;
  }

  private onLeave(roomId: string): void {
    this.rooms.forget(roomId);
    void this.membership.onLeave(roomId);
    if (this.dms.isDm(roomId)) void this.dms.forget(roomId);
  }
}
