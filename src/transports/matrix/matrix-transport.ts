// Matrix transport: matrix-bot-sdk 0.7.1 without E2EE (no crypto store is ever made; use
// unencrypted rooms). Joins the configured rooms, turns m.text events into ChatMessages and sends
// replies as m.notice with escaped HTML, idempotently retried under rate limits.
import { randomUUID } from 'node:crypto';
import type { IStorageProvider } from 'matrix-bot-sdk';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { ChatMessage, Reply, Transport } from '../../core/types.ts';
import { UserError } from '../../errors.ts';
import { SyncingClient } from './client.ts';
import { buildNotice, type NoticeContent } from './content.ts';
import { DirectRooms } from './dms.ts';
import { classifyMessage, decideInvite, ignoreMatcher, toIdentity, type RawEvent } from './events.ts';
import { brief, RoomCache } from './rooms.ts';
import { routeSdkLogs } from './sdk-log.ts';
import { classifyFailure, DEFAULT_RETRY, KeyedQueue, withRetry, type RetryPolicy } from './send-queue.ts';

export type MatrixConfig = NonNullable<Config['matrix']>;

export interface MatrixTransportOptions {
  storage: IStorageProvider;
  log: Logger;
  now?: () => number;
  /** Events up to this much older than start-up are still answered (clock skew). Default 10 s. */
  startupSkewMs?: number;
  /** Send retries (429 / network / 5xx). */
  retry?: Partial<RetryPolicy>;
  /** How long stop() waits for queued replies. Default 5 s. */
  stopTimeoutMs?: number;
  /** /sync long-poll timeout. Default 30 s. */
  syncTimeoutMs?: number;
}

/** Sync filter: no presence, typing or receipts (noise for a bot); stored and reused by the SDK. */
const SYNC_FILTER = {
  presence: { not_types: ['*'] },
  room: { ephemeral: { not_types: ['*'] }, timeline: { limit: 30 } },
};

const ACCOUNT_KEY = 'cyclebot.account';
const ACCEPTED_KEY = 'cyclebot.acceptedRooms';
const SEEN_EVENTS = 500;

export class MatrixTransport implements Transport {
  readonly name = 'matrix';
  /** Lines are cut by the reply size cap (content.ts), not by a wire limit. */
  readonly maxLineBytes = 16_000;

  private readonly client: SyncingClient;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly retry: RetryPolicy;
  private readonly rooms: RoomCache;
  private readonly dms: DirectRooms;
  private readonly outbox = new KeyedQueue();
  private readonly inbox = new KeyedQueue();
  private readonly abort = new AbortController();
  private readonly eventIds = new WeakMap<ChatMessage, string>();
  private readonly seen = new Set<string>();
  private readonly configured = new Set<string>();
  private accepted = new Set<string>();
  private readonly isIgnored: (userId: string) => boolean;
  private readonly allowlist: Set<string>;
  private onMessage: ((msg: ChatMessage) => void) | null = null;
  private startedAt = 0;
  private state: 'new' | 'starting' | 'running' | 'stopping' | 'stopped' = 'new';
  private readonly listeners: [string, (...args: never[]) => void][] = [];

  /** The bot's Matrix user id, known once start() has run whoami. */
  userId: string | null = null;

  constructor(
    private readonly cfg: MatrixConfig,
    private readonly opts: MatrixTransportOptions,
  ) {
    if (!cfg.accessToken) throw new UserError('matrix: no access token (set matrix.accessToken or CYCLEBOT_MATRIX_TOKEN)');
    this.log = opts.log;
    this.now = opts.now ?? Date.now;
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    routeSdkLogs(this.log.child({ module: 'matrix-sdk' }));
    // Three arguments only: no crypto store, so E2EE stays off and the crypto stub is never called.
    this.client = new SyncingClient(cfg.homeserverUrl, cfg.accessToken, opts.storage, this.now);
    if (opts.syncTimeoutMs !== undefined) this.client.syncingTimeout = opts.syncTimeoutMs;
    this.rooms = new RoomCache(this.client, this.log);
    this.dms = new DirectRooms(this.client, this.log);
    this.isIgnored = ignoreMatcher(cfg.ignore);
    this.allowlist = new Set(cfg.inviteAllowlist.map((u) => u.toLowerCase()));
  }

