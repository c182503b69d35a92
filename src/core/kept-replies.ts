// Acknowledgements and minutes lines survive a crash: each is kept on disk (KeptStore) from the
// moment it is handed to a transport until the chat server took it, with the number of its lines
// already written. At start, what a kill -9 left is sent again, marked late, from the first line
// not yet written, so nothing is lost and no line written before the crash is written twice.
// One that fails while the process runs (the room was unreachable) is sent again, the same way,
// whenever its transport can post again.
import type { Logger } from 'pino';
import type { ChatMessage, Delivery, Reply, Transport } from './types.ts';

export interface KeptEntry {
  id: number;
  transport: string;
  room: string;
  reply: Reply;
  linesDone: number;
  queuedAt: number;
  txn: string;
}

/** The disk side (src/store/kept-reply-repo.ts). */
export interface KeptStore {
  add(transport: string, room: string, reply: Reply, queuedAt: number): KeptEntry;
  progress(id: number, linesDone: number): void;
  remove(id: number): void;
  all(): KeptEntry[];
}

/** Older than this at start, a kept reply is dropped (logged): its meeting is long over. */
export const KEPT_MAX_AGE_MS = 6 * 3600_000;

/** The replies kept: a chair's acknowledgement and minutes lines posted in a room (not private ones). */
export function isKept(reply: Reply): boolean {
  const kind = reply.kind ?? (reply.minutes ? 'minutes' : 'reply');
  return (kind === 'ack' || kind === 'minutes') && !reply.private && !reply.toSender;
}

export class KeptReplies {
  /** Entries a send is under way for: never sent a second time at once. */
  private readonly inFlight = new Set<number>();

  constructor(
    private readonly store: KeptStore,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Sends a reply; a kept one is on disk until the server took it (or may have: never twice). */
  async send(t: Transport, room: string, reply: Reply, inReplyTo?: ChatMessage, onQueued?: () => void): Promise<Delivery> {
    if (!isKept(reply)) return t.send(room, reply, inReplyTo, { onQueued });
    const entry = this.store.add(t.name, room, reply, this.now());
    this.inFlight.add(entry.id);
    const d = await t.send(room, reply, inReplyTo, {
      id: entry.txn,
      queuedAt: entry.queuedAt,
      onProgress: (n) => this.store.progress(entry.id, n),
      onQueued,
    });
    this.settle(entry, d);
    return d;
  }

  /**
   * Sends again (late) what a crash left unsent, or what failed earlier in this run, and drops what
   * is too old to matter. At start for every transport; later `only` for the one that came back.
   */
  resend(transports: Transport[], only?: string): Promise<void>[] {
    const out: Promise<void>[] = [];
    for (const entry of this.store.all()) {
      if (this.inFlight.has(entry.id) || (only !== undefined && entry.transport !== only)) continue;
      const t = transports.find((x) => x.name === entry.transport);
      const lines = entry.reply.lines.slice(entry.linesDone);
      const age = this.now() - entry.queuedAt;
      if (!t || lines.length === 0 || age > KEPT_MAX_AGE_MS) {
        if (lines.length)
          this.log.warn(
            { transport: entry.transport, room: entry.room, lines: lines.length, ageMs: age },
            'kept reply not sent again: too old or no such transport',
          );
        this.store.remove(entry.id);
        continue;
      }
      this.log.info({ transport: entry.transport, room: entry.room, lines: lines.length, done: entry.linesDone }, 'sending a kept reply again (late)');
      this.inFlight.add(entry.id);
      const sent = t.send(entry.room, { ...entry.reply, lines }, undefined, {
        id: entry.txn,
        queuedAt: entry.queuedAt,
        late: true,
        onProgress: (n) => this.store.progress(entry.id, entry.linesDone + n),
      });
      out.push(sent.then((d) => this.settle(entry, d)));
    }
    return out;
  }

  /** Delivered, or written and maybe delivered: never sent again. Otherwise kept for the next try. */
  private settle(entry: KeptEntry, d: Delivery): void {
    this.inFlight.delete(entry.id);
    if (d.delivered || d.unconfirmed) this.store.remove(entry.id);
    else
      this.log.warn(
        { transport: entry.transport, room: entry.room, reason: d.reason },
        'kept reply not delivered; it is sent again when the transport is back, or at the next start',
      );
  }
}
