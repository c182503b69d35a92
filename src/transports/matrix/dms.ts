// Direct chats for private replies. Matrix has no private message inside a room, so a reply
// marked private goes to a 1:1 room: the one listed for that user in the bot's m.direct account
// data, else a new room created with is_direct (the user gets an invite and sees the answer on
// joining; trusted_private_chat keeps history visible to them). m.direct lives on the server,
// so the mapping survives a lost database and is what clients use to show the room as a DM.
//
// Bounded: anyone in a room can ask for a private reply (!whoami), and each new asker would
// otherwise make the bot create, and stay in, one more room. A user's existing chat is reused;
// a new one is made only while fewer than `max` exist, after leaving chats idle for `idleMs`;
// past that the caller answers in the room the question came from.
import type { Logger } from 'pino';
import { brief } from './rooms.ts';

export interface DmApi {
  getAccountData<T>(type: string): Promise<T>;
  setAccountData(type: string, content: unknown): Promise<unknown>;
  createRoom(options: { invite: string[]; is_direct: boolean; preset: 'trusted_private_chat' }): Promise<string>;
  leaveRoom(roomId: string, reason?: string): Promise<unknown>;
}

export interface DmLimits {
  /** Most direct chats kept. */
  max: number;
  /** A chat unused this long may be left to make room for a new one. */
  idleMs: number;
  now: () => number;
}

/** Thrown by roomFor when no direct chat may be made now: answer in the room instead. */
export class DirectRoomsFull extends Error {
  constructor(max: number) {
    super(`${max} direct chats already, none idle`);
  }
}

type DirectMap = Record<string, string[]>;

export class DirectRooms {
  /** user id → DM room ids, newest first (the m.direct layout). */
  private map: DirectMap = {};
  private readonly creating = new Map<string, Promise<string>>();
  /** room id → when a reply was last sent or a message received there (load time for old chats). */
  private readonly lastUsed = new Map<string, number>();

  constructor(
    private readonly api: DmApi,
    private readonly log: Logger,
    private readonly limits: DmLimits = { max: 50, idleMs: 7 * 86_400_000, now: Date.now },
  ) {}

  /** Reads m.direct (404 means none yet). Never throws: DMs are a convenience. */
  async load(): Promise<void> {
    this.map = await this.fetch();
    for (const room of this.rooms()) this.lastUsed.set(room, this.limits.now());
  }

  /** Direct chats known now. */
  get count(): number {
    return this.rooms().size;
  }

  /** Marks a chat as in use (a message in it, a reply to it): it is not left while in use. */
  touch(roomId: string): void {
    if (this.isDm(roomId)) this.lastUsed.set(roomId, this.limits.now());
  }

  /** The room is a DM the bot knows of (m.direct, or created by it). */
  isDm(roomId: string): boolean {
    return Object.values(this.map).some((rooms) => rooms.includes(roomId));
  }

  /** The user's DM room, created (with an invite) when there is none. Throws when creation fails. */
  async roomFor(userId: string): Promise<string> {
    const known = this.map[userId]?.[0];
    if (known) {
      this.touch(known);
      return known;
    }
    let pending = this.creating.get(userId);
    if (!pending) {
      if (this.count + this.creating.size >= this.limits.max) await this.leaveIdle();
      if (this.count + this.creating.size >= this.limits.max) throw new DirectRoomsFull(this.limits.max);
      pending = this.create(userId).finally(() => this.creating.delete(userId));
      this.creating.set(userId, pending);
    }
    return pending;
  }

  /** Leaves the chats unused for idleMs (oldest first) and forgets them; the next reply makes a new one. */
  async leaveIdle(): Promise<number> {
    const cutoff = this.limits.now() - this.limits.idleMs;
    const idle = [...this.rooms()].filter((r) => (this.lastUsed.get(r) ?? 0) <= cutoff);
    for (const roomId of idle) {
      try {
        await this.api.leaveRoom(roomId, 'idle direct chat; cyclebot opens a new one when needed');
      } catch (err) {
        this.log.warn({ err: brief(err), roomId }, 'cannot leave an idle direct chat; forgetting it anyway');
      }
      this.lastUsed.delete(roomId);
      this.drop(roomId);
    }
    if (idle.length) {
      this.log.info({ left: idle.length }, 'left idle direct chats');
      await this.save();
    }
    return idle.length;
  }

  /** Drops a room that no longer works (bot left or was refused); the next reply makes a new one. */
  async forget(roomId: string): Promise<void> {
    this.lastUsed.delete(roomId);
    if (this.drop(roomId)) await this.save();
  }

  private drop(roomId: string): boolean {
    let changed = false;
    for (const [user, rooms] of Object.entries(this.map)) {
      if (!rooms.includes(roomId)) continue;
      changed = true;
      const rest = rooms.filter((r) => r !== roomId);
      if (rest.length) this.map[user] = rest;
      else delete this.map[user];
    }
    return changed;
  }

  private rooms(): Set<string> {
    return new Set(Object.values(this.map).flat());
  }

  private async create(userId: string): Promise<string> {
    const roomId = await this.api.createRoom({ invite: [userId], is_direct: true, preset: 'trusted_private_chat' });
    this.log.info({ userId, roomId }, 'created a direct chat for private replies');
    // Re-read before writing: m.direct is shared with the SDK and other sessions of this account.
    const latest = await this.fetch();
    latest[userId] = [roomId, ...(latest[userId] ?? []).filter((r) => r !== roomId)];
    this.map = latest;
    this.lastUsed.set(roomId, this.limits.now());
    await this.save();
    return roomId;
  }

  private async fetch(): Promise<DirectMap> {
    try {
      const raw = await this.api.getAccountData<unknown>('m.direct');
      return sanitize(raw);
    } catch (err) {
      const e = err as { statusCode?: number; errcode?: string };
      if (e.statusCode !== 404 && e.errcode !== 'M_NOT_FOUND') this.log.warn({ err: brief(err) }, 'cannot read m.direct; assuming no direct chats');
      return { ...this.map };
    }
  }

  private async save(): Promise<void> {
    try {
      await this.api.setAccountData('m.direct', this.map);
    } catch (err) {
      this.log.warn({ err: brief(err) }, 'cannot update m.direct; the direct chat still works');
    }
  }
}

function sanitize(raw: unknown): DirectMap {
  const out: DirectMap = {};
  if (typeof raw !== 'object' || raw === null) return out;
  for (const [user, rooms] of Object.entries(raw)) {
    if (Array.isArray(rooms)) {
      const ids = rooms.filter((r): r is string => typeof r === 'string' && r.startsWith('!'));
      if (ids.length) out[user] = ids;
    }
  }
  return out;
}
