// MatrixClient with a sync loop that can really stop. The SDK's stop() only sets a flag: the
// long-poll in flight stays open up to 30 s and its batch is still processed (token saved,
// events emitted) after stop() returned, which would let a stopped transport swallow events a
// successor should see. Here halt() rejects the pending /sync at once; the SDK's loop then sees
// its stop flag and exits without saving a token. Also records when the last sync arrived.
// And its sync loop does not grow (startSync below), and the state block of a gapped sync is
// not lost (processSync below).
import type { IStorageProvider } from 'matrix-bot-sdk';
import { extractRequestError, LogService, MatrixClient } from './sdk.ts';

type EmitFn = (type: string, ...payload: any[]) => Promise<any>;

export class SyncingClient extends MatrixClient {
  /** When the last /sync response arrived (ms since epoch), or null before the first. */
  lastSyncAt: number | null = null;
  /** The `since` token of the first /sync of this run (null: a fresh start). */
  firstSince: string | null | undefined = undefined;
  private halted = false;
  private abortPending: ((err: Error) => void) | null = null;

  constructor(
    homeserverUrl: string,
    accessToken: string,
    private readonly store: IStorageProvider,
    private readonly clock: () => number,
  ) {
    super(homeserverUrl, accessToken, store);
  }

  /**
   * 0.7.1's sync loop, as a loop. The SDK's recurses through an async function (`return
   * promiseWhile()`), so every /sync adds a promise that settles only when syncing stops: about
   * 250 bytes per sync (one every 30 s when idle, one per event when busy) for the process's life.
   */
  protected override async startSync(emitFn?: EmitFn): Promise<void> {
    let token = await Promise.resolve(this.store.getSyncToken());
    const stopping = () => (this as unknown as { stopSyncing: boolean }).stopSyncing;
    void (async () => {
      while (!stopping()) {
        try {
          const response = await this.doSync(token as string);
          token = response['next_batch'];
          if (!this.persistTokenAfterSync) await Promise.resolve(this.store.setSyncToken(token));
          await this.processSync(response, emitFn);
          if (this.persistTokenAfterSync) await Promise.resolve(this.store.setSyncToken(token));
        } catch (e) {
          if (stopping()) break;
          LogService.error('MatrixClientLite', 'Error handling sync ' + extractRequestError(e as Error));
          const backoffTime = 5000 + Math.random() * 10000; // the SDK's SYNC_BACKOFF_MIN/MAX_MS
          LogService.info('MatrixClientLite', `Backing off for ${backoffTime}ms`);
          await new Promise((r) => setTimeout(r, backoffTime));
        }
      }
      LogService.info('MatrixClientLite', 'Client stop requested - stopping sync');
    })();
  }

  /**
   * The SDK emits only timeline events. When a sync is `limited` (a gap: older events were left
   * out), state changes made in the gap arrive only in the room's `state.events` block, which the
   * SDK drops: a moderator demoted during a gap would stay a chair until restart. Before the
   * timeline, each joined room's gap is announced ('room.gap') and its state events are emitted
   * as 'room.state', in order, so caches can start over and apply them.
   */
  protected override async processSync(raw: any, emitFn?: EmitFn): Promise<any> {
    const emit: EmitFn = emitFn ?? ((type, ...payload) => Promise.resolve(this.emit(type, ...payload)));
    const joined = raw?.rooms?.join;
    if (joined && typeof joined === 'object') {
      for (const [roomId, room] of Object.entries(joined as Record<string, any>)) {
        if (room?.timeline?.limited === true) await emit('room.gap', roomId);
        const state = room?.state?.events;
        if (Array.isArray(state)) for (const ev of state) if (ev && typeof ev === 'object') await emit('room.state', roomId, ev);
      }
    }
    return super.processSync(raw, emitFn);
  }

  protected override doSync(token: string): Promise<any> {
    if (this.halted) return Promise.reject(new Error('client halted'));
    if (this.firstSince === undefined) this.firstSince = token ?? null;
    const request = super.doSync(token);
    return new Promise((resolve, reject) => {
      this.abortPending = reject;
      request.then(
        (body) => {
          this.abortPending = null;
          if (this.halted) return reject(new Error('client halted'));
          this.lastSyncAt = this.clock();
          resolve(body);
        },
        (err) => {
          this.abortPending = null;
          reject(err);
        },
      );
    });
  }

  /** Stops syncing now: no further batch is processed or its token stored. */
  halt(): void {
    this.halted = true;
    this.stop();
    this.abortPending?.(new Error('client halted'));
    this.abortPending = null;
  }
}
