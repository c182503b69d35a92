// Platform-neutral shapes shared by the router, commands and transports. No imports.

/** Who sent a message, as the transport could establish it. Never trust `nick` alone. */
export interface Identity {
  /** Transport-scoped stable key: "irc:gibi", "matrix:@gibi:matrix.org", "console:operator". */
  key: string;
  /** What to call the person in replies. */
  display: string;
  /** Services account (IRC) or user id (Matrix) when verified by the transport. */
  account?: string;
  /** Where the sender connects from (IRC "user@host"): a rate-limit key only, never a permission. */
  host?: string;
  /**
   * The role the room itself grants the sender, as the transport established it from verified
   * facts (IRC: channel operator status; Matrix: power level in a configured room). Core takes the
   * higher of this and the configured lists, and knows nothing of ops or power levels.
   */
  roleHint?: Role;
  /** The local operator of a console chat. */
  isLocalOperator?: boolean;
}

export interface ChatMessage {
  transport: string;
  /** Room or channel id; for private messages, the conversation id. */
  room: string;
  isPrivate: boolean;
  sender: Identity;
  text: string;
  /** The message named the bot ("cyclebot: ptg x"). */
  addressed: boolean;
  /** For observers only (e.g. the meeting bot's banners from an ignored nick): never routed or answered. */
  observeOnly?: boolean;
}

/** One piece of a line. Plain strings are text; the rest render per transport. */
export type Inline =
  | string
  | { bold: string }
  | { code: string }
  | { link: string; label?: string }
  | { mark: 'decision' }
  /**
   * A command the reader can type, named without the prefix ("triage start"): the router renders
   * it with the configured prefix, so no reply ever spells a prefix itself.
   */
  | { command: string };

export type RichLine = Inline[];

/**
 * What a reply is for. Plain replies may be dropped under flood or after a disconnect;
 * acknowledgements of a chair's decision and minutes lines are kept and re-sent after a
 * reconnect (said to be late); reminders are retried by their scheduler.
 */
export type ReplyKind = 'reply' | 'reminder' | 'ack' | 'minutes';

/** What became of a sent reply: delivered only when the chat server took it. */
export interface Delivery {
  delivered: boolean;
  /** Why not, for the log and the reminder ledger. */
  reason?: string;
  /**
   * Not confirmed, yet it may have arrived: written (all or part), then the connection dropped or
   * the server did not confirm it in time. A reminder is then not posted again (at most once).
   */
  unconfirmed?: boolean;
}

export interface Reply {
  lines: RichLine[];
  /** Default 'reply' ('minutes' when `minutes` is set). */
  kind?: ReplyKind;
  /** Send privately to the asker instead of the room. */
  private?: boolean;
  /** Plain notice (no highlight): transports may render it differently. */
  notice?: boolean;
  /**
   * For the asker only, not the whole room (a usage error, a refusal): IRC sends it as a NOTICE
   * to their nick; Matrix keeps it in the room as an m.notice reply to their message (a direct
   * chat per refusal would cost more than it saves); the console prints it.
   */
  toSender?: boolean;
  /**
   * Lines for the meeting minutes ("#info …", "#link …", "#action …"): the only lines that may
   * start with '#'. Transports otherwise keep lines from starting with '#'.
   */
  minutes?: boolean;
}

export type Role = 'anyone' | 'chair' | 'admin';

/**
 * Which team a message means (src/teams resolves it; core only carries it): its channel's team,
 * in a channel several teams share the team of the meeting running there, else the one named.
 */
export interface TeamScope {
  /** Every served team's name; one for a single-team config. */
  readonly names: readonly string[];
  /** True when the config serves several teams (a team's name may then lead a command's arguments). */
  readonly multi: boolean;
  /** The team of this message when nothing names one: its channel's, or the running meeting's. */
  readonly current?: string;
  /** Chairs of `current` (identity entries as in permissions.chairs): chairs for this message. */
  readonly chairs: readonly string[];
  /**
   * The team a command means and its arguments without the team's name: a leading team name, else
   * `current`, else the only team. Throws a CommandError (one line asking for it) when it cannot tell;
   * `usage` is the command to show, without the prefix ("schedule <team>").
   */
  take(args: string, usage: string): { team: string; args: string };
}

