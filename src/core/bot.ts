// Connects transports to the router: each incoming message is routed, each reply sent back
// on the transport it came from. Knows no chat platform.
import type { Logger } from 'pino';
import type { KeptReplies } from './kept-replies.ts';
import { NO_METRICS, type MetricsSink } from './metrics.ts';
import type { Router } from './router.ts';
import type { ChatMessage, Delivery, Reply, Transport } from './types.ts';

/** How long a message's replies wait at most for those of its sender's previous message in the room. */
const TURN_WAIT_MS = 60_000;

/** Sees every incoming message before routing (meeting banners, activity); must not throw. */
export type Observer = (msg: ChatMessage, now: Date) => void;

export class Bot {
  private readonly pending = new Set<Promise<void>>();
  private readonly observers: Observer[] = [];
  /** Per transport, room and sender: the last message's hand-over of its replies. */
  private readonly turns = new Map<string, Promise<void>>();

  constructor(
    private readonly router: Router,
    private readonly transports: Transport[],
    private readonly log: Logger,
    /** Keeps acknowledgements and minutes lines on disk until delivered (the console chat has none). */
    private readonly kept?: KeptReplies,
    /** Counts answers and refusals (/metrics). */
    private readonly metrics: MetricsSink = NO_METRICS,
  ) {}

  async start(): Promise<void> {
    for (const t of this.transports) {
      // An ordered transport gets its answers in the order asked: each message waits for the one before.
      let previous: Promise<void> = Promise.resolve();
      const onMessage = t.ordered
        ? (msg: ChatMessage) => this.track((previous = previous.then(() => this.dispatch(t, msg))))
        : (msg: ChatMessage) => this.track(this.dispatch(t, msg));
      await t.start(onMessage);
      // Not ready yet is normal: a transport whose server is down keeps trying in the background.
      this.log.info({ transport: t.name, ready: t.ready?.() ?? true }, 'transport started');
    }
    // What the last run queued and a crash kept from being sent: waits for the connection like any kept line.
    for (const p of this.kept?.resend(this.transports) ?? []) this.track(p);
    // One that failed while running goes again whenever its transport can post again.
    const kept = this.kept;
    if (kept) for (const t of this.transports) t.onAvailable?.(() => kept.resend(this.transports, t.name).forEach((p) => this.track(p)));
  }

  observe(fn: Observer): void {
    this.observers.push(fn);
  }

  /** Posts unprompted (reminders, minutes lines) to a room on the named transport; says whether the server took it. */
  async post(transportName: string, room: string, reply: Reply): Promise<Delivery> {
    const transport = this.transports.find((t) => t.name === transportName);
    if (!transport) {
      this.log.warn({ transport: transportName, room }, 'no such transport to post to');
      return { delivered: false, reason: `no transport ${transportName}` };
    }
    // Not connected: report failure so the caller (reminders) retries instead of losing the post.
    if (transport.ready && !transport.ready()) return { delivered: false, reason: `${transportName} is not connected` };
    try {
      return await transport.send(room, this.router.render(reply));
    } catch (err) {
      return { delivered: false, reason: (err as Error).message || String(err) };
    }
  }

  /** Routes one message and sends the replies; never throws. */
  async dispatch(transport: Transport, msg: ChatMessage): Promise<void> {
    // Taken on arrival (before any await): this message's replies are handed over after those of
    // the sender's previous message in this room, whichever was answered first.
    const turn = this.turn(`${transport.name}\u0000${msg.room}\u0000${msg.sender.key}`);
    try {
      const now = new Date();
      for (const fn of this.observers) {
        try {
          fn(msg, now);
        } catch (err) {
          this.log.error({ err }, 'message observer failed');
        }
      }
      if (msg.observeOnly) return;
      const result = await this.router.handle(msg);
      if (result.kind === 'ignored') return;
      if (result.kind === 'refused') this.log.info({ transport: transport.name, command: result.command, reason: result.reason }, 'command refused');
      if (result.kind === 'ok') this.metrics.answered(result.command);
      else this.metrics.refused(result.kind === 'crashed' ? 'crashed' : result.reason);
      await turn.wait();
      // A reply marked private goes to the sender; the transport knows how to reach them. Each
      // reply is handed over once the one before has its place in the transport's send order
      // (or, with a transport that does not say so, once it was sent): the replies go out in order,
      // and a confirmed line waiting for the server does not let the next message's replies ahead.
      const sent: Promise<void>[] = [];
      for (const reply of result.replies) {
        let queued!: () => void;
        const inLine = new Promise<void>((resolve) => (queued = resolve));
        const sending = (this.kept ? this.kept.send(transport, msg.room, reply, msg, queued) : transport.send(msg.room, reply, msg, { onQueued: queued })).then(
          (d) => {
            if (!d.delivered) this.log.info({ transport: transport.name, room: msg.room, kind: reply.kind, reason: d.reason }, 'reply not delivered');
          },
          (err: unknown) => this.log.error({ err, transport: transport.name }, 'failed to send a reply'),
        );
        sent.push(sending);
        await Promise.race([inLine, sending]);
      }
      turn.done();
      await Promise.all(sent);
    } catch (err) {
      this.log.error({ err, transport: transport.name }, 'failed to handle a message');
    } finally {
      turn.done();
    }
  }

  /**
   * A place in the line of one sender's messages in one room: wait() settles when the messages
   * before have handed their replies over (or after TURN_WAIT_MS: a command stuck on something
   * does not silence its sender); call done() when this one has (or has none).
   */
  private turn(key: string): { wait: () => Promise<void>; done: () => void } {
    const before = this.turns.get(key) ?? Promise.resolve();
    let done!: () => void;
    const own = new Promise<void>((resolve) => (done = resolve));
    // Done only when the ones before are: a message answered with nothing keeps the line's order.
    const mine = before.then(() => own);
    this.turns.set(key, mine);
    void mine.then(() => {
      if (this.turns.get(key) === mine) this.turns.delete(key);
    });
    const wait = () => {
      let timer: NodeJS.Timeout | undefined;
      const cap = new Promise<void>((resolve) => (timer = setTimeout(resolve, TURN_WAIT_MS).unref()));
      return Promise.race([before, cap]).finally(() => clearTimeout(timer));
    };
    return { wait, done };
  }

  /** Waits until every message received so far has been answered. */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  /** Waits (boundedly: a reply stuck behind a 429 must not block shutdown) and stops every transport. */
  async stop(reason = 'shutting down', waitMs = 5000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.idle(), new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
    clearTimeout(timer);
    for (const t of this.transports) {
      try {
        await t.stop(reason);
      } catch (err) {
        this.log.warn({ err, transport: t.name }, 'transport did not stop cleanly');
      }
    }
  }

  private track(p: Promise<void>): void {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }
}
