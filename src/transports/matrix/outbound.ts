// Delivery of reply events: a serial queue per room, one txnId per event reused on every retry
// (the homeserver deduplicates, so a retry after a lost answer cannot double-post), and direct
// chats for private replies. Never rejects: failures are logged and reported as a result.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { NoticeContent } from './content.ts';
import { DirectRoomsFull, type DirectRooms } from './dms.ts';
import { brief } from './rooms.ts';
import { classifyFailure, KeyedQueue, withRetry, type RetryPolicy } from './send-queue.ts';

export type SendResult = 'sent' | 'refused' | 'failed';

/** The outcome of one event: 'sent' only when the homeserver answered with its event id. */
export interface SendOutcome {
  result: SendResult;
  eventId?: string;
  reason?: string;
}

export interface SendApi {
  doRequest(method: string, endpoint: string, qs: null, body: unknown): Promise<unknown>;
}

/** Attempts for kept lines: with waits doubling to a minute, about 15 minutes of outage. */
const KEPT_ATTEMPTS = 20;

export class Outbound {
  private readonly queue = new KeyedQueue();
  private readonly abort = new AbortController();

  constructor(
    private readonly api: SendApi,
    private readonly dms: DirectRooms,
    private readonly retry: RetryPolicy,
    private readonly log: Logger,
  ) {}

  /** Events queued or being sent. */
  get length(): number {
    return this.queue.length;
  }

  get closed(): boolean {
    return this.abort.signal.aborted;
  }

  /**
   * Queues one event for the room; resolves when it is sent (the homeserver gave its event id) or
   * given up. `keep`: a chair's acknowledgement or minutes line, retried for minutes rather than
   * seconds through a homeserver outage (the txnId makes every retry safe).
   */
  send(roomId: string, content: NoticeContent, keep = false, id?: string): Promise<SendOutcome> {
    // `id`: a kept reply's own, the same after a restart, so the homeserver deduplicates a re-send.
    const txnId = `cyclebot.${id ?? randomUUID()}`;
    const path = `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${encodeURIComponent(txnId)}`;
    return this.queue.run(roomId, async (): Promise<SendOutcome> => {
      try {
        const policy = keep
          ? { ...this.retry, maxAttempts: Math.max(this.retry.maxAttempts, KEPT_ATTEMPTS), maxWaitMs: Math.max(this.retry.maxWaitMs, 60_000) }
          : this.retry;
        const answer = await withRetry(() => this.api.doRequest('PUT', path, null, content), policy, {
          signal: this.abort.signal,
          onRetry: (err, n, waitMs) => this.log.warn({ err: brief(err), roomId, txnId, attempt: n, waitMs }, 'send failed; retrying'),
        });
        const eventId = (answer as { event_id?: unknown } | null)?.event_id;
        if (typeof eventId === 'string' && eventId) return { result: 'sent', eventId };
        this.log.error({ roomId, txnId }, 'the homeserver answered without an event id; not counted as sent');
        return { result: 'failed', reason: 'the homeserver answered without an event id' };
      } catch (err) {
        const fatal = classifyFailure(err).kind === 'fatal';
        this.log.error({ err: brief(err), roomId, txnId }, fatal ? 'send refused by the homeserver' : 'send failed; giving up');
        return { result: fatal ? 'refused' : 'failed', reason: `${fatal ? 'refused' : 'failed'}: ${brief(err)}` };
      }
    });
  }

  /**
   * Sends to the user's direct chat; if the known chat refuses us (we left it), makes a new one
   * once. 'full' when no new chat may be made (see dms.ts), 'failed' when none could be: the
   * caller then answers in the room. 'lost': the chat exists but the send failed after retries.
   */
  async sendDirect(userId: string, content: NoticeContent): Promise<'sent' | 'lost' | 'full' | 'failed'> {
    for (let attempt = 0; attempt < 2; attempt++) {
      let roomId: string;
      try {
        roomId = await this.dms.roomFor(userId);
      } catch (err) {
        if (err instanceof DirectRoomsFull) return 'full';
        this.log.warn({ err: brief(err), userId }, 'cannot create a direct chat');
        return 'failed';
      }
      const { result } = await this.send(roomId, content);
      if (result === 'sent') return 'sent';
      // A transient failure is logged and not delivered ('lost'); repeating the answer in the room would leak it.
      if (result === 'failed') return 'lost';
      await this.dms.forget(roomId);
    }
    return 'failed';
  }

  /**
   * Waits up to `timeoutMs` for queued events, then abandons the rest: retry waits end at once,
   * a request already on the wire finishes (or times out) on its own. Later sends are refused.
   */
  async close(timeoutMs: number): Promise<void> {
    if (!(await this.queue.drain(timeoutMs))) {
      this.log.warn({ pending: this.queue.length }, 'replies still queued at stop; giving up on them');
      this.abort.abort();
      await this.queue.drain(1000);
    }
    this.abort.abort();
  }
}