export interface CommandContext {
  message: ChatMessage;
  /** The message's team (absent where no team is configured, as in some tests). */
  team?: TeamScope;
  /** Text after the command name (and the sub-command's, when one matched), trimmed. */
  args: string;
  /** Role the sender holds (checked by the router before the handler runs). */
  role: Role;
  now: Date;
}

export interface CommandExample {
  /** What a user types, without the prefix: "triage status". */
  input: string;
  /**
   * What the reply must hold (checked by the examples test, which also requires success): a
   * string is one whole reply line; a RegExp, anchored with ^, must match one reply line.
   */
  expect: string | RegExp;
}

export type CommandHandler = (ctx: CommandContext) => Promise<Reply | Reply[]> | Reply | Reply[];

/** A word after the command ("triage confirm"): matched, permission-checked and refused by the router. */
export interface SubcommandSpec {
  /** One word, or several separated by single spaces; the longest match wins. */
  name: string;
  aliases?: string[];
  /** Arguments after the sub-command's name, e.g. "[bug] [importance]". */
  usage: string;
  /**
   * Arguments the sub-command takes (anchored, linear). Other text after its name is not this
   * sub-command: the command's own handler gets it ("ptg import plugin" is a question).
   */
  accepts?: RegExp;
  help?: string;
  /** Defaults to the command's permission. */
  permission?: Role;
  /** Works out per message whose rule applies, in place of `permission` and the message team's chairs. */
  access?: AccessRule;
  examples?: CommandExample[];
  handler: CommandHandler;
}

/**
 * For a command that acts for a team other than the message's (the team whose round runs in the
 * room, a team named first): the role it needs and the chairs who count (besides
 * permissions.chairs), or undefined for the defaults. It must not throw.
 */
export type AccessRule = (ctx: { message: ChatMessage; args: string; team?: TeamScope }) => { permission: Role; chairs: readonly string[] } | undefined;

export interface CommandSpec {
  name: string;
  aliases?: string[];
  /** One-line argument synopsis, e.g. "<query> | more" (sub-commands are listed by help). */
  usage: string;
  help: string;
  permission: Role;
  examples?: CommandExample[];
  subcommands?: SubcommandSpec[];
  /** Runs when no sub-command matches (the arguments are then the whole text after the name). */
  handler: CommandHandler;
}

/** How the bot hands over a kept reply (acknowledgement, minutes) that it also keeps on disk. */
export interface SendOptions {
  /** Stable across re-sends after a restart: a transport that can deduplicate by id uses it (Matrix txnId). */
  id?: string;
  /** When the reply was first queued (epoch ms): a line sent much later says it is late. */
  queuedAt?: number;
  /** Re-sent after a restart: every line says it is late, however soon. */
  late?: boolean;
  /** Called as the reply's leading lines are written (how many of `reply.lines`, in order). */
  onProgress?: (linesDone: number) => void;
  /**
   * Called once the reply has its place in the transport's send order (IRC: in the outbox; Matrix:
   * in the room's queue): a reply handed over after this goes out after it. The bot hands a
   * message's next reply over then, not once this one is delivered (a confirmed line waits for the
   * server's PONG; another message's replies would overtake the rest meanwhile).
   */
  onQueued?: () => void;
}

/** A chat connection. Nothing outside transports/ knows which chat it is. */
export interface Transport {
  readonly name: string;
  /** Bytes a single outgoing line may take (IRC: 512 minus prefix); Infinity when unbounded. */
  readonly maxLineBytes: number;
  /** Answer messages one at a time, in the order received (the console: piped questions). */
  readonly ordered?: boolean;
  start(onMessage: (msg: ChatMessage) => void): Promise<void>;
  /**
   * Sends to a room; a reply with `private` set goes to inReplyTo's sender instead. Resolves
   * (never rejects) with whether the server took it: IRC, written on a registered connection
   * to a channel we are in (reminders, acknowledgements and minutes are also confirmed by the
   * server: no 404 before the PONG); Matrix, the homeserver returned an event id.
   */
  send(room: string, reply: Reply, inReplyTo?: ChatMessage, opts?: SendOptions): Promise<Delivery>;
  stop(reason?: string): Promise<void>;
  /** Connected and able to deliver now (unprompted posts wait or retry otherwise). */
  ready?(): boolean;
  /** Calls fn whenever the transport can post again (IRC: a channel joined or rejoined; Matrix: started). */
  onAvailable?(fn: () => void): void;
  /** A few facts for the periodic health line (connected, queue length, last sync…). */
  health?(): Record<string, unknown>;
}
