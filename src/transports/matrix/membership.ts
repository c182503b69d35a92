// Which rooms the bot belongs in: the configured rooms (joined at start, their aliases resolved)
// and rooms it joined on an invite from the allowlist (remembered in storage across restarts).
// Every other invite is rejected: AutojoinRoomsMixin would join any room anyone invites it to.
import type { IStorageProvider, MatrixClient } from 'matrix-bot-sdk';
import type { Logger } from 'pino';
import { decideInvite, type RawEvent } from './events.ts';
import { brief } from './rooms.ts';
import { ACCEPTED_KEY, joinRooms, parseList } from './startup.ts';

export class Membership {
  private configured = new Set<string>();
  /** Configured entry (alias or id) → room id; also aliases resolved later for posts. */
  private aliases = new Map<string, string>();
  private accepted = new Set<string>();
  private readonly allowlist: Set<string>;

  constructor(
    private readonly client: MatrixClient,
    private readonly storage: IStorageProvider,
    private readonly log: Logger,
    inviteAllowlist: readonly string[],
  ) {
    this.allowlist = new Set(inviteAllowlist.map((u) => u.toLowerCase()));
  }

  /** Room id → the configured entry that named it first (an alias, or the id itself). */
  private names = new Map<string, string>();

  /** Joins the configured rooms and loads the rooms accepted on earlier invites. */
  async start(rooms: readonly string[]): Promise<void> {
    this.aliases = await joinRooms(this.client, rooms, this.log);
    this.configured = new Set(this.aliases.values());
    this.names = new Map();
    for (const entry of rooms) {
      const id = this.aliases.get(entry);
      if (id !== undefined && !this.names.has(id)) this.names.set(id, entry);
    }
    this.accepted = new Set(parseList(await this.storage.readValue(ACCEPTED_KEY)));
  }

  /**
   * The name the rest of the bot knows a room by: a room configured by its alias is that alias
   * (as the teams' channels and schedule.channels name it), any other room its id.
   */
  nameOf(roomId: string): string {
    return this.names.get(roomId) ?? roomId;
  }

  /** Ids of the configured rooms that resolved. */
  get configuredIds(): string[] {
    return [...this.configured];
  }

  isConfigured(roomId: string): boolean {
    return this.configured.has(roomId);
  }

  /** Joined on an invite from the allowlist (not configured). */
  isAccepted(roomId: string): boolean {
    return this.accepted.has(roomId);
  }

  /** A room alias's id: from the configured rooms, else the room directory (then remembered). */
  async roomIdFor(alias: string): Promise<string | null> {
    const known = this.aliases.get(alias);
    if (known) return known;
    try {
      const id = await this.client.resolveRoom(alias);
      this.aliases.set(alias, id);
      return id;
    } catch (err) {
      this.log.warn({ err: brief(err), room: alias }, 'cannot resolve room alias; message dropped');
      return null;
    }
  }

  /** Joins configured rooms and invites from the allowlist; leaves (rejects) every other invite. Never throws. */
  async onInvite(roomId: string, ev: RawEvent): Promise<void> {
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
        await this.saveAccepted();
      }
    } catch (err) {
      this.log.warn({ err: brief(err), roomId, inviter }, 'cannot answer an invite');
    }
  }

  /** The bot left or was removed. Never throws. */
  async onLeave(roomId: string): Promise<void> {
    if (this.configured.has(roomId)) this.log.warn({ roomId }, 'left a configured room (kicked or banned?)');
    if (this.accepted.delete(roomId)) await this.saveAccepted();
  }

  private async saveAccepted(): Promise<void> {
    try {
      await this.storage.storeValue(ACCEPTED_KEY, JSON.stringify([...this.accepted]));
    } catch (err) {
      this.log.warn({ err: brief(err) }, 'cannot store accepted rooms');
    }
  }
}