  /** When the last /sync answer arrived (ms since epoch), null before the first: for health checks. */
  get lastSyncAt(): number | null {
    return this.client.lastSyncAt;
  }

  /** Replies queued or being sent. */
  get queueLength(): number {
    return this.outbox.length;
  }

  /** The `since` token the first /sync of this run used (null on a fresh start). */
  get resumedFrom(): string | null | undefined {
    return this.client.firstSince;
  }

  /** Room ids the bot answers in as team rooms (configured, resolved). */
  get roomIds(): string[] {
    return [...this.configured];
  }

  async start(onMessage: (msg: ChatMessage) => void): Promise<void> {
    if (this.state !== 'new') throw new Error(`matrix transport cannot start twice (it is ${this.state})`);
    this.state = 'starting';
    this.startedAt = this.now();
    this.onMessage = onMessage;
    try {
      this.userId = await this.whoami();
      await this.checkAccount(this.userId);
      await this.joinConfiguredRooms();
      this.accepted = new Set(parseList(await this.opts.storage.readValue(ACCEPTED_KEY)));
      await this.dms.load();
      this.listen('room.message', (roomId: string, ev: RawEvent) => this.onRoomMessage(roomId, ev));
      this.listen('room.event', (roomId: string, ev: RawEvent) => this.rooms.observe(roomId, ev));
      this.listen('room.invite', (roomId: string, ev: RawEvent) => void this.onInvite(roomId, ev));
      this.listen('room.leave', (roomId: string) => this.onLeave(roomId));
      await this.client.start(SYNC_FILTER);
    } catch (err) {
      await this.stop('start-up failed');
      if (err instanceof UserError) throw err;
      throw new UserError(`matrix: start-up failed against ${this.cfg.homeserverUrl}: ${brief(err)}`);
    }
    this.state = 'running';
    this.log.info({ userId: this.userId, rooms: [...this.configured], ms: this.now() - this.startedAt, resumed: this.client.firstSince !== null }, 'matrix transport started');
  }

  async send(room: string, reply: Reply, inReplyTo?: ChatMessage): Promise<void> {
    if (this.state === 'stopped' || this.abort.signal.aborted) {
      this.log.warn({ room }, 'matrix transport stopped; reply dropped');
      return;
    }
    const asker = inReplyTo?.sender.account;
    const privately = reply.private === true && inReplyTo !== undefined && !inReplyTo.isPrivate && asker !== undefined;
    if (privately) {
      const content = buildNotice(reply, {});
      if (!content) return;
      if (await this.sendDirect(asker, content)) return;
      this.log.warn({ room, userId: asker }, 'no direct chat possible; answering in the room instead');
    }
    // Replies point at the asking event; a reply in a shared room notifies the asker.
    const eventId = inReplyTo ? this.eventIds.get(inReplyTo) : undefined;
    const content = buildNotice(reply, { inReplyTo: eventId, mention: asker && !inReplyTo?.isPrivate ? [asker] : [] });
    if (content) await this.enqueue(room, content);
  }

  async stop(reason = 'shutting down'): Promise<void> {
    if (this.state === 'stopped' || this.state === 'stopping') return;
    const wasRunning = this.state !== 'new';
    this.state = 'stopping';
    this.client.halt();
    for (const [event, fn] of this.listeners) this.client.off(event, fn as (...args: unknown[]) => void);
    this.listeners.length = 0;
    if (wasRunning) {
      const limit = this.opts.stopTimeoutMs ?? 5000;
      if (!(await this.outbox.drain(limit))) {
        this.log.warn({ pending: this.outbox.length }, 'replies still queued at stop; giving up on them');
        this.abort.abort(); // ends retry waits; the in-flight request finishes or times out by itself
        await this.outbox.drain(1000);
      }
    }
    this.abort.abort();
    this.state = 'stopped';
    this.log.info({ reason }, 'matrix transport stopped');
  }

  // --- start-up -------------------------------------------------------------------------------

