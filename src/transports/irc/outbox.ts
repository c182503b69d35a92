// One outbound queue per chat transport (it outlives a connection): messages become lines sent
// through a token bucket (a burst, then a steady rate), fairly: round-robin across targets
// (channels, nicks) and, within a target, across requesters, so one person's flood delays others
// by at most one line each turn. Over capacity, the requester with the most queued lines loses
// their oldest message; reminders, acknowledgements and minutes lines are never dropped for it.
// A target that cannot take lines now (disconnected, not in the channel) keeps them until it can,
// except reminders (failed at once) and stale plain replies (see hold()).
// Hand-written: no maintained npm queue does per-key round-robin with per-kind drop rules.
import { TokenBucket } from '../../core/token-bucket.ts';
import type { DropReason } from '../../core/metrics.ts';
import type { Delivery, ReplyKind } from '../../core/types.ts';

export interface OutLine {
  target: string;
  text: string;
  notice: boolean;
}

/** A line handed to the transport, with what it needs to word it (late) and account for it. */
export interface QueuedLine extends OutLine {
  kind: ReplyKind;
  /** When its message was queued (epoch ms). */
  queuedAt: number;
  /** Worded as late however soon it goes (re-sent after a restart). */
  late?: boolean;
}

export interface OutMessage {
  target: string;
  lines: string[];
  notice: boolean;
  kind: ReplyKind;
  /** Who asked (identity key); '' for the bot's own posts. Fairness and overflow go by it. */
  requester: string;
  /** Called after each line was written (index, last). */
  onLine?: (index: number, last: boolean) => void;
  /** When it was first queued, if before this enqueue (a reply kept across a restart). */
  queuedAt?: number;
  late?: boolean;
}

export interface OutboxOptions {
  burst: number;
  perSecond: number;
  maxQueue: number;
  /** Writes one line; returns why it could not (the rest of that message is then given up), else nothing. */
  send: (line: QueuedLine) => string | null | void | Promise<string | null | void>;
  /** May lines for this target be written now? Default: always. */
  canSend?: (target: string) => boolean;
  /** Called once per overflow episode with how many lines were dropped; may return a line to send. */
  onOverflow?: (dropped: number, target: string, requester: string) => OutLine | null;
  now?: () => number;
  /** A plain reply waiting longer than this for an unsendable target is dropped. Default 60 s. */
  replyMaxAgeMs?: number;
  /** Called with the lines of a message given up (not for reminders failed back to their scheduler). */
  onDropped?: (lines: number, reason: DropReason) => void;
}

/** Kinds never dropped for overflow or age: they wait for the connection and channel to come back. */
export const KEPT_KINDS: ReadonlySet<ReplyKind> = new Set<ReplyKind>(['ack', 'minutes']);

interface Pending {
  msg: OutMessage;
  next: number;
  queuedAt: number;
  settled: boolean;
  resolve: (d: Delivery) => void;
}

const OVERFLOW_REQUESTER = '\u0000overflow';

export class Outbox {
  /**
   * target → requester → messages, each Map in round-robin order: whoever was served moves to
   * the back, whoever arrives goes to the front (they have waited longest since their last turn).
   */
  private queue = new Map<string, Map<string, Pending[]>>();
  private count = 0;
  private readonly bucket: TokenBucket;
  private timer: NodeJS.Timeout | null = null;
  private sending = false;
  private overflowed = false;
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(private readonly opts: OutboxOptions) {
    this.bucket = new TokenBucket(opts.burst, 1000 / opts.perSecond, this.now());
  }

  /** Lines waiting (not yet written). */
  get length(): number {
    return this.count;
  }

  /** Queues one message; resolves when all its lines were written, or with why not. */
  enqueue(msg: OutMessage): Promise<Delivery> {
    if (this.closed) return Promise.resolve({ delivered: false, reason: 'the connection is shut down' });
    if (msg.lines.length === 0) return Promise.resolve({ delivered: true });
    return new Promise((resolve) => {
      this.push({ msg, next: 0, queuedAt: msg.queuedAt ?? this.now(), settled: false, resolve });
      this.trim(msg.target, msg.requester);
      this.pump();
    });
  }

  /**
   * Re-checks which targets can be written to: call when a channel was joined or left, or the
   * connection came or went. Reminders for a target that cannot take them fail at once (their
   * scheduler retries them after the rejoin: holding them here could post one twice); plain
   * replies that waited too long go; acknowledgements and minutes lines wait.
   */
  hold(reason: string): void {
    const maxAge = this.opts.replyMaxAgeMs ?? 60_000;
    const now = this.now();
    for (const [target, byRequester] of this.queue) {
      if (this.canSend(target)) continue;
      for (const list of byRequester.values()) {
        for (const p of [...list]) {
          // A reminder cut after some of its lines went out may have been read: not failed, or its
          // retry would post those lines twice.
          if (p.msg.kind === 'reminder')
            this.give(p, p.next > 0 ? `partly sent (${p.next} of ${p.msg.lines.length} lines): ${reason}` : `not sent: ${reason}`, p.next > 0);
          else if (!KEPT_KINDS.has(p.msg.kind) && now - p.queuedAt > maxAge)
            this.drop(p, `dropped after waiting ${Math.round((now - p.queuedAt) / 1000)} s: ${reason}`, 'stale');
        }
      }
    }
    this.pump();
  }

