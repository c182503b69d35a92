// Every departure from the published matrix-bot-sdk, in one place: the rest of the Matrix
// transport uses the SDK's public API only, through the names exported here. Supported:
// SUPPORTED_SDK_VERSIONS (0.7.1 exactly); any other installed version is refused at load with
// one line, because each patch below leans on 0.7.1's internals. The reliances are pinned by
// tests/unit/transports/matrix/sdk-pins.test.ts, so an SDK upgrade fails a test, not the bot.
//
// 1. Lean load (about −30 MB of RSS; README "Benchmarks"). The package index loads everything
//    (appservice, express, postgres, …) and lib/MatrixClient.js loads html-to-text,
//    sanitize-html and the crypto store's lowdb at once, most of it never used by this bot. So
//    lib/MatrixClient.js and lib/logging/LogService.js are required directly; the index (which
//    their modules require only inside functions) is a facade answering INDEX_NAMES from their
//    own files and loading the real index for any other name; DEFERRED libraries load on first use.
//    Relies on: that file layout; the names the modules reached from MatrixClient.js read from "..".
// 2. `request` replaced by http.ts (about −20 MB), unless a proxy is configured: `request`
//    honours HTTPS_PROXY, http.ts does not. Relies on: lib/request.js requiring "request" when it
//    loads and calling it as fn(params, (err, res, body)) with REQUEST_PARAMS keys only.
// 3. The sync loop as a loop (SyncingClient.startSync). 0.7.1's recurses through an async
//    function, keeping a promise per /sync until syncing stops. Relies on: start() ending in
//    startSyncInternal() → startSync(); the loop's steps (copied below); stop() setting stopSyncing.
// 4. halt() (doSync wrapped): the SDK's stop() only sets a flag, so the /sync in flight (up to 30 s)
//    was still processed after stop(). Relies on: doSync(token) returning that request's promise.
// 5. A gapped sync's state (processSync wrapped): the SDK emits timeline events only, so state
//    changed in a gap (a demoted moderator) was lost. Relies on: processSync not emitting state.events.
// Every stand-in falls back to the real module, so nothing the SDK does is lost, only loaded later.
import { createRequire } from 'node:module';
import type { IStorageProvider } from 'matrix-bot-sdk';
import { httpProxyConfigured } from './config.ts';
import { UserError } from '../../errors.ts';
import { request } from './http.ts';

type Sdk = typeof import('matrix-bot-sdk');
type EmitFn = (type: string, ...payload: any[]) => Promise<any>;

/** The matrix-bot-sdk versions these patches were checked against (see the list above). */
export const SUPPORTED_SDK_VERSIONS: readonly string[] = ['0.7.1'];

/** Why the installed SDK version cannot be used, as one line; null when it is supported. */
export function sdkVersionProblem(version: unknown): string | null {
  if (typeof version === 'string' && SUPPORTED_SDK_VERSIONS.includes(version)) return null;
  const found = typeof version === 'string' ? version : 'of an unreadable version';
  return `matrix: matrix-bot-sdk ${found} is installed, but cyclebot supports ${SUPPORTED_SDK_VERSIONS.join(', ')} only (its patches rely on that version's internals; see src/transports/matrix/sdk-patches.ts): run npm ci`;
}

const req = createRequire(import.meta.url);

function installedVersion(): unknown {
  try {
    return (req('matrix-bot-sdk/package.json') as { version?: unknown }).version;
  } catch {
    return undefined;
  }
}

// Refused before anything is patched or loaded: an unchecked version could lose events silently.
const problem = sdkVersionProblem(installedVersion());
if (problem) throw new UserError(problem);

const indexFile = req.resolve('matrix-bot-sdk');
const sdkRequire = createRequire(indexFile);
const cache = sdkRequire.cache;

/** Patch 1: what the SDK's own modules read from `require("..")`, and the file each lives in. */
export const INDEX_NAMES: Readonly<Record<string, string>> = {
  LogService: './logging/LogService.js',
  extractRequestError: './logging/LogService.js',
  MatrixProfile: './models/MatrixProfile.js',
  UserID: './helpers/MatrixEntity.js',
  MentionPill: './helpers/MentionPill.js',
  EventKind: './models/events/EventKind.js',
};

