// Notices when a meeting bot answers our commands with errors: OpenDev's Limnoria-based MeetBot,
// where it takes "!" commands, says `Error: "triage" is not a valid command.` to every `!triage`,
// and after 6 unknown commands in 60 s ignores that person for 10 minutes, so MeetBot drops the
// chair's #info and #endmeeting and the meeting has no minutes. Both bots answering one prefix is
// a setting to change (a prefix such as "@", or addressing "cyclebot: …"): the chairs are told
// once per room, and it shows in !status and the log.
import { isMeetingBot } from './tracker.ts';
import { capUntrusted } from '../core/text.ts';
import type { ChatMessage, Delivery, Reply } from '../core/types.ts';

/** Limnoria's reply to an unknown command, with or without its "nick: " prefix. */
const UNKNOWN_COMMAND = /^(?:[^\s:]{1,64}: )?Error: "([^"\s]{1,64})" is not a valid command\b/;
/** Bots known to answer "!" commands this way on OpenDev's channels, whatever meetingBots says. */
const KNOWN_BOT_NICKS = new Set(['opendevmeet', 'openstack', 'limnoria', 'supybot']);
/** How long after one of our commands an error counts as an answer to it. */
const ANSWER_WINDOW_MS = 15_000;
/** Recent commands remembered per room. */
const RECENT = 8;

export interface PrefixClash {
  transport: string;
  room: string;
  /** The other bot's name as shown. */
  bot: string;
  /** Our command it refused ("triage"). */
  command: string;
  at: Date;
}

export class PrefixClashWatch {
  private readonly recent = new Map<string, { word: string; at: number }[]>();
  private readonly found = new Map<string, PrefixClash>();
  private readonly listeners: ((c: PrefixClash) => void)[] = [];

  constructor(
    private readonly prefix: string,
    private readonly meetingBots: readonly string[],
  ) {}

  /** Called once per room, the first time a clash is seen there. */
  onClash(fn: (c: PrefixClash) => void): void {
    this.listeners.push(fn);
  }

  /** Clashes seen since start, one per room. */
  clashes(): PrefixClash[] {
    return [...this.found.values()];
  }

  /** Feed every room message (Bot.observe). */
  observe(msg: ChatMessage, now: Date): void {
    if (msg.isPrivate) return;
    const room = `${msg.transport} ${msg.room}`;
    const text = capUntrusted(msg.text, 300);
    if (this.isOtherBot(msg)) {
      const m = UNKNOWN_COMMAND.exec(text);
      if (!m || this.found.has(room)) return;
      const word = m[1].toLowerCase();
      const asked = this.recent.get(room)?.some((c) => c.word === word && now.getTime() - c.at <= ANSWER_WINDOW_MS);
      if (!asked) return;
      const clash: PrefixClash = { transport: msg.transport, room: msg.room, bot: msg.sender.display, command: word, at: now };
      this.found.set(room, clash);
      for (const fn of this.listeners) fn(clash);
      return;
    }
    if (msg.observeOnly || !text.startsWith(this.prefix)) return;
    const word = /^[\p{L}\p{N}_-]{1,64}/u.exec(text.slice(this.prefix.length))?.[0].toLowerCase();
    if (!word) return;
    const list = this.recent.get(room) ?? [];
    list.push({ word, at: now.getTime() });
    if (list.length > RECENT) list.shift();
    this.recent.set(room, list);
  }

  private isOtherBot(msg: ChatMessage): boolean {
    return isMeetingBot(this.meetingBots, msg.sender) || (msg.sender.key.startsWith('irc:') && KNOWN_BOT_NICKS.has(msg.sender.display.toLowerCase()));
  }
}

/** The one line the chairs get in the room (never starting with '#', which MeetBot would read). */
export function clashWarning(c: PrefixClash, prefix: string, nick: string): string {
  return (
    `Heads-up for the chairs: ${c.bot} answers "${prefix}${c.command}" with an error. It ignores anyone who sends it 6 unknown commands ` +
    `in 60 s for 10 minutes, and then MeetBot drops their #info and #endmeeting. Address me as "${nick}: ${c.command} …" here, ` +
    `or have my operator set a prefix nobody else uses (prefix: "@").`
  );
}

/** For !status: where a clash was seen, and the fix. */
export function clashStatus(clashes: PrefixClash[], prefix: string, nick: string): string | null {
  if (!clashes.length) return null;
  const where = clashes.map((c) => `${c.room} (${c.bot})`).join(', ');
  return `warning: another bot answers ${prefix} commands in ${where}; use "${nick}: …" or set prefix: "@"`;
}

export interface ClashWiring {
  observe(fn: (msg: ChatMessage, now: Date) => void): void;
  post(transport: string, room: string, reply: Reply): Promise<Delivery>;
}

/** Feeds the watch from the bot and, on a clash, logs it and tells the room's chairs once. */
export function watchPrefixClashes(
  bot: ClashWiring,
  watch: PrefixClashWatch,
  o: { prefix: string; nick: string; log: { warn(obj: object, msg: string): void } },
): void {
  bot.observe((msg, now) => watch.observe(msg, now));
  watch.onClash((c) => {
    o.log.warn(
      { transport: c.transport, room: c.room, bot: c.bot, command: c.command },
      `${c.bot} answers ${o.prefix} commands with errors in ${c.room}; use a prefix it does not take (prefix: "@") or address the bot by name`,
    );
    void bot.post(c.transport, c.room, { lines: [[clashWarning(c, o.prefix, o.nick)]], notice: true });
  });
}
