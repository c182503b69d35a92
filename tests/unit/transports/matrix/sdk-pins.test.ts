// Pins what src/transports/matrix/sdk-patches.ts relies on in the installed matrix-bot-sdk, so an
// SDK upgrade fails here instead of silently breaking the bot. Tested on the published SDK
// (loaded in full first, so the lean-load stand-ins are not in play in this process).
import { LogService, MatrixClient, MatrixError, getRequestFn, setRequestFn } from 'matrix-bot-sdk';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHomeserver } from '../../../helpers/fake-homeserver.ts';

// After the SDK: sdk-patches must find its index loaded and leave it as it is.
const { DEFERRED, INDEX_NAMES, REQUEST_PARAMS, SUPPORTED_SDK_VERSIONS, sdkVersionProblem } = await import('../../../../src/transports/matrix/sdk-patches.ts');
const { request } = await import('../../../../src/transports/matrix/http.ts');

const req = createRequire(import.meta.url);
const indexFile = req.resolve('matrix-bot-sdk');
const lib = path.dirname(indexFile);
const sdkRequire = createRequire(indexFile);

LogService.muteModule('MatrixHttpClient'); // the 404 and 429 below are expected

const memoryStore = () => ({
  tok: null as string | null,
  setSyncToken(t: string | null) {
    this.tok = t;
  },
  getSyncToken() {
    return this.tok;
  },
  setFilter() {},
  getFilter() {
    return null as any;
  },
  storeValue() {},
  readValue() {
    return null;
  },
});

describe('the supported SDK version', () => {
  it('is the installed one, and any other is refused with one line naming both', () => {
    expect(SUPPORTED_SDK_VERSIONS).toContain((req('matrix-bot-sdk/package.json') as { version: string }).version);
    expect(sdkVersionProblem('0.7.1')).toBeNull();
    for (const v of ['0.8.0', '0.7.0', '0.7.1-beta.1', undefined, 7]) {
      const line = sdkVersionProblem(v)!;
      expect(line).toMatch(/^matrix: matrix-bot-sdk .+ is installed, but cyclebot supports 0\.7\.1 only .*run npm ci$/);
      expect(line).not.toContain('\n');
      if (typeof v === 'string') expect(line).toContain(` ${v} `);
    }
  });
});

/** The source of a class method in a compiled SDK file: from its first line to its closing brace. */
function methodSource(file: string, name: string): string {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const start = lines.findIndex((l) => new RegExp(`^ {4}(async )?${name}\\(`).test(l));
  if (start < 0) return `(no method ${name})`;
  return lines.slice(start, lines.indexOf('    }', start) + 1).join('\n');
}

