// Knows when an OpenDev meeting (MeetBot, nick "opendevmeet") is running in a room, from the
// meeting bot's own banners only: humans' #startmeeting may be refused by the bot.
import type { ChatMessage } from './types.ts';

export interface Meeting {
  room: string;
  transport: string;
  startedAt: Date;
  name?: string;
}

const STARTED = /^Meeting started .* UTC/;
const NAMED = /^The meeting name has been set to '([^']+)'/;
const ENDED = /^Meeting ended .* UTC\./;

export type MeetingEvent = { kind: 'started' | 'ended'; meeting: Meeting };

export class MeetingTracker {
  private readonly running = new Map<string, Meeting>();
  private readonly listeners: ((e: MeetingEvent) => void)[] = [];

  /** meetingBots: nicks (IRC) or display names whose banners are trusted, lower case. */
  constructor(private readonly meetingBots: string[]) {}

  onChange(fn: (e: MeetingEvent) => void): void {
    this.listeners.push(fn);
  }

  /** Feed every room message; returns true when it was a meeting banner. */
  observe(msg: ChatMessage, now: Date): boolean {
    if (msg.isPrivate || !this.meetingBots.includes(msg.sender.display.toLowerCase())) return false;
    const key = `${msg.transport}:${msg.room}`;
    const text = msg.text.trim();
    if (STARTED.test(text)) {
      const meeting = { room: msg.room, transport: msg.transport, startedAt: now };
      this.running.set(key, meeting);
      this.emit({ kind: 'started', meeting });
      return true;
    }
    const named = NAMED.exec(text);
    if (named) {
      const m = this.running.get(key);
      if (m) m.name = named[1];
      return true;
    }
    if (ENDED.test(text)) {
      const meeting = this.running.get(key);
      this.running.delete(key);
      if (meeting) this.emit({ kind: 'ended', meeting });
      return true;
    }
    return false;
  }

  current(transport: string, room: string): Meeting | undefined {
    return this.running.get(`${transport}:${room}`);
  }

  private emit(e: MeetingEvent): void {
    for (const fn of this.listeners) fn(e);
  }
}
