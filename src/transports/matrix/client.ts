// MatrixClient with a sync loop that can really stop. The SDK's stop() only sets a flag: the
// long-poll in flight stays open up to 30 s and its batch is still processed (token saved,
// events emitted) after stop() returned, which would let a stopped transport swallow events a
// successor should see. Here halt() rejects the pending /sync at once; the SDK's loop then sees
// its stop flag and exits without saving a token. Also records when the last sync arrived.
import { MatrixClient, type IStorageProvider } from 'matrix-bot-sdk';

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
    storage: IStorageProvider,
    private readonly clock: () => number,
  ) {
    super(homeserverUrl, accessToken, storage);
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
