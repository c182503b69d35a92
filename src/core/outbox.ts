// One outbound queue per connection: replies become safe lines, sent through a token bucket
// (a burst, then a steady rate). When the queue is full the oldest lines are dropped, and the
// room is told once, rather than letting the server kill the bot for flooding.
import type { Reply, RichLine } from './types.ts';
import { splitUtf8 } from './text.ts';

export interface OutLine {
  target: string;
  text: string;
  notice: boolean;
}

export interface OutboxOptions {
  burst: number;
  perSecond: number;
  maxQueue: number;
  send: (line: OutLine) => Promise<void> | void;
  /** Called once per overflow with how many lines were dropped; may return a line to send. */
  onOverflow?: (dropped: number, target: string) => OutLine | null;
  now?: () => number;
}

/** Renders a reply into wire lines: each within maxBytes, at most maxLines (the rest summarised). */
export function replyLines(reply: Reply, render: (l: RichLine) => string, maxBytes: number, maxLines: number): string[] {
  const lines = reply.lines.flatMap((l) => splitUtf8(render(l), maxBytes)).filter((l) => l.length > 0);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines - 1);
  kept.push(`(${lines.length - kept.length} more lines not shown)`);
  return kept;
}

export class Outbox {
  private readonly queue: OutLine[] = [];
  private tokens: number;
  private last: number;
  private timer: NodeJS.Timeout | null = null;
  private sending = false;
  private overflowed = false;
  /** The pending overflow notice: it stays first in the queue until sent. */
  private note: OutLine | null = null;
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(private readonly opts: OutboxOptions) {
    this.tokens = opts.burst;
    this.last = this.now();
  }

  get length(): number {
    return this.queue.length;
  }

  enqueue(lines: OutLine[]): void {
    if (this.closed) return;
    for (const line of lines) this.queue.push(line);
    if (this.queue.length > this.opts.maxQueue) {
      const keep = this.note && this.queue[0] === this.note ? 1 : 0;
      const dropped = this.queue.length - this.opts.maxQueue;
      const target = this.queue[keep + dropped - 1].target;
      this.queue.splice(keep, dropped);
      if (!this.overflowed) {
        this.overflowed = true;
        const note = this.opts.onOverflow?.(dropped, target);
        if (note) {
          this.note = note;
          this.queue.unshift(note);
        }
      }
    }
    this.pump();
  }

  /** Resolves when every queued line has been sent. */
  drained(): Promise<void> {
    if (this.queue.length === 0 && !this.sending) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops sending; queued lines are dropped (call drained() first to flush). */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
    this.note = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.settle();
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.opts.burst, this.tokens + ((t - this.last) / 1000) * this.opts.perSecond);
    this.last = t;
  }

  private pump(): void {
    if (this.sending || this.timer || this.closed) return;
    this.refill();
    if (this.queue.length === 0) return this.settle();
    if (this.tokens < 1) {
      const wait = Math.ceil(((1 - this.tokens) / this.opts.perSecond) * 1000);
      this.timer = setTimeout(() => {
        this.timer = null;
        this.pump();
      }, wait);
      return;
    }
    this.tokens -= 1;
    const line = this.queue.shift()!;
    if (line === this.note) this.note = null;
    if (this.queue.length === 0) this.overflowed = false;
    this.sending = true;
    Promise.resolve()
      .then(() => this.opts.send(line))
      .catch(() => undefined) // a failed send must not stall the queue; the transport logs it
      .finally(() => {
        this.sending = false;
        this.pump();
      });
  }

  private settle(): void {
    if (this.queue.length === 0 && !this.sending) {
      const waiters = this.idleWaiters.splice(0);
      for (const w of waiters) w();
    }
  }
}
