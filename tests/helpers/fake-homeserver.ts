// A loopback Matrix homeserver, just enough of the client-server API for matrix-bot-sdk 0.7.1:
// the real paths and JSON shapes (see /work/shared/reference/matrix.md §2), one bot account,
// rooms with members, power levels and aliases, /sync long-polling over an append-only log
// (next_batch = "s<log length>"), idempotent sends per txnId, and knobs for tests: inject
// messages, invites and state, make sends fail with 429 or other errors, inspect every request.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeEvent {
  event_id: string;
  type: string;
  sender: string;
  content: Record<string, unknown>;
  origin_server_ts: number;
  unsigned: { age: number };
  state_key?: string;
}

export interface RecordedRequest {
  method: string;
  /** Decoded path, e.g. /_matrix/client/v3/join/#nova:test */
  path: string;
  /** Raw path as sent (percent-encoding kept). */
  rawPath: string;
  query: Record<string, string>;
  body: unknown;
  at: number;
  status: number;
}

export interface SentEvent {
  roomId: string;
  type: string;
  txnId: string;
  eventId: string;
  content: Record<string, unknown>;
  at: number;
}

interface Member {
  membership: 'join' | 'invite' | 'leave' | 'ban';
  displayname?: string;
}

interface Room {
  id: string;
  alias?: string;
  members: Map<string, Member>;
  powerLevels?: Record<string, unknown>;
  isDirect?: boolean;
}

type LogEntry =
  | { kind: 'timeline'; roomId: string; event: FakeEvent }
  | { kind: 'invite'; roomId: string; event: FakeEvent }
  | { kind: 'leave'; roomId: string; event: FakeEvent }
  /** A state change the client missed: sent in `state.events` with the timeline marked `limited`. */
  | { kind: 'gap-state'; roomId: string; event: FakeEvent };

export interface FakeHomeserverOptions {
  botUserId?: string;
  token?: string;
  serverName?: string;
}

export interface SayOptions {
  ts?: number;
  msgtype?: string;
  /** Extra content fields (m.relates_to, format, …). */
  extra?: Record<string, unknown>;
  /** Replaces the whole content (for malformed-content tests). */
  content?: unknown;
}

export class FakeHomeserver {
  readonly botUserId: string;
  readonly token: string;
  readonly serverName: string;
  readonly requests: RecordedRequest[] = [];
  readonly sent: SentEvent[] = [];
  readonly createdRooms: { roomId: string; body: Record<string, unknown> }[] = [];
  /** Every /sync answer: the since it was asked with and the event ids it carried. */
  readonly syncs: { since: string | null; nextBatch: string; eventIds: string[] }[] = [];
  url = '';

