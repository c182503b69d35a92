// ptg.sources against a loopback pad server with ETags: refresh only on change (validators sent,
// 304 → no write), the new text answered at once, failures keep the last good version and show in
// !status, periodic timing with injected timers, a restart that does not refetch blindly, no overlap.
import crypto from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, VERSION, type App } from '../../../src/app.ts';
import { validateConfig, type Config } from '../../../src/config.ts';
import { renderPlain } from '../../../src/core/formatting.ts';
import type { SourceHttpOptions } from '../../../src/sources/http.ts';
import { ManualTimers } from '../../helpers/manual-timers.ts';
import { SourceRefresher, type LiveSource } from '../../../src/sources/refresher.ts';
import { sourceHttpOptions } from '../../../src/sources/settings.ts';
import { ROOT, tempHome } from '../../helpers/cli.ts';
import { roomMsg } from '../../helpers/messages.ts';

const PAD = fs.readFileSync(path.join(ROOT, 'tests/fixtures/sources/etherpad-export.txt'), 'utf8');
const NEW_TOPIC = '\n#### Unified limits for ironic ####\n  * AGREED: port the quota checks to unified limits in Indri\n';
const etagOf = (t: string) => `"${crypto.createHash('sha1').update(t).digest('hex').slice(0, 16)}"`;

let pad = PAD;
let sendEtag = true;
/** The pad server answers 503 to everything while set. */
let down = false;
const requests: { url: string; ifNoneMatch?: string; ifModifiedSince?: string }[] = [];
/** Requests to held-pad are never answered: 'request' when one arrives, 'hung-up' when its client gave up. */
const held = new EventEmitter();
let server: http.Server;
let base = '';
let app: App;
let config: Config;
const home = tempHome();
const dbPath = path.join(home, 'live.db');
const silent = pino({ level: 'silent' });
let now = Date.parse('2026-12-04T10:00:00Z');
const clock = () => new Date(now);

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = req.url ?? '';
    requests.push({ url, ifNoneMatch: req.headers['if-none-match'], ifModifiedSince: req.headers['if-modified-since'] });
    if (down) return res.writeHead(503, { 'content-type': 'text/plain' }).end('down');
    if (url === '/p/nova-indri-ptg/export/txt') {
      const etag = etagOf(pad);
      if (sendEtag && req.headers['if-none-match'] === etag) return res.writeHead(304, { etag }).end();
      return res
        .writeHead(200, { 'content-type': 'text/plain; charset=utf-8', ...(sendEtag ? { etag } : {}), 'last-modified': 'Thu, 03 Dec 2026 10:00:00 GMT' })
        .end(pad);
    }
    if (url === '/p/slow-pad/export/txt') return void setTimeout(() => res.writeHead(200).end('#### Late ####\n  * AGREED: too late\n'), 3000);
    if (url === '/p/held-pad/export/txt') {
      res.on('close', () => void (res.writableEnded || held.emit('hung-up')));
      return void held.emit('request');
    }
    if (url === '/p/broken-pad/export/txt') return res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
    if (url === '/p/moved-pad/export/txt') return res.writeHead(302, { location: 'ftp://files.example.org/pad.txt' }).end();
    if (url === '/p/huge-pad/export/txt') return res.writeHead(200, { 'content-type': 'text/plain' }).end('#### Big ####\n' + 'x'.repeat(6 * 1024 * 1024));
    res.writeHead(404).end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  config = validateConfig(
    {
      rateLimit: { burst: 1000, refillSeconds: 1 },
      launchpad: { retries: 0, timeoutSeconds: 1 },
      ptg: {
        bundled: false,
        refreshMinutes: 60,
        sources: [
          `${base}/p/nova-indri-ptg`,
          { url: `${base}/p/slow-pad`, refreshMinutes: 10 },
          `${base}/p/broken-pad`,
          `${base}/p/moved-pad`,
          `${base}/p/huge-pad`,
        ],
      },
    },
    'test',
    {},
  );
  app = createApp({ dbPath, config, log: silent, clock });
});
afterAll(async () => {
  app.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  fs.rmSync(home, { recursive: true, force: true });
});