/** Patch 1: loaded on first use; only SDK features we never call (HTML replies, the crypto store) need them. */
export const DEFERRED: readonly string[] = [
  'html-to-text',
  'sanitize-html',
  'lowdb',
  'lowdb/adapters/FileSync',
  'mkdirp',
  'hash.js/lib/hash/sha/512',
  'hash.js/lib/hash/sha/256',
  'async-lock',
];

/**
 * Patch 2: the `request` parameters the SDK passes, with what http.ts does with each. Keys not
 * listed would be ignored silently, so the pin test fails on any new one.
 */
export const REQUEST_PARAMS: Readonly<Record<string, string>> = {
  uri: 'the URL',
  method: 'the method',
  qs: 'query string; arrays repeat (a=1&a=2), which is what useQuerystring + arrayFormat "repeat" ask',
  useQuerystring: 'always true: node:querystring is used',
  qsStringifyOptions: 'always { options: { arrayFormat: "repeat" } }: node:querystring repeats arrays',
  encoding: 'undefined → the body as a string, null → a Buffer',
  timeout: 'the socket timeout',
  headers: 'sent as given (content-length added)',
  body: 'a string or a Buffer',
  forever: 'always true: keep-alive agents',
};

function seed(file: string, exports: unknown): void {
  cache[file] = { id: file, filename: file, loaded: true, exports, children: [], paths: [] } as unknown as NodeJS.Module;
}

/** A stand-in that loads the real module (and forwards to it) the first time it is touched. */
function proxyOf(load: () => any): unknown {
  return new Proxy(function () {}, {
    get: (_, key) => load()[key],
    has: (_, key) => key in load(),
    apply: (_, self, args) => Reflect.apply(load(), self, args),
    construct: (_, args) => Reflect.construct(load(), args),
  });
}

function defer(id: string): void {
  let file: string;
  try {
    file = sdkRequire.resolve(id);
  } catch {
    return; // not installed: the SDK would fail on it as it always did
  }
  if (cache[file]) return;
  let real: any;
  seed(
    file,
    proxyOf(() => {
      if (real === undefined) {
        delete cache[file];
        real = sdkRequire(file);
      }
      return real;
    }),
  );
}

// Patches 1 and 2, only on a fresh load: if the index is already there (tests, another user), it is used as it is.
if (!cache[indexFile]) {
  let real: any;
  seed(
    indexFile,
    new Proxy(
      {},
      {
        get(_, key) {
          if (typeof key !== 'string') return undefined;
          if (INDEX_NAMES[key]) return sdkRequire(INDEX_NAMES[key])[key];
          if (real === undefined) {
            delete cache[indexFile];
            real = sdkRequire(indexFile); // an SDK path we did not foresee: load it all
          }
          return real[key];
        },
      },
    ),
  );
  for (const id of DEFERRED) defer(id);
  if (httpProxyConfigured()) defer('request');
  else if (!cache[sdkRequire.resolve('request')]) seed(sdkRequire.resolve('request'), request);
}

const { MatrixClient } = sdkRequire('./MatrixClient.js') as Pick<Sdk, 'MatrixClient'>;
export const { LogService, LogLevel, extractRequestError } = sdkRequire('./logging/LogService.js') as Pick<
  Sdk,
  'LogService' | 'LogLevel' | 'extractRequestError'
>;

/** MatrixClient with patches 3–5: a sync loop that does not grow, can really stop, and keeps gapped state. */
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

  /** Patch 3: 0.7.1's startSync step for step, as a `while` loop instead of async recursion. */
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
   * Patch 5: when a sync is `limited` (older events left out), state changed in the gap arrives
   * only in the room's `state.events`, which the SDK drops. Before the timeline, each joined
   * room's gap is announced ('room.gap') and its state events emitted as 'room.state', in order.
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

  /** Patch 4: the pending /sync can be rejected at once by halt(); also notes when each arrived. */
  protected override doSync(token: string): Promise<any> {
    if (this.halted) return Promise.reject(new Error('client halted'));
    if (this.firstSince === undefined) this.firstSince = token ?? null;
    const pending = super.doSync(token);
    return new Promise((resolve, reject) => {
      this.abortPending = reject;
      pending.then(
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

  /** Patch 4: stops syncing now; no further batch is processed or its token stored. */
  halt(): void {
    this.halted = true;
    this.stop();
    this.abortPending?.(new Error('client halted'));
    this.abortPending = null;
  }
}