  private readonly server: http.Server;
  private readonly rooms = new Map<string, Room>();
  private readonly log: LogEntry[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly txns = new Map<string, string>();
  private readonly accountData = new Map<string, unknown>();
  private readonly sendWatchers = new Set<() => void>();
  private readonly failures: { status: number; body: Record<string, unknown> }[] = [];
  private seq = 0;
  private lostResponses = 0;
  private createFailures = 0;

  constructor(opts: FakeHomeserverOptions = {}) {
    this.serverName = opts.serverName ?? 'test';
    this.botUserId = opts.botUserId ?? `@bot:${this.serverName}`;
    this.token = opts.token ?? 'bot-token';
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) json(res, 500, { errcode: 'M_UNKNOWN', error: String(err) });
      });
    });
  }

  /** Listens on `port` (0: a free one); a test may start the bot first and listen later. */
  async listen(port = 0): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  /** Answers pending long-polls, drops keep-alive sockets and stops listening. */
  async close(): Promise<void> {
    this.releaseSyncs();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Makes every pending /sync answer now (with whatever is new, possibly nothing). */
  releaseSyncs(): void {
    for (const w of this.waiters) w();
    this.waiters.clear();
  }

  // --- set-up and injection --------------------------------------------------------------------

  /** Creates a room with members (user id → display name) and optional alias / power levels. */
  addRoom(id: string, opts: { alias?: string; members?: Record<string, string | undefined>; powerLevels?: Record<string, unknown> } = {}): void {
    const members = new Map<string, Member>();
    for (const [user, displayname] of Object.entries(opts.members ?? {})) members.set(user, { membership: 'join', displayname });
    this.rooms.set(id, { id, alias: opts.alias, members, powerLevels: opts.powerLevels });
  }

  /** Bot membership as the server sees it. */
  isJoined(roomId: string): boolean {
    return this.rooms.get(roomId)?.members.get(this.botUserId)?.membership === 'join';
  }

  membership(roomId: string, userId: string): string | undefined {
    return this.rooms.get(roomId)?.members.get(userId)?.membership;
  }

  /** A message from a user (joins them to the room if needed); returns the event. */
  say(roomId: string, sender: string, body: string, opts: SayOptions = {}): FakeEvent {
    const content = (opts.content !== undefined ? opts.content : { msgtype: opts.msgtype ?? 'm.text', body, ...opts.extra }) as Record<string, unknown>;
    const room = this.room(roomId);
    if (!room.members.has(sender)) room.members.set(sender, { membership: 'join' });
    return this.pushTimeline(roomId, this.event(sender, 'm.room.message', content, undefined, opts.ts));
  }

  /** Any non-state room event in the timeline (e.g. m.room.encrypted). */
  roomEvent(roomId: string, sender: string, type: string, content: Record<string, unknown>): FakeEvent {
    this.room(roomId);
    return this.pushTimeline(roomId, this.event(sender, type, content));
  }

  /** A state event in the timeline (power levels, membership, …). */
  setState(roomId: string, sender: string, type: string, stateKey: string, content: Record<string, unknown>): FakeEvent {
    const room = this.room(roomId);
    if (type === 'm.room.power_levels' && stateKey === '') room.powerLevels = content;
    if (type === 'm.room.member')
      room.members.set(stateKey, { membership: content.membership as Member['membership'], displayname: content.displayname as string | undefined });
    return this.pushTimeline(roomId, this.event(sender, type, content, stateKey));
  }

  /**
   * A state change that falls in a gap: the next /sync is `limited` (the server dropped older
   * timeline events) and carries the change only in the room's `state.events` block.
   */
  setStateInGap(roomId: string, sender: string, type: string, stateKey: string, content: Record<string, unknown>): FakeEvent {
    const room = this.room(roomId);
    if (type === 'm.room.power_levels' && stateKey === '') room.powerLevels = content;
    if (type === 'm.room.member')
      room.members.set(stateKey, { membership: content.membership as Member['membership'], displayname: content.displayname as string | undefined });
    const event = this.event(sender, type, content, stateKey);
    this.push({ kind: 'gap-state', roomId, event });
    return event;
  }

  /** Invites the bot (the room is created if unknown). */
  invite(roomId: string, from: string, opts: { isDirect?: boolean } = {}): FakeEvent {
    if (!this.rooms.has(roomId)) this.addRoom(roomId, { members: { [from]: undefined } });
    const room = this.room(roomId);
    room.members.set(this.botUserId, { membership: 'invite' });
    const content: Record<string, unknown> = { membership: 'invite', ...(opts.isDirect ? { is_direct: true } : {}) };
    const event = this.event(from, 'm.room.member', content, this.botUserId);
    this.push({ kind: 'invite', roomId, event });
    return event;
  }

  /** The next `n` sends answer 429 M_LIMIT_EXCEEDED with this retry_after_ms. */
  rateLimitNextSends(n: number, retryAfterMs: number): void {
    for (let i = 0; i < n; i++)
      this.failures.push({ status: 429, body: { errcode: 'M_LIMIT_EXCEEDED', error: 'Too Many Requests', retry_after_ms: retryAfterMs } });
  }

  /** The next `n` sends fail with this status and body. */
  failNextSends(n: number, status: number, body: Record<string, unknown>): void {
    for (let i = 0; i < n; i++) this.failures.push({ status, body });
  }

  /** The next `n` sends are posted but their connection is cut before the answer (a lost response). */
  loseNextSendResponses(n: number): void {
    this.lostResponses += n;
  }

  /** The next `n` createRoom calls fail with 403 M_FORBIDDEN. */
  failNextCreateRooms(n: number): void {
    this.createFailures += n;
  }

  /** Resolves once at least `n` events have been sent (rejects after timeoutMs). */
  waitForSends(n: number, timeoutMs = 5000): Promise<SentEvent[]> {
    return this.waitFor(() => this.sent.length >= n, timeoutMs, `${n} sent events (have ${this.sent.length})`).then(() => this.sent);
  }

  /**
   * Resolves when `check` holds: checked on every request and answer, and every 10 ms (for
   * conditions on the bot's side, such as its stored token).
   */
  waitFor(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const finish = (err?: Error) => {
        clearTimeout(timer);
        clearInterval(poll);
        this.sendWatchers.delete(watcher);
        if (err) reject(err);
        else resolve();
      };
      const watcher = () => {
        if (check()) finish();
      };
      const timer = setTimeout(() => finish(new Error(`fake homeserver: timed out waiting for ${what}`)), timeoutMs);
      const poll = setInterval(watcher, 10);
      this.sendWatchers.add(watcher);
    });
  }

  /** Sync requests as the server saw them, in order. */
  syncRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === '/_matrix/client/v3/sync');
  }

  // --- internals -------------------------------------------------------------------------------

  private room(id: string): Room {
    const room = this.rooms.get(id);
    if (!room) throw new Error(`fake homeserver: no room ${id} (addRoom first)`);
    return room;
  }

  private event(sender: string, type: string, content: Record<string, unknown>, stateKey?: string, ts?: number): FakeEvent {
    return {
      event_id: `$ev${++this.seq}:${this.serverName}`,
      type,
      sender,
      content,
      origin_server_ts: ts ?? Date.now(),
      unsigned: { age: 0 },
      ...(stateKey !== undefined ? { state_key: stateKey } : {}),
    };
  }

  private pushTimeline(roomId: string, event: FakeEvent): FakeEvent {
    this.push({ kind: 'timeline', roomId, event });
    return event;
  }

  private push(entry: LogEntry): void {
    this.log.push(entry);
    this.releaseSyncs();
  }

  private notify(): void {
    for (const w of [...this.sendWatchers]) w();
  }

  private buildSync(since: number): { body: Record<string, unknown>; eventIds: string[] } {
    const join: Record<
      string,
      {
        timeline: { events: unknown[]; limited: boolean; prev_batch: string };
        state: { events: unknown[] };
        ephemeral: { events: unknown[] };
        account_data: { events: unknown[] };
        unread_notifications: Record<string, number>;
      }
    > = {};
    const invite: Record<string, { invite_state: { events: unknown[] } }> = {};
    const leave: Record<string, { timeline: { events: unknown[] } }> = {};
    const eventIds: string[] = [];
    for (const entry of this.log.slice(since)) {
      const now = Date.now();
      const ev = { ...entry.event, unsigned: { age: Math.max(0, now - entry.event.origin_server_ts) } };
      if (entry.kind === 'invite') {
        invite[entry.roomId] = { invite_state: { events: [ev] } };
      } else if (entry.kind === 'leave') {
        leave[entry.roomId] = { timeline: { events: [ev] } };
      } else if (this.isJoined(entry.roomId)) {
        join[entry.roomId] ??= {
          timeline: { events: [], limited: false, prev_batch: `p${since}` },
          state: { events: [] },
          ephemeral: { events: [] },
          account_data: { events: [] },
          unread_notifications: { highlight_count: 0, notification_count: 0 },
        };
        if (entry.kind === 'gap-state') {
          join[entry.roomId].state.events.push(ev);
          join[entry.roomId].timeline.limited = true;
        } else {
          join[entry.roomId].timeline.events.push(ev); // room_id is omitted inside /sync
          eventIds.push(ev.event_id);
        }
      }
    }
    const body = {
      next_batch: `s${this.log.length}`,
      rooms: { join, invite, leave },
      account_data: { events: [] },
      presence: { events: [] },
      to_device: { events: [] },
      device_lists: { changed: [], left: [] },
      device_one_time_keys_count: {},
    };
    return { body, eventIds };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = decodeURIComponent(url.pathname);
    let raw = '';
    for await (const chunk of req) raw += chunk;
    let body: unknown = {};
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      json(res, 400, { errcode: 'M_NOT_JSON', error: 'bad json' });
      return;
    }
    const method = req.method ?? 'GET';
    // Recorded on arrival (a long-poll is answered much later); the status is filled in on reply.
    const record: RecordedRequest = { method, path, rawPath: url.pathname, query: Object.fromEntries(url.searchParams), body, at: Date.now(), status: 0 };
    this.requests.push(record);
    this.notify();
    const send = (status: number, out: unknown) => {
      record.status = status;
      json(res, status, out);
      this.notify();
    };

    if (path === '/_matrix/client/versions') return send(200, { versions: ['v1.1', 'v1.11', 'v1.12'], unstable_features: {} });
    const auth = req.headers.authorization;
    if (!auth) return send(401, { errcode: 'M_MISSING_TOKEN', error: 'Missing access token' });
    if (auth !== `Bearer ${this.token}`) return send(401, { errcode: 'M_UNKNOWN_TOKEN', error: 'Unrecognised access token', soft_logout: false });

    const V3 = '/_matrix/client/v3';
    let m: RegExpMatchArray | null;
    if (path === `${V3}/account/whoami`) return send(200, { user_id: this.botUserId, device_id: 'TESTDEVICE', is_guest: false });
    if (path === `${V3}/capabilities`) return send(200, { capabilities: { 'm.change_password': { enabled: false } } });
    if ((m = path.match(/^\/_matrix\/client\/v3\/user\/([^/]+)\/account_data\/([^/]+)$/))) {
      if (m[1] !== this.botUserId) return send(403, { errcode: 'M_FORBIDDEN', error: 'not your account data' });
      if (method === 'PUT') {
        this.accountData.set(m[2], body);
        return send(200, {});
      }
      if (!this.accountData.has(m[2])) return send(404, { errcode: 'M_NOT_FOUND', error: 'Account data not found' });
      return send(200, this.accountData.get(m[2]));
    }
    if (path === `${V3}/joined_rooms`) return send(200, { joined_rooms: [...this.rooms.keys()].filter((id) => this.isJoined(id)) });
    if (path.match(/^\/_matrix\/client\/v3\/user\/[^/]+\/filter$/) && method === 'POST') return send(200, { filter_id: '1' });
    if (path === `${V3}/sync`) {
      const sinceRaw = url.searchParams.get('since');
      const since = sinceRaw ? Number(sinceRaw.replace(/^s/, '')) : 0;
      const timeout = Math.min(Number(url.searchParams.get('timeout') ?? 0), 30_000);
      if (this.log.length <= since && timeout > 0) {
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            this.waiters.delete(done);
            resolve();
          };
          const timer = setTimeout(done, timeout);
          this.waiters.add(done);
        });
      }
      if (res.destroyed) return;
      const { body: out, eventIds } = this.buildSync(since);
      this.syncs.push({ since: sinceRaw, nextBatch: out.next_batch as string, eventIds });
      return send(200, out);
    }
    if ((m = path.match(/^\/_matrix\/client\/v3\/directory\/room\/(.+)$/)) && method === 'GET') {
      const room = [...this.rooms.values()].find((r) => r.alias === m![1]);
      if (!room) return send(404, { errcode: 'M_NOT_FOUND', error: `Room alias ${m[1]} not found` });
      return send(200, { room_id: room.id, servers: [this.serverName] });
    }
    if (((m = path.match(/^\/_matrix\/client\/v3\/join\/(.+)$/)) || (m = path.match(/^\/_matrix\/client\/v3\/rooms\/([^/]+)\/join$/))) && method === 'POST') {
      const target = m[1];
      const room = target.startsWith('#') ? [...this.rooms.values()].find((r) => r.alias === target) : this.rooms.get(target);
      if (!room) return send(404, { errcode: 'M_NOT_FOUND', error: `No known servers for ${target}` });
      if (!this.isJoined(room.id)) {
        room.members.set(this.botUserId, { membership: 'join', displayname: 'cyclebot' });
        this.pushTimeline(room.id, this.event(this.botUserId, 'm.room.member', { membership: 'join', displayname: 'cyclebot' }, this.botUserId));
      }
      return send(200, { room_id: room.id });
    }
    if ((m = path.match(/^\/_matrix\/client\/v3\/rooms\/([^/]+)\/leave$/)) && method === 'POST') {
      const room = this.rooms.get(m[1]);
      if (!room || !room.members.has(this.botUserId)) return send(403, { errcode: 'M_FORBIDDEN', error: 'not in room' });
      room.members.set(this.botUserId, { membership: 'leave' });
      this.push({ kind: 'leave', roomId: room.id, event: this.event(this.botUserId, 'm.room.member', { membership: 'leave' }, this.botUserId) });
      return send(200, {});
    }
    if (path === `${V3}/createRoom` && method === 'POST') {
      if (this.createFailures > 0) {
        this.createFailures--;
        return send(403, { errcode: 'M_FORBIDDEN', error: 'You are not allowed to create rooms' });
      }
      const input = body as { invite?: string[]; is_direct?: boolean; preset?: string };
      const roomId = `!created${++this.seq}:${this.serverName}`;
      const members: Record<string, string | undefined> = { [this.botUserId]: 'cyclebot' };
      const users: Record<string, number> = { [this.botUserId]: 100 };
      this.addRoom(roomId, { members });
      const room = this.room(roomId);
      for (const u of input.invite ?? []) {
        room.members.set(u, { membership: 'invite' });
        if (input.preset === 'trusted_private_chat') users[u] = 100;
      }
      room.powerLevels = { users, users_default: 0 };
      room.isDirect = input.is_direct === true;
      this.createdRooms.push({ roomId, body: input as Record<string, unknown> });
      this.pushTimeline(roomId, this.event(this.botUserId, 'm.room.member', { membership: 'join', displayname: 'cyclebot' }, this.botUserId));
      return send(200, { room_id: roomId });
    }
    if ((m = path.match(/^\/_matrix\/client\/v3\/rooms\/([^/]+)\/state\/m\.room\.power_levels\/?$/)) && method === 'GET') {
      const room = this.rooms.get(m[1]);
      if (!room || !this.isJoined(room.id)) return send(403, { errcode: 'M_FORBIDDEN', error: 'not in room' });
      if (!room.powerLevels) return send(404, { errcode: 'M_NOT_FOUND', error: 'Event not found' });
      return send(200, room.powerLevels);
    }
    if ((m = path.match(/^\/_matrix\/client\/v3\/rooms\/([^/]+)\/state\/m\.room\.member\/([^/]+)$/)) && method === 'GET') {
      const member = this.rooms.get(m[1])?.members.get(m[2]);
      if (!member) return send(404, { errcode: 'M_NOT_FOUND', error: 'Event not found' });
      return send(200, { membership: member.membership, ...(member.displayname !== undefined ? { displayname: member.displayname } : {}) });
    }
    if ((m = path.match(/^\/_matrix\/client\/v3\/rooms\/([^/]+)\/joined_members$/)) && method === 'GET') {
      const room = this.rooms.get(m[1]);
      if (!room || !this.isJoined(room.id)) return send(403, { errcode: 'M_FORBIDDEN', error: 'not in room' });
      const joined: Record<string, { display_name: string | null; avatar_url: null }> = {};
      for (const [u, mem] of room.members) if (mem.membership === 'join') joined[u] = { display_name: mem.displayname ?? null, avatar_url: null };
      return send(200, { joined });
    }
    if ((m = path.match(/^\/_matrix\/client\/v3\/rooms\/([^/]+)\/send\/([^/]+)\/([^/]+)$/)) && method === 'PUT') {
      const [, roomId, type, txnId] = m;
      const key = `${roomId}|${txnId}`;
      const done = this.txns.get(key);
      if (done) return send(200, { event_id: done });
      const failure = this.failures.shift();
      if (failure) return send(failure.status, failure.body);
      if (!this.isJoined(roomId)) return send(403, { errcode: 'M_FORBIDDEN', error: 'not in room' });
      const ev = this.event(this.botUserId, type, body as Record<string, unknown>);
      this.txns.set(key, ev.event_id);
      this.sent.push({ roomId, type, txnId, eventId: ev.event_id, content: body as Record<string, unknown>, at: Date.now() });
      this.pushTimeline(roomId, ev);
      if (this.lostResponses > 0) {
        this.lostResponses--;
        record.status = -1; // no answer: the socket is cut
        req.socket.destroy();
        this.notify();
        return;
      }
      return send(200, { event_id: ev.event_id });
    }
    if ((m = path.match(/^\/_matrix\/client\/v3\/profile\/([^/]+)$/))) return send(200, { displayname: m[1] });
    return send(404, { errcode: 'M_UNRECOGNIZED', error: `Unrecognized request: ${method} ${path}` });
  }
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Starts a fake homeserver on a random loopback port. */
export async function startFakeHomeserver(opts: FakeHomeserverOptions = {}): Promise<FakeHomeserver> {
  const fake = new FakeHomeserver(opts);
  await fake.listen();
  return fake;
}