  /** Resolves when no sendable line is left (lines for unsendable targets wait). */
  drained(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops sending; every queued message is given up (call drained() first to flush). */
  close(): void {
    this.closed = true;
    for (const byRequester of this.queue.values())
      for (const list of byRequester.values()) for (const p of [...list]) this.drop(p, 'the connection is shut down', 'shutdown');
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.settle();
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  private canSend(target: string): boolean {
    return this.opts.canSend?.(target) ?? true;
  }

  private push(p: Pending): void {
    let byRequester = this.queue.get(p.msg.target);
    if (!byRequester) {
      byRequester = new Map();
      this.queue = new Map([[p.msg.target, byRequester], ...this.queue]);
    }
    let list = byRequester.get(p.msg.requester);
    if (!list) {
      list = [];
      this.queue.set(p.msg.target, new Map([[p.msg.requester, list], ...byRequester]));
    }
    list.push(p);
    this.count += p.msg.lines.length;
  }

  /** Removes a message from the queue and settles it. */
  private give(p: Pending, reason: string | null, unconfirmed = false): void {
    const byRequester = this.queue.get(p.msg.target);
    const list = byRequester?.get(p.msg.requester);
    const i = list?.indexOf(p) ?? -1;
    if (i < 0 || !list || !byRequester || p.settled) return;
    p.settled = true;
    list.splice(i, 1);
    this.count -= p.msg.lines.length - p.next;
    if (list.length === 0) byRequester.delete(p.msg.requester);
    if (byRequester.size === 0) this.queue.delete(p.msg.target);
    p.resolve(reason === null ? { delivered: true } : unconfirmed ? { delivered: false, reason, unconfirmed } : { delivered: false, reason });
  }

  /** Gives a message up and counts its unsent lines as dropped. */
  private drop(p: Pending, why: string, reason: DropReason, lines = p.msg.lines.length - p.next): void {
    if (p.settled) return;
    this.opts.onDropped?.(lines, reason);
    this.give(p, why);
  }

  /** Over capacity: drop the oldest droppable message of whoever has the most droppable lines. */
  private trim(target: string, requester: string): void {
    let dropped = 0;
    while (this.count > this.opts.maxQueue) {
      const lines = new Map<string, { n: number; oldest: Pending }>();
      for (const byRequester of this.queue.values()) {
        for (const [who, list] of byRequester) {
          for (const p of list) {
            if (KEPT_KINDS.has(p.msg.kind) || p.msg.kind === 'reminder' || who === OVERFLOW_REQUESTER) continue;
            const e = lines.get(who);
            if (e) e.n += p.msg.lines.length - p.next;
            else lines.set(who, { n: p.msg.lines.length - p.next, oldest: p });
          }
        }
      }
      let worst: { n: number; oldest: Pending } | undefined;
      for (const e of lines.values()) if (!worst || e.n > worst.n) worst = e;
      if (!worst) break; // only kept lines left: they are never dropped
      const p = worst.oldest;
      dropped += p.msg.lines.length - p.next;
      target = p.msg.target;
      requester = p.msg.requester;
      this.drop(p, 'dropped: the send queue was full', 'overflow');
    }
    if (dropped === 0 || this.overflowed) return;
    this.overflowed = true;
    const note = this.opts.onOverflow?.(dropped, target, requester);
    if (note)
      this.push({
        msg: { ...note, lines: [note.text], kind: 'reply', requester: OVERFLOW_REQUESTER },
        next: 0,
        queuedAt: this.now(),
        settled: false,
        resolve: () => undefined,
      });
  }

  /** The next message in round-robin order whose target can be written now. */
  private pick(): Pending | null {
    for (const [target, byRequester] of this.queue) {
      if (!this.canSend(target)) continue;
      const [who, list] = byRequester.entries().next().value as [string, Pending[]];
      // Move both to the back of their rotation: the next line goes to someone else.
      byRequester.delete(who);
      byRequester.set(who, list);
      this.queue.delete(target);
      this.queue.set(target, byRequester);
      return list[0];
    }
    return null;
  }

  private pump(): void {
    if (this.sending || this.timer || this.closed) return;
    // A clock stepped back must not take tokens away (and stall the queue): the bucket sees to it.
    this.bucket.refill(this.now());
    if (!this.hasSendable()) return this.settle();
    if (this.bucket.tokens < 1) {
      const wait = Math.ceil(this.bucket.msUntilToken());
      this.timer = setTimeout(() => {
        this.timer = null;
        this.pump();
      }, wait);
      return;
    }
    const p = this.pick()!;
    const index = p.next++;
    this.count -= 1;
    const last = p.next === p.msg.lines.length;
    if (this.count === 0) this.overflowed = false;
    this.sending = true;
    const line: QueuedLine = { target: p.msg.target, text: p.msg.lines[index], notice: p.msg.notice, kind: p.msg.kind, queuedAt: p.queuedAt, late: p.msg.late };
    Promise.resolve()
      .then(() => {
        // The token is taken in the same tick as the write, so the server sees the bucket's pacing
        // exactly: taken before the microtask, a write delayed by other work would come closer to
        // the next one than the bucket allows. (It holds ≥ 1 token: `sending` stops other pumps.)
        this.bucket.take(this.now());
        return this.opts.send(line);
      })
      .catch((err: unknown) => (err instanceof Error ? err.message : String(err)) || 'send failed')
      .then((refused) => {
        if (p.settled) return; // given up meanwhile (hold, close)
        if (refused) return this.drop(p, refused, 'refused', p.msg.lines.length - index); // the rest of the message goes with it
        p.msg.onLine?.(index, last);
        if (last) this.give(p, null);
      })
      .finally(() => {
        this.sending = false;
        this.pump();
      });
  }

  private hasSendable(): boolean {
    for (const target of this.queue.keys()) if (this.canSend(target)) return true;
    return false;
  }

  private isIdle(): boolean {
    return !this.sending && !this.hasSendable();
  }

  private settle(): void {
    if (!this.isIdle()) return;
    for (const w of this.idleWaiters.splice(0)) w();
  }
}