  /** whoami with a few retries on network errors; a rejected token is a configuration error. */
  private async whoami(): Promise<string> {
    try {
      return await withRetry(() => this.client.getUserId(), { maxAttempts: 4, baseBackoffMs: 1000, maxWaitMs: 8000 }, {
        signal: this.abort.signal,
        onRetry: (err, n, waitMs) => this.log.warn({ err: brief(err), attempt: n, waitMs }, 'homeserver not reachable yet; retrying'),
      });
    } catch (err) {
      const f = classifyFailure(err);
      if (f.errcode === 'M_UNKNOWN_TOKEN' || f.errcode === 'M_MISSING_TOKEN' || f.status === 401) {
        throw new UserError(`matrix: ${this.cfg.homeserverUrl} rejected the access token (${f.errcode ?? 'HTTP 401'})`);
      }
      throw new UserError(`matrix: cannot reach ${this.cfg.homeserverUrl}: ${brief(err)}`);
    }
  }

  /** A stored sync token belongs to one account on one server; another one must start afresh. */
  private async checkAccount(userId: string): Promise<void> {
    const account = `${userId} ${this.cfg.homeserverUrl}`;
    const stored = await this.opts.storage.readValue(ACCOUNT_KEY);
    if (stored === account) return;
    if (stored) this.log.warn({ was: stored, now: account }, 'matrix account changed; forgetting the stored sync token');
    await this.opts.storage.setSyncToken(null);
    await this.opts.storage.setFilter(null as never); // filter ids are per user
    await this.opts.storage.storeValue(ACCEPTED_KEY, '[]');
    await this.opts.storage.storeValue(ACCOUNT_KEY, account);
  }

  /** Joins each configured room (alias or id); one failure is logged and the rest still join. */
  private async joinConfiguredRooms(): Promise<void> {
    await Promise.all(
      this.cfg.rooms.map(async (entry) => {
        try {
          // Resolve first so the id is known even when the join itself fails (already joined, banned).
          const resolved = await this.client.resolveRoom(entry);
          this.configured.add(resolved);
          const joined = await this.client.joinRoom(entry); // by alias: carries the routing servers
          this.configured.add(joined);
        } catch (err) {
          this.log.error({ err: brief(err), room: entry }, 'cannot join configured room');
        }
      }),
    );
  }

  private listen(event: string, fn: (...args: never[]) => void): void {
    this.listeners.push([event, fn]);
    this.client.on(event, fn as (...args: unknown[]) => void);
  }

  // --- incoming -------------------------------------------------------------------------------

  private onRoomMessage(roomId: string, ev: RawEvent): void {
    if (this.state !== 'running' && this.state !== 'starting') return;
    const verdict = classifyMessage(ev, { botUserId: this.userId ?? '', isIgnored: this.isIgnored, startedAt: this.startedAt, skewMs: this.opts.startupSkewMs ?? 10_000 });
    if (!verdict.accept) {
      if (verdict.reason === 'malformed' || verdict.reason === 'before start-up') this.log.debug({ roomId, eventId: ev.event_id, reason: verdict.reason }, 'event skipped');
      return;
    }
    if (this.seen.has(verdict.eventId)) return; // a retried sync may repeat a batch
    this.remember(verdict.eventId);
    // One chain per room: the lookups below are async, and commands must reach the bot in order.
    void this.inbox
      .run(roomId, async () => {
        const kind = await this.roomKind(roomId);
        if (kind === null || this.state === 'stopping' || this.state === 'stopped') return;
        const [name, level] = await Promise.all([
          this.rooms.displayName(roomId, verdict.sender),
          // Power levels count only in configured rooms: in a DM or a user-made room the user may be admin.
          kind === 'room' && this.configured.has(roomId) ? this.rooms.powerLevel(roomId, verdict.sender) : Promise.resolve(undefined),
        ]);
        const msg: ChatMessage = {
          transport: this.name,
          room: roomId,
          isPrivate: kind === 'dm',
          sender: toIdentity(verdict.sender, name, level),
          text: verdict.text,
          addressed: verdict.mentionsBot,
        };
        this.eventIds.set(msg, verdict.eventId);
        this.onMessage?.(msg);
      })
      .catch((err) => this.log.error({ err, roomId }, 'failed to read a Matrix message'));
  }