describe('patches 3–5: the MatrixClient methods they replace or wrap', () => {
  // sha256 of 0.7.1's lib/MatrixClient.js method source (0.8.0's is identical). A change means the
  // SDK's sync loop changed: re-check SyncingClient against it, then update the fingerprint.
  const FINGERPRINTS: Record<string, string> = {
    start: '4d0de9bc2f975b46', // ends in startSyncInternal(): patch 3 is called
    stop: 'c8fd41e775221d7f', // only sets stopSyncing: why patch 4 exists, and what patch 3 reads
    startSyncInternal: '272b65b4206f90c3',
    startSync: '4c34e9a33a40387d', // the loop patch 3 copies step for step
    doSync: '0d994eeb3e12288e', // returns the /sync request's promise: patch 4 wraps it
    processSync: 'cd3d089d3d327c97', // emits no state.events: patch 5 adds them (or they would come twice)
  };
  it.each(Object.entries(FINGERPRINTS))('%s is the source the patches were written against', (name, hash) => {
    const src = methodSource(path.join(lib, 'MatrixClient.js'), name);
    expect(crypto.createHash('sha256').update(src).digest('hex').slice(0, 16), src).toBe(hash);
  });

  it('has the fields the loop reads, and stop() only sets a flag', () => {
    const c = new MatrixClient('http://127.0.0.1:9', 'tok', memoryStore()) as any;
    expect([c.stopSyncing, c.persistTokenAfterSync, c.syncingTimeout]).toEqual([false, false, 30_000]);
    c.stop();
    expect(c.stopSyncing).toBe(true);
  });

  it('start() hands over to startSync() with no emit function once set up', async () => {
    const hs = await startFakeHomeserver();
    const calls: unknown[][] = [];
    class Probe extends MatrixClient {
      protected override async startSync(...args: unknown[]): Promise<void> {
        calls.push(args);
      }
    }
    try {
      await new Probe(hs.url, hs.token, memoryStore()).start({ presence: { not_types: ['*'] } });
      expect(calls).toEqual([[]]);
      expect(hs.syncs).toHaveLength(0); // no /sync but through startSync
    } finally {
      await hs.close();
    }
  });

  it('doSync(token) returns the promise of its one /sync request', async () => {
    const c = new MatrixClient('http://127.0.0.1:9', 'tok', memoryStore()) as any;
    const seen: unknown[][] = [];
    const answer = Promise.resolve({ next_batch: 'n' });
    c.doRequest = (...args: unknown[]) => (seen.push(args), answer);
    c.filterId = 7;
    expect(await c.doSync('s1')).toEqual({ next_batch: 'n' });
    expect(seen).toEqual([['GET', '/_matrix/client/v3/sync', { full_state: false, timeout: 30_000, since: 's1', filter: 7 }, null, 40_000]]);
  });

  it("processSync emits a gapped room's timeline but drops its state block", async () => {
    const c = new MatrixClient('http://127.0.0.1:9', 'tok', memoryStore()) as any;
    c.userId = '@bot:test';
    const emitted: [string, string | undefined][] = [];
    const ev = (id: string, type: string, extra: object = {}) => ({
      event_id: id,
      type,
      sender: '@a:test',
      content: {},
      origin_server_ts: 1,
      unsigned: {},
      ...extra,
    });
    await c.processSync(
      {
        next_batch: 'n',
        rooms: {
          join: {
            '!r:test': {
              timeline: { limited: true, events: [ev('$msg', 'm.room.message', { content: { msgtype: 'm.text', body: 'hi' } })] },
              state: { events: [ev('$pl', 'm.room.power_levels', { state_key: '' })] },
            },
          },
        },
      },
      (type: string, _room: string, e?: { event_id?: string }) => (emitted.push([type, e?.event_id]), Promise.resolve()),
    );
    expect(emitted.map(([, id]) => id)).not.toContain('$pl');
    expect(emitted).toContainEqual(['room.message', '$msg']);
  });
});