function refresher(a: App, timers = new ManualTimers(), http: Partial<SourceHttpOptions> = {}): { r: SourceRefresher; timers: ManualTimers } {
  const r = new SourceRefresher({
    sources: config.ptg.sources,
    everyMs: config.ptg.refreshMinutes * 60_000,
    ptg: a.repo,
    state: a.sourceState,
    http: { ...sourceHttpOptions(config, VERSION), ...http },
    log: silent,
    clock,
    timers,
  });
  return { r, timers };
}
const source = (name: string): LiveSource => config.ptg.sources.find((s) => s.url.endsWith(`/p/${name}`))!;
const padRequests = () => requests.filter((q) => q.url === '/p/nova-indri-ptg/export/txt');

async function say(text: string): Promise<string[]> {
  const r = await app.router.handle(roomMsg(text, { key: 'irc:alice', display: 'alice', account: 'alice' }, { room: '#openstack-nova' }));
  return r.kind === 'ignored' ? [] : r.replies.flatMap((x) => x.lines.map(renderPlain));
}

describe('ptg.sources', () => {
  it('before the first refresh, !status says each source is not read yet', async () => {
    const status = await say('!status');
    expect(status).toContain(`source 127.0.0.1:${new URL(base).port}/p/nova-indri-ptg: not read yet`);
  });

  it('the first refresh imports the pad; the bot answers from it', async () => {
    const { r } = refresher(app);
    expect(await r.refresh(source('nova-indri-ptg'))).toBe('changed');
    expect(padRequests()[0].ifNoneMatch).toBeUndefined();
    expect((await say('!ptg vTPM live migration')).join(' ')).toContain('Live migration with vTPM');
    expect((await say('!status')).join('\n')).toMatch(
      /source nova-indri-ptg \(127\.0\.0\.1:\d+\/p\/nova-indri-ptg\): ok, checked just now, last changed just now/,
    );
  });

  it('an unchanged pad: the second fetch sends the validators, 304, nothing is written', async () => {
    const { r } = refresher(app);
    const before = { changes: app.repo.localChanges, at: app.repo.document('nova-indri-ptg')!.imported_at };
    now += 3600_000;
    expect(await r.refresh(source('nova-indri-ptg'))).toBe('not-modified');
    const last = padRequests().at(-1)!;
    expect(last.ifNoneMatch).toBe(etagOf(PAD));
    expect(last.ifModifiedSince).toBe('Thu, 03 Dec 2026 10:00:00 GMT');
    expect(app.repo.localChanges).toBe(before.changes);
    expect(app.repo.document('nova-indri-ptg')!.imported_at).toBe(before.at);
  });

  it('the same text under a new ETag (or none) is not re-imported either', async () => {
    const { r } = refresher(app);
    sendEtag = false;
    const changes = app.repo.localChanges;
    expect(await r.refresh(source('nova-indri-ptg'))).toBe('unchanged');
    expect(app.repo.localChanges).toBe(changes);
    sendEtag = true;
    expect(await r.refresh(source('nova-indri-ptg'))).toBe('unchanged'); // stored validators were none: a 200 again
    expect(await r.refresh(source('nova-indri-ptg'))).toBe('not-modified');
  });

  it('an edited pad replaces the document and the new topic is answered at once', async () => {
    const { r } = refresher(app);
    pad = PAD + NEW_TOPIC;
    expect((await say('!ptg unified limits quota checks')).join(' ')).not.toContain('Unified limits for ironic');
    expect(await r.refresh(source('nova-indri-ptg'))).toBe('changed');
    expect((await say('!ptg unified limits quota checks')).join(' ')).toContain('Unified limits for ironic');
    expect(app.repo.documents().filter((d) => d.id === 'nova-indri-ptg')).toHaveLength(1);
  });

  it('a slow source times out: the error is kept for !status, nothing else changes', async () => {
    const { r } = refresher(app);
    // The pad answers after 3 s; the timeout's own message below shows the 1 s limit cut it.
    expect(await r.refresh(source('slow-pad'))).toBe('failed');
    expect((await say('!status')).join('\n')).toMatch(
      /source 127\.0\.0\.1:\d+\/p\/slow-pad: FAILING since just now: 127\.0\.0\.1:\d+ did not answer within 1 s; never read successfully/,
    );
  });

  it('a failing source keeps its last good version, and says so in !status', async () => {
    const { r } = refresher(app);
    const good = app.repo.document('nova-indri-ptg')!;
    down = true;
    now += 3600_000;
    expect(await r.refresh(source('nova-indri-ptg'))).toBe('failed');
    expect(app.repo.document('nova-indri-ptg')).toEqual(good);
    expect((await say('!ptg unified limits quota checks')).join(' ')).toContain('Unified limits for ironic');
    expect((await say('!status')).join('\n')).toMatch(
      /source nova-indri-ptg \(.*\): FAILING since just now: 127\.0\.0\.1:\d+ is unavailable \(503\) for \/p\/nova-indri-ptg\/export\/txt; last good version read 1 h ago/,
    );
    down = false;
    expect(await r.refresh(source('broken-pad'))).toBe('failed');
  });

  it('a redirect to another scheme and an oversized pad are refused', async () => {
    const { r } = refresher(app);
    expect(await r.refresh(source('moved-pad'))).toBe('failed');
    expect(await r.refresh(source('huge-pad'))).toBe('failed');
    const status = (await say('!status')).join('\n');
    expect(status).toMatch(/moved-pad: FAILING since just now: refused a redirect from 127\.0\.0\.1:\d+ to a ftp:\/\/ URL/);
    expect(status).toMatch(/huge-pad: FAILING since just now: 127\.0\.0\.1:\d+\/p\/huge-pad\/export\/txt is over the 5 MB limit; not read/);
    expect(status).toMatch(/broken-pad: FAILING since just now: .*unavailable \(500\)/);
    expect(app.repo.documents().map((d) => d.id)).toEqual(['nova-indri-ptg']);
  });

  it('periodic: each source is due its interval after its last attempt; the timer sleeps until the first due', async () => {
    const { r, timers } = refresher(app);
    now += 3600_000;
    r.start();
    expect(timers.pending?.ms).toBe(0); // everything is an hour or more past its last attempt
    const before = requests.length;
    timers.pending!.fn();
    await r.tick(); // the tick under way: the same promise, no second round
    expect(requests.length - before).toBe(5);
    // slow-pad has refreshMinutes 10, the rest 60: the next wake is in 10 minutes (less the time the round took).
    expect(timers.pending!.ms).toBeGreaterThan(10 * 60_000 - 5000);
    expect(timers.pending!.ms).toBeLessThanOrEqual(10 * 60_000);
    await r.stop();
    expect(timers.pending).toBeNull();
  });

  it('refreshes never overlap: a second tick while one runs joins it', async () => {
    const { r } = refresher(app);
    now += 3600_000;
    const before = requests.length;
    const a = r.tick();
    const b = r.tick();
    await Promise.all([a, b]);
    expect(requests.length - before).toBe(5);
  });

  it('a restart does not refetch blindly: it waits out the interval, then sends the validators', async () => {
    app.close();
    app = createApp({ dbPath, config, log: silent, clock });
    const { r, timers } = refresher(app);
    now += 5 * 60_000;
    r.start();
    expect(timers.pending!.ms).toBe(5 * 60_000); // slow-pad, due 10 min after the last round
    const before = padRequests().length;
    now += 55 * 60_000;
    await r.tick();
    const last = padRequests().at(-1)!;
    expect(padRequests().length).toBe(before + 1);
    expect(last.ifNoneMatch).toBe(etagOf(pad));
    expect((await say('!status')).join('\n')).toMatch(/source nova-indri-ptg \(.*\): ok, checked just now, last changed \d h ago/);
    await r.stop();
  });

  it('stop() during a slow request aborts it and writes nothing after', async () => {
    // The server never answers and the timeout is far off: only stop()'s abort can end the request.
    const { r } = refresher(app, new ManualTimers(), { timeoutMs: 600_000 });
    const pad: LiveSource = { url: `${base}/p/held-pad` };
    const arrived = once(held, 'request');
    const hungUp = once(held, 'hung-up');
    r.start();
    const slow = r.refresh(pad);
    await arrived;
    await r.stop();
    // The bound only keeps a failure from waiting for the timeout; the abort itself takes microseconds.
    const late = () => sleep(10_000, 'still waiting');
    expect(await Promise.race([slow, late()])).toBe('failed');
    expect(await Promise.race([hungUp.then(() => 'hung up'), late()])).toBe('hung up');
    expect(app.sourceState.get(pad.url)).toBeUndefined();
  });
});