  /** 'room' (team room), 'dm' (direct chat, if enabled) or null (not answered here). */
  private async roomKind(roomId: string): Promise<'room' | 'dm' | null> {
    if (this.configured.has(roomId)) return 'room';
    const dm = this.dms.isDm(roomId) || (await this.rooms.joinedCount(roomId)) === 2;
    if (dm) return this.cfg.directMessages ? 'dm' : null;
    return this.accepted.has(roomId) ? 'room' : null;
  }

  private remember(eventId: string): void {
    this.seen.add(eventId);
    if (this.seen.size > SEEN_EVENTS) this.seen.delete(this.seen.values().next().value as string);
  }

  private async onInvite(roomId: string, ev: RawEvent): Promise<void> {
    const inviter = ev.sender;
    try {
      if (decideInvite(roomId, inviter, this.configured, this.allowlist) === 'reject') {
        this.log.info({ roomId, inviter }, 'invite rejected (room not configured, inviter not on the allowlist)');
        await this.client.leaveRoom(roomId, 'cyclebot only joins rooms its operators configured');
        return;
      }
      await this.client.joinRoom(roomId);
      this.log.info({ roomId, inviter }, 'invite accepted');
      if (!this.configured.has(roomId)) {
        this.accepted.add(roomId);
        await this.opts.storage.storeValue(ACCEPTED_KEY, JSON.stringify([...this.accepted]));
      }
    } catch (err) {
      this.log.warn({ err: brief(err), roomId, inviter }, 'cannot answer an invite');
    }
  }

  private onLeave(roomId: string): void {
    this.rooms.forget(roomId);
    if (this.configured.has(roomId)) this.log.warn({ roomId }, 'left a configured room (kicked or banned?)');
    if (this.accepted.delete(roomId)) void Promise.resolve(this.opts.storage.storeValue(ACCEPTED_KEY, JSON.stringify([...this.accepted]))).catch(() => undefined);
    if (this.dms.isDm(roomId)) void this.dms.forget(roomId);
  }

  // --- outgoing -------------------------------------------------------------------------------

  /** Sends to the user's direct chat, making a new one once if the known one refuses us. */
  private async sendDirect(userId: string, content: NoticeContent): Promise<boolean> {
    for (let attempt = 0; attempt < 2; attempt++) {
      let roomId: string;
      try {
        roomId = await this.dms.roomFor(userId);
      } catch (err) {
        this.log.warn({ err: brief(err), userId }, 'cannot create a direct chat');
        return false;
      }
      const result = await this.enqueue(roomId, content);
      if (result === 'sent') return true;
      if (result !== 'refused') return true; // transient failure already logged; do not repeat in the room
      await this.dms.forget(roomId);
    }
    return false;
  }

  /** Queues one event for the room; resolves when sent or given up (never rejects). */
  private enqueue(roomId: string, content: NoticeContent): Promise<'sent' | 'refused' | 'failed'> {
    const txnId = `cyclebot.${randomUUID()}`;
    const path = `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${encodeURIComponent(txnId)}`;
    return this.outbox.run(roomId, async () => {
      try {
        // The same txnId on every attempt: the server answers a repeat with the first event id.
        await withRetry(() => this.client.doRequest('PUT', path, null, content), this.retry, {
          signal: this.abort.signal,
          onRetry: (err, n, waitMs) => this.log.warn({ err: brief(err), roomId, txnId, attempt: n, waitMs }, 'send failed; retrying'),
        });
        return 'sent' as const;
      } catch (err) {
        const fatal = classifyFailure(err).kind === 'fatal';
        this.log.error({ err: brief(err), roomId, txnId }, fatal ? 'send refused by the homeserver' : 'send failed; giving up');
        return fatal ? ('refused' as const) : ('failed' as const);
      }
    });
  }
}

function parseList(raw: string | null | undefined): string[] {
  if (!raw) return [];
  try {
    const v = JSON.parse(raw) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
