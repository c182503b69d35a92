// matrix-bot-sdk 0.7.1, loaded lean. Its package index loads everything (appservice, express,
// postgres, …) and its MatrixClient module loads `request`, html-to-text, sanitize-html and the
// crypto store's lowdb at once: about 40 MB of RSS, most of it never used by this bot.
// So: the modules we use are required directly; their `require("..")` (the index, used only
// inside functions) gets a facade that resolves those few names; libraries needed only by SDK
// features we do not call load on first use; and `request` is replaced by http.ts.
// Every deviation falls back to the real module, so nothing the SDK does is lost.
import { createRequire } from 'node:module';
import { httpProxyConfigured } from '../../config.ts';
import { request } from './http.ts';

type Sdk = typeof import('matrix-bot-sdk');

const indexFile = createRequire(import.meta.url).resolve('matrix-bot-sdk');
const sdkRequire = createRequire(indexFile);
const cache = sdkRequire.cache;

/** What the SDK's own modules read from `require("..")`, and where each lives. */
const INDEX_NAMES: Record<string, string> = {
  LogService: './logging/LogService.js',
  extractRequestError: './logging/LogService.js',
  MatrixProfile: './models/MatrixProfile.js',
  UserID: './helpers/MatrixEntity.js',
  MentionPill: './helpers/MentionPill.js',
  EventKind: './models/events/EventKind.js',
};

/** Loaded on first use: only SDK features we never call (HTML replies, the crypto store) need them. */
const DEFERRED = ['html-to-text', 'sanitize-html', 'lowdb', 'lowdb/adapters/FileSync', 'mkdirp', 'hash.js/lib/hash/sha/512', 'hash.js/lib/hash/sha/256', 'async-lock'];

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
  seed(file, proxyOf(() => {
    if (real === undefined) {
      delete cache[file];
      real = sdkRequire(file);
    }
    return real;
  }));
}

// Only on a fresh load: if the index is already there (tests, another user), use it as it is.
if (!cache[indexFile]) {
  let real: any;
  seed(indexFile, new Proxy({}, {
    get(_, key) {
      if (typeof key !== 'string') return undefined;
      if (INDEX_NAMES[key]) return sdkRequire(INDEX_NAMES[key])[key];
      if (real === undefined) {
        delete cache[indexFile];
        real = sdkRequire(indexFile); // an SDK path we did not foresee: load it all
      }
      return real[key];
    },
  }));
  for (const id of DEFERRED) defer(id);
  if (httpProxyConfigured()) defer('request');
  else if (!cache[sdkRequire.resolve('request')]) seed(sdkRequire.resolve('request'), request);
}

export const { MatrixClient } = sdkRequire('./MatrixClient.js') as Pick<Sdk, 'MatrixClient'>;
export const { LogService, LogLevel, extractRequestError } = sdkRequire('./logging/LogService.js') as Pick<Sdk, 'LogService' | 'LogLevel' | 'extractRequestError'>;