describe('patch 1: the lean load', () => {
  /** The file the real index takes `name` from (it re-exports whole files). */
  const indexSources = [...fs.readFileSync(indexFile, 'utf8').matchAll(/require\("(\.\/[^"]+)"\)/g)].map((m) => sdkRequire.resolve(m[1]));
  const definingFile = (name: string) => indexSources.find((f) => sdkRequire(f)[name] !== undefined);

  /**
   * The SDK files reachable from `entries` by relative require() and by names read from the index
   * (each leads to the file that defines it), with the names read from the index.
   */
  function reachable(entries: string[]): { files: string[]; fromIndex: Map<string, string | undefined> } {
    const seen = new Set<string>();
    const fromIndex = new Map<string, string | undefined>();
    const todo = entries.map((e) => path.join(lib, e));
    while (todo.length) {
      const file = todo.pop()!;
      if (seen.has(file) || file === indexFile) continue;
      seen.add(file);
      const src = fs.readFileSync(file, 'utf8');
      for (const m of src.matchAll(/require\("(\.[^"]*)"\)/g)) todo.push(createRequire(file).resolve(m[1]));
      for (const [, v] of src.matchAll(/const (\w+) = require\("\.\.(?:\/\.\.)*"\);/g)) {
        for (const [, name] of src.matchAll(new RegExp(`\\b${v}\\.(\\w+)`, 'g'))) {
          if (fromIndex.has(name)) continue;
          fromIndex.set(name, definingFile(name));
          if (definingFile(name)) todo.push(definingFile(name)!);
        }
      }
    }
    return { files: [...seen], fromIndex };
  }

  it('the modules MatrixClient.js reaches read from the index only INDEX_NAMES, at their files', () => {
    const { files, fromIndex } = reachable(['MatrixClient.js', 'logging/LogService.js']);
    expect(files.length).toBeGreaterThan(30);
    expect(fromIndex.size).toBeGreaterThan(0);
    const wrong = [...fromIndex].filter(([name, file]) => !INDEX_NAMES[name] || sdkRequire.resolve(INDEX_NAMES[name]) !== file);
    expect(wrong.map(([name, file]) => `${name} (in ${file ? path.relative(lib, file) : 'no file'})`)).toEqual([]);
  });

  it('each INDEX_NAMES file exports its name, as the index re-exports it', () => {
    const index = fs.readFileSync(indexFile, 'utf8');
    for (const [name, file] of Object.entries(INDEX_NAMES)) {
      expect(sdkRequire(file)[name], name).toBeDefined();
      expect(sdkRequire(file)[name], name).toBe(sdkRequire(indexFile)[name]);
      expect(index).toContain(`require("${file.replace(/\.js$/, '')}")`);
    }
  });

  it('each DEFERRED library is installed where the SDK finds it', () => {
    for (const id of DEFERRED) expect(() => sdkRequire.resolve(id), id).not.toThrow();
  });
});

describe('patch 2: the request replacement', () => {
  let server: http.Server;
  let base = '';
  const seen: string[] = [];
  beforeAll(async () => {
    server = http.createServer((rq, res) => {
      seen.push(`${rq.method} ${rq.url} ${rq.headers['content-type'] ?? ''}`);
      rq.resume();
      if (rq.url!.startsWith('/limited'))
        return res.writeHead(429, { 'content-type': 'application/json' }).end('{"errcode":"M_LIMIT_EXCEEDED","retry_after_ms":25}');
      if (rq.url!.startsWith('/_matrix/media')) return res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0, 1, 2]));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":"é"}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('lib/request.js takes `request` when it loads and calls what getRequestFn() returns', () => {
    expect(fs.readFileSync(path.join(lib, 'request.js'), 'utf8')).toMatch(/^const \w+ = require\("request"\);$/m);
    expect(getRequestFn()).toBe(sdkRequire('request'));
  });

  it('the SDK passes only REQUEST_PARAMS, and works on http.ts', async () => {
    const original = getRequestFn();
    const params: Record<string, unknown>[] = [];
    setRequestFn((p: Record<string, unknown>, cb: Parameters<typeof request>[1]) => (params.push(p), request(p as never, cb)));
    try {
      const c = new MatrixClient(base, 'tok', memoryStore());
      expect(await c.doRequest('PUT', '/json', { a: ['1', '2'] }, { k: 'v' })).toEqual({ ok: 'é' });
      expect(await c.doRequest('POST', '/json', null, Buffer.from('x'), 60_000, false, 'text/plain')).toEqual({ ok: 'é' });
      const media = await c.downloadContent('mxc://test/abc');
      expect([Buffer.isBuffer(media.data), [...media.data], media.contentType]).toEqual([true, [0, 1, 2], 'image/png']);
      const err = await c.doRequest('GET', '/limited').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MatrixError);
      expect(err).toMatchObject({ statusCode: 429, errcode: 'M_LIMIT_EXCEEDED', retryAfterMs: 25 });
    } finally {
      setRequestFn(original);
    }
    expect(seen).toContain('PUT /json?a=1&a=2 application/json');
    expect(seen).toContain('POST /json text/plain');
    const keys = new Set(params.flatMap((p) => Object.keys(p)));
    expect([...keys].filter((k) => !(k in REQUEST_PARAMS))).toEqual([]);
    for (const p of params) {
      expect(p.useQuerystring).toBe(true);
      expect(p.qsStringifyOptions).toEqual({ options: { arrayFormat: 'repeat' } });
      expect(p.forever).toBe(true);
    }
  });
});
