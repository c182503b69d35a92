// Per-room facts the transport needs for each message, fetched once and then kept current from
// the timeline: power levels (roles), display names (how to address people) and the joined
// member count (a 2-member room is a direct chat). Failed fetches are not cached. After a gap
// in the timeline (a `limited` sync) the room's entries are dropped, then its state block applied.
import type { Logger } from 'pino';
import { powerLevelOf, type RawEvent } from './events.ts';

/** The few MatrixClient calls used here (a fake is enough in unit tests). */
export interface RoomApi {
  getRoomStateEvent(roomId: string, type: string, stateKey: string): Promise<unknown>;
  getJoinedRoomMembers(roomId: string): Promise<string[]>;
}

/** Entries kept per room before the name cache starts over (bounds memory in huge rooms). */
const MAX_NAMES_PER_ROOM = 2000;

export class RoomCache {
  private readonly powerLevels = new Map<string, unknown>();
  private readonly names = new Map<string, Map<string, string | null>>();
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly api: RoomApi,
    private readonly log: Logger,
  ) {}

  /** The user's power level in the room; undefined when the room's levels cannot be read. */
  async powerLevel(roomId: string, userId: string): Promise<number | undefined> {
    if (!this.powerLevels.has(roomId)) {
      try {
        this.powerLevels.set(roomId, await this.api.getRoomStateEvent(roomId, 'm.room.power_levels', ''));
      } catch (err) {
        const status = (err as { statusCode?: number }).statusCode;
        if (status === 404) {
          // No power_levels event (rare): only the creator would be privileged; treat all as 0.
          this.powerLevels.set(roomId, {});
        } else {
          this.log.warn({ err: brief(err), roomId }, 'cannot read power levels; sender gets no power level');
          return undefined;
        }
      }
    }
    return powerLevelOf(this.powerLevels.get(roomId), userId);
  }

  /** The member's display name in the room, null when unset or unknown. */
  async displayName(roomId: string, userId: string): Promise<string | null> {
    const room = this.roomNames(roomId);
    if (room.has(userId)) return room.get(userId) ?? null;
    try {
      const content = (await this.api.getRoomStateEvent(roomId, 'm.room.member', userId)) as { displayname?: unknown } | null;
      const name = typeof content?.displayname === 'string' ? content.displayname : null;
      room.set(userId, name);
      return name;
    } catch (err) {
      this.log.debug({ err: brief(err), roomId, userId }, 'no member state; using the user id');
      return null;
    }
  }

  /** Joined members, or undefined when the server will not say. */
  async joinedCount(roomId: string): Promise<number | undefined> {
    const known = this.counts.get(roomId);
    if (known !== undefined) return known;
    try {
      const n = (await this.api.getJoinedRoomMembers(roomId)).length;
      this.counts.set(roomId, n);
      return n;
    } catch (err) {
      this.log.warn({ err: brief(err), roomId }, 'cannot count room members');
      return undefined;
    }
  }

  /** Keeps the caches current from a timeline event (state changes arrive in the timeline). */
  observe(roomId: string, ev: RawEvent): void {
    if (typeof ev.state_key !== 'string') return;
    if (ev.type === 'm.room.power_levels' && ev.state_key === '') {
      this.powerLevels.set(roomId, ev.content ?? {});
    } else if (ev.type === 'm.room.member') {
      const content = (ev.content ?? {}) as { membership?: unknown; displayname?: unknown };
      const room = this.roomNames(roomId);
      if (content.membership === 'join') room.set(ev.state_key, typeof content.displayname === 'string' ? content.displayname : null);
      else room.delete(ev.state_key);
      this.counts.delete(roomId); // recount on next need rather than guess from transitions
    }
  }

  /** A gap in the room's timeline: whatever changed in it is unknown, so cached state is read again. */
  gap(roomId: string): void {
    this.forget(roomId);
  }

  forget(roomId: string): void {
    this.powerLevels.delete(roomId);
    this.names.delete(roomId);
    this.counts.delete(roomId);
  }

  private roomNames(roomId: string): Map<string, string | null> {
    let room = this.names.get(roomId);
    if (!room || room.size > MAX_NAMES_PER_ROOM) {
      room = new Map();
      this.names.set(roomId, room);
    }
    return room;
  }
}

/** A log-friendly summary of an SDK error (its `body` may be a whole HTTP response). */
export function brief(err: unknown): string {
  const e = err as { statusCode?: unknown; errcode?: unknown; message?: unknown; code?: unknown };
  if (e && typeof e.errcode === 'string') return `${String(e.statusCode ?? '')} ${e.errcode}`.trim();
  if (e && typeof e.statusCode === 'number') return `HTTP ${e.statusCode}`;
  if (e && typeof e.code === 'string') return e.code;
  return e && typeof e.message === 'string' ? e.message : String(err);
}
