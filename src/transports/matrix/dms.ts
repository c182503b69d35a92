// Direct chats for private replies. Matrix has no private message inside a room, so a reply
// marked private goes to a 1:1 room: the one listed for that user in the bot's m.direct account
// data, else a new room created with is_direct (the user gets an invite and sees the answer on
// joining; trusted_private_chat keeps history visible to them). m.direct lives on the server,
// so the mapping survives a lost database and is what clients use to show the room as a DM.
import type { Logger } from 'pino';
import { brief } from './rooms.ts';

export interface DmApi {
  getAccountData<T>(type: string): Promise<T>;
  setAccountData(type: string, content: unknown): Promise<unknown>;
  createRoom(options: { invite: string[]; is_direct: boolean; preset: 'trusted_private_chat' }): Promise<string>;
}

type DirectMap = Record<string, string[]>;

export class DirectRooms {
  /** user id → DM room ids, newest first (the m.direct layout). */
  private map: DirectMap = {};
  private readonly creating = new Map<string, Promise<string>>();

  constructor(
    private readonly api: DmApi,
    private readonly log: Logger,
  ) {}

  /** Reads m.direct (404 means none yet). Never throws: DMs are a convenience. */
  async load(): Promise<void> {
    this.map = await this.fetch();
  }

  /** The room is a DM the bot knows of (m.direct, or created by it). */
  isDm(roomId: string): boolean {
    return Object.values(this.map).some((rooms) => rooms.includes(roomId));
  }

  /** The user's DM room, created (with an invite) when there is none. Throws when creation fails. */
  async roomFor(userId: string): Promise<string> {
    const known = this.map[userId]?.[0];
    if (known) return known;
    let pending = this.creating.get(userId);
    if (!pending) {
      pending = this.create(userId).finally(() => this.creating.delete(userId));
      this.creating.set(userId, pending);
    }
    return pending;
  }

  /** Drops a room that no longer works (bot left or was refused); the next reply makes a new one. */
  async forget(roomId: string): Promise<void> {
    let changed = false;
    for (const [user, rooms] of Object.entries(this.map)) {
      if (!rooms.includes(roomId)) continue;
      changed = true;
      const rest = rooms.filter((r) => r !== roomId);
      if (rest.length) this.map[user] = rest;
      else delete this.map[user];
    }
    if (changed) await this.save();
  }

  private async create(userId: string): Promise<string> {
    const roomId = await this.api.createRoom({ invite: [userId], is_direct: true, preset: 'trusted_private_chat' });
    this.log.info({ userId, roomId }, 'created a direct chat for private replies');
    // Re-read before writing: m.direct is shared with the SDK and other sessions of this account.
    const latest = await this.fetch();
    latest[userId] = [roomId, ...(latest[userId] ?? []).filter((r) => r !== roomId)];
    this.map = latest;
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
