// Knows when an OpenDev meeting (MeetBot, nick "opendevmeet") is running in a room, from the
// meeting bot's own banners only: humans' #startmeeting may be refused by the bot. The bot is
// trusted by identity (as in `permissions`): "irc:<services account>", a Matrix user id, or a
// plain IRC nick (spoofable; for networks without services). Meetings are kept in a store so a
// restart mid-meeting keeps holding reminders, and expire after a bounded time: a missed
// "Meeting ended" must not hold a channel's reminders, or name a meeting in a decision, for days.
import { entryKey } from '../core/permissions.ts';
import type { ChatMessage, Identity } from '../core/types.ts';

export interface Meeting {
  room: string;
  transport: string;
  startedAt: Date;
  /** Sanitised (safeMeetingName): safe to put in a Launchpad comment or minutes. */
  name?: string;
  /** The last line seen in the room while the meeting ran. */
  lastLineAt: Date;
}

/** Where meetings outlive a restart (SQLite in production). */
export interface MeetingStore {
  load(): Meeting[];
  save(m: Meeting): void;
  remove(transport: string, room: string): void;
}

export interface MeetingLimits {
  /** A meeting is over this long after it started, whatever was (not) said. */
  maxMs: number;
  /** … or this long after the last line in the room. */
  idleMs: number;
}

export const DEFAULT_MEETING_LIMITS: MeetingLimits = { maxMs: 3 * 3600_000, idleMs: 3600_000 };

const STARTED = /^Meeting started .* UTC/;
const NAMED = /^The meeting name has been set to '([^']{1,200})'/;
const ENDED = /^Meeting ended .* UTC\./;
/** MeetBot's banners are short; anything longer is not one (and regexes never see it whole). */
const MAX_BANNER = 400;
/** The last-line time is written to the store at most this often per meeting. */
const SAVE_EVERY_MS = 60_000;

export type MeetingEvent = { kind: 'started' | 'ended' | 'expired'; meeting: Meeting };

/**
 * A meeting name as MeetBot makes it (lower case, non-alphanumerics → "_"), capped at 48
 * characters: no control or formatting characters, nothing MeetBot or Launchpad would read as markup.
 */
export function safeMeetingName(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  const name = raw
    .slice(0, 200)
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '_')
    .replace(/^[_.-]+|(?<![_.-])[_.-]+$/g, '') /* lookbehind: a trailing run is tried once */
    .slice(0, 48);
  return name || undefined;
}

/** Whether a sender is one of the configured meeting bots, by identity. */
export function isMeetingBot(entries: readonly string[], sender: Identity): boolean {
  const key = sender.key.toLowerCase();
  return entries.some((raw) => {
    const e = entryKey(raw);
    if (e.startsWith('matrix:')) return key === e; // the user id, never the display name
    if (e.startsWith('irc:nick:')) return key.startsWith('irc:') && sender.display.toLowerCase() === e.slice('irc:nick:'.length);
    if (e.startsWith('irc:')) return sender.account !== undefined && key === e; // a verified services account
    return key.startsWith('irc:') && sender.display.toLowerCase() === e; // a plain nick: spoofable
  });
}

export class MeetingTracker {
  private readonly running = new Map<string, Meeting & { savedAt: number }>();
  private readonly listeners: ((e: MeetingEvent) => void)[] = [];
  private readonly limits: MeetingLimits;
  private readonly clock: () => Date;

  /** meetingBots: identity entries ("irc:<account>", "@bot:server", or a plain IRC nick). */
  constructor(
    private readonly meetingBots: readonly string[],
    private readonly opts: { store?: MeetingStore; limits?: Partial<MeetingLimits>; clock?: () => Date } = {},
  ) {
    this.limits = { ...DEFAULT_MEETING_LIMITS, ...opts.limits };
    this.clock = opts.clock ?? (() => new Date());
    const now = this.clock();
    for (const m of opts.store?.load() ?? []) {
      if (this.expired(m, now)) opts.store?.remove(m.transport, m.room);
      else this.running.set(`${m.transport}:${m.room}`, { ...m, name: safeMeetingName(m.name), savedAt: +m.lastLineAt });
    }
  }

  onChange(fn: (e: MeetingEvent) => void): void {
    this.listeners.push(fn);
  }

  /** Feed every room message; returns true when it was a meeting banner. */
  observe(msg: ChatMessage, now: Date): boolean {
    if (msg.isPrivate) return false;
    const key = `${msg.transport}:${msg.room}`;
    const running = this.live(msg.transport, msg.room, now);
    if (running) this.touch(running, now);
    if (!isMeetingBot(this.meetingBots, msg.sender) || msg.text.length > MAX_BANNER) return false;
    const text = msg.text.trim();
    if (STARTED.test(text)) {
      const meeting = { room: msg.room, transport: msg.transport, startedAt: now, lastLineAt: now };
      this.running.set(key, { ...meeting, savedAt: +now });
      this.opts.store?.save(meeting);
      this.emit({ kind: 'started', meeting });
      return true;
    }
    const named = NAMED.exec(text);
    if (named) {
      if (running) {
        running.name = safeMeetingName(named[1]);
        this.save(running);
      }
      return true;
    }
    if (ENDED.test(text)) {
      this.running.delete(key);
      this.opts.store?.remove(msg.transport, msg.room);
      if (running) this.emit({ kind: 'ended', meeting: strip(running) });
      return true;
    }
    return false;
  }

  /** The meeting running in a room now; an expired one is forgotten (and announced) here. */
  current(transport: string, room: string, now: Date = this.clock()): Meeting | undefined {
    return this.live(transport, room, now);
  }

  private live(transport: string, room: string, now: Date): (Meeting & { savedAt: number }) | undefined {
    const key = `${transport}:${room}`;
    const m = this.running.get(key);
    if (!m || !this.expired(m, now)) return m;
    this.running.delete(key);
    this.opts.store?.remove(transport, room);
    this.emit({ kind: 'expired', meeting: strip(m) });
    return undefined;
  }

  private expired(m: Meeting, now: Date): boolean {
    return +now - +m.startedAt >= this.limits.maxMs || +now - +m.lastLineAt >= this.limits.idleMs;
  }

  private touch(m: Meeting & { savedAt: number }, now: Date): void {
    m.lastLineAt = now;
    if (+now - m.savedAt >= SAVE_EVERY_MS) this.save(m);
  }

  private save(m: Meeting & { savedAt: number }): void {
    m.savedAt = +m.lastLineAt;
    this.opts.store?.save(strip(m));
  }

  private emit(e: MeetingEvent): void {
    for (const fn of this.listeners) fn(e);
  }
}

function strip(m: Meeting & { savedAt?: number }): Meeting {
  return { room: m.room, transport: m.transport, startedAt: m.startedAt, lastLineAt: m.lastLineAt, ...(m.name ? { name: m.name } : {}) };
}
