// Delivery confirmation for IRC lines that must not be lost silently (reminders, acknowledgements,
// minutes). IRC has no acknowledgement for PRIVMSG; a server refuses one with a numeric (404
// ERR_CANNOTSENDTOCHAN for +n/+m/bans, 401/403 for a missing target) and says nothing on
// success. Servers answer a client's commands in order, so after a message's last line we send
// PING with a unique token: its PONG proves every earlier line was processed, and a refusal for
// the message's target seen between the first line and that PONG means it was not delivered.

/** Refusal numerics (irc-framework's 'irc error' names) that mean a PRIVMSG/NOTICE did not arrive. */
const REFUSALS = new Set(['cannot_send_to_channel', 'cannot_send_to_user', 'no_such_nick', 'no_such_channel']);

/** Why a message was not confirmed; `unconfirmed` when it was written and may have arrived. */
export interface ProbeFailure {
  reason: string;
  unconfirmed: boolean;
}

export interface ProbeIo {
  /** Writes a raw protocol line. */
  raw(line: string): void;
  /** IRC case-insensitive comparison. */
  same(a: string, b: string): boolean;
  setTimeout(fn: () => void, ms: number): NodeJS.Timeout;
}

interface Watch {
  target: string;
  armed: boolean;
  refused: string | null;
  token: string | null;
  timer: NodeJS.Timeout | null;
  settle: ((failure: ProbeFailure | null) => void) | null;
  result: Promise<ProbeFailure | null>;
}

export class DeliveryProbes {
  private readonly watches = new Set<Watch>();
  private seq = 0;

  constructor(
    private readonly io: ProbeIo,
    /** How long to wait for the PONG before calling the outcome unknown (not delivered). */
    private readonly timeoutMs = 60_000,
  ) {}

  /** A watch for one message to `target`; arm() it as each line is written, ping() after the last. */
  open(target: string): { arm: () => void; ping: () => void; cancel: () => void; result: Promise<ProbeFailure | null> } {
    let settle!: (failure: ProbeFailure | null) => void;
    const result = new Promise<ProbeFailure | null>((resolve) => (settle = resolve));
    const w: Watch = { target, armed: false, refused: null, token: null, timer: null, settle, result };
    this.watches.add(w);
    return {
      arm: () => void (w.armed = true),
      ping: () => this.ping(w),
      cancel: () => this.finish(w, 'cancelled'),
      result,
    };
  }

  /** An 'irc error' event: a refusal for a watched target marks its watches failed. */
  onError(e: { error: string; channel?: string; nick?: string; reason?: string }): void {
    if (!REFUSALS.has(e.error)) return;
    const target = e.channel ?? e.nick;
    if (!target) return;
    for (const w of this.watches) {
      if (w.armed && !w.refused && this.io.same(w.target, target)) w.refused = `the server refused it (${e.error}${e.reason ? `: ${e.reason}` : ''})`;
    }
  }

  /** A PONG: settles the watch that sent this token. */
  onPong(token: string | undefined): void {
    for (const w of this.watches) if (w.token && w.token === token) this.finish(w, w.refused);
  }

  /**
   * The connection is gone: a message whose PING was sent is unconfirmed, hence not delivered.
   * One whose lines still wait (kept kinds outlive a connection) is watched afresh on the next.
   */
  onDisconnect(): void {
    for (const w of [...this.watches]) {
      if (w.token) this.finish(w, w.refused, 'the connection dropped before the server confirmed it');
      else w.armed = false;
    }
  }

  private ping(w: Watch): void {
    if (!this.watches.has(w)) return;
    w.token = `cyclebot-${++this.seq}`;
    this.io.raw(`PING :${w.token}`);
    w.timer = this.io.setTimeout(() => this.finish(w, w.refused, 'the server did not confirm it in time'), this.timeoutMs);
  }

  /** Settles a watch: refused (not delivered), else unconfirmed when `unknown` says why, else delivered. */
  private finish(w: Watch, refused: string | null, unknown?: string): void {
    if (!this.watches.delete(w)) return;
    if (w.timer) clearTimeout(w.timer);
    w.settle?.(refused ? { reason: refused, unconfirmed: false } : unknown ? { reason: unknown, unconfirmed: true } : null);
    w.settle = null;
  }
}
