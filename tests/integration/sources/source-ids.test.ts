// Which document a live source writes, against a loopback server: two mails with one subject (the
// second fails instead of overwriting the first), a source whose URL changed in the config (its
// old document goes at the next start), a source whose id changed, a document imported by hand
// that no removed source takes with it, and a new URL that writes the same id (handed over).
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp, VERSION, type App } from '../../../src/app.ts';
import { validateConfig, type Config } from '../../../src/config.ts';
import { renderPlain } from '../../../src/core/formatting.ts';
import { importText } from '../../../src/ptg/importer.ts';
import { SourceRefresher, type LiveSource } from '../../../src/sources/refresher.ts';
import { sourceHttpOptions } from '../../../src/sources/settings.ts';
import { ROOT, tempHome } from '../../helpers/cli.ts';
import { roomMsg } from '../../helpers/messages.ts';

const PAD = fs.readFileSync(path.join(ROOT, 'tests/fixtures/sources/etherpad-export.txt'), 'utf8');
const MAIL = fs.readFileSync(path.join(ROOT, 'tests/fixtures/sources/pipermail-message.html'), 'utf8');
/** The same subject, another body: had it overwritten the first, "LUKS1" would be gone. */
const MAIL_2 = MAIL.replace('AGREED: deprecate LUKS1 volume types in Indri.', 'AGREED: keep LUKS1 volume types until Juniper.');

let server: http.Server;
let base = '';
let other = '';
let app: App;
let config: Config;
const home = tempHome();
const silent = pino({ level: 'silent' });
let now = Date.parse('2026-12-04T10:00:00Z');
const clock = () => new Date(now);
const logged: string[] = [];
const log = { info: (_o: object, m: string) => logged.push(m), warn: () => undefined, error: () => undefined };

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = req.url ?? '';
    const pad = /^\/p\/([\w-]+)\/export\/txt$/.exec(url);
    if (pad && req.headers['if-none-match'] === `"${pad[1]}"`) return res.writeHead(304).end();
    if (pad) return res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', etag: `"${pad[1]}"` }).end(PAD);
    if (url === '/pipermail/openstack-discuss/2026-October/071003.html') return res.writeHead(200, { 'content-type': 'text/html' }).end(MAIL);
    if (url === '/pipermail/openstack-discuss/2026-October/071004.html') return res.writeHead(200, { 'content-type': 'text/html' }).end(MAIL_2);
    res.writeHead(404).end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  // The same server under another name: another URL that derives the same pad id.
  other = `http://localhost:${port}`;
});
afterAll(async () => {
  app?.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  fs.rmSync(home, { recursive: true, force: true });
});

let n = 0;
beforeEach(() => {
  app?.close();
  logged.length = 0;
  app = open([]);
});

/** The app on a fresh database for each test, with `sources` as ptg.sources. */
function open(sources: unknown[], dbPath = path.join(home, `ids-${++n}.db`)): App {
  config = validateConfig(
    { rateLimit: { burst: 1000, refillSeconds: 1 }, launchpad: { retries: 0, timeoutSeconds: 2 }, ptg: { bundled: false, sources } },
    'test',
    {},
  );
  return createApp({ dbPath, config, log: silent, clock });
}

/** What `cyclebot run` does at start with this config: forget unconfigured sources, refresh what is due. */
async function run(sources: LiveSource[]): Promise<void> {
  const r = new SourceRefresher({ sources, everyMs: 3600_000, ptg: app.repo, state: app.sourceState, http: sourceHttpOptions(config, VERSION), log, clock });
  r.start();
  await r.tick();
  await r.stop();
  now += 3600_000;
}
const src = (...sources: unknown[]) => validateConfig({ ptg: { sources } }, 'test', {}).ptg.sources;
const docs = () => app.repo.documents().map((d) => d.id);

async function status(): Promise<string[]> {
  const r = await app.router.handle(roomMsg('!status', { key: 'irc:alice', display: 'alice', account: 'alice' }, { room: '#openstack-nova' }));
  return r.kind === 'ignored' ? [] : r.replies.flatMap((x) => x.lines.map(renderPlain)).filter((l) => l.startsWith('source '));
}

describe('the document a live source writes', () => {
  it('two mails with one subject: the second fails in !status and leaves the first document alone', async () => {
    const [first, second] = [`${base}/pipermail/openstack-discuss/2026-October/071003.html`, `${base}/pipermail/openstack-discuss/2026-October/071004.html`];
    app.close();
    app = open([first, second]);
    await run(config.ptg.sources);
    expect(docs()).toEqual(['cinder-2027.1-indri-ptg-summary']);
    expect(app.repo.topicsOfDocument('cinder-2027.1-indri-ptg-summary').flatMap((t) => t.decisions)).toContain('deprecate LUKS1 volume types in Indri.');
    const lines = await status();
    expect(lines[1]).toContain(
      `FAILING since 1 h ago: its document id "cinder-2027.1-indri-ptg-summary" is already written by ${first}; give one of them its own id: in ptg.sources`,
    );
  });

  it('a source whose URL changed: its old document goes at the next start, the new one comes', async () => {
    await run(src(`${base}/p/nova-indri-ptg`));
    expect(docs()).toEqual(['nova-indri-ptg']);
    await run(src(`${base}/p/nova-indri-ptg-2`));
    expect(docs()).toEqual(['nova-indri-ptg-2']);
    expect(app.sourceState.all().map((s) => s.key)).toEqual([`${base}/p/nova-indri-ptg-2`]);
    expect(logged).toContain('live source no longer in ptg.sources; its document removed');
    // Every source removed: the last document goes too.
    await run([]);
    expect(docs()).toEqual([]);
  });

  it('a source whose id: changed writes the new id and drops the old one, without a 304 in between', async () => {
    await run(src({ url: `${base}/p/nova-indri-ptg`, id: 'nova-ptg' }));
    await run(src({ url: `${base}/p/nova-indri-ptg`, id: 'nova-ptg-indri' }));
    expect(docs()).toEqual(['nova-ptg-indri']);
  });

  it('never drops a document imported by hand, even one a removed source wrote before', async () => {
    importText(app.repo, PAD, 'nova-by-hand.txt', { id: 'nova-by-hand' });
    await run(src(`${base}/p/nova-indri-ptg`, `${base}/p/nova-by-hand`));
    expect(docs()).toEqual(['nova-by-hand', 'nova-indri-ptg']);
    // `cyclebot import` of the pad after the source wrote it: the document is the operator's now.
    importText(app.repo, `${PAD}\n#### Added by hand ####\n  * AGREED: keep this\n`, 'nova-indri-ptg.txt', { id: 'nova-indri-ptg' });
    await run([]);
    expect(docs()).toEqual(['nova-by-hand', 'nova-indri-ptg']);
    expect(app.sourceState.all()).toEqual([]);
  });

  it('a new URL that writes the same id takes the document over instead of dropping it', async () => {
    await run(src(`${base}/p/nova-indri-ptg`));
    const before = app.repo.document('nova-indri-ptg')!.imported_at;
    await run(src(`${other}/p/nova-indri-ptg`));
    expect(docs()).toEqual(['nova-indri-ptg']);
    expect(app.repo.document('nova-indri-ptg')!.imported_at).toBe(before);
    expect(app.sourceState.get(`${other}/p/nova-indri-ptg`)?.documentId).toBe('nova-indri-ptg');
    // Now the new source's own: removing it removes the document.
    importText(app.repo, PAD + '\n', 'x.txt', { id: 'unrelated' });
    await run([]);
    expect(docs()).toEqual(['unrelated']);
  });

  it('leaves the schedule sync state alone', async () => {
    app.sourceState.succeeded('schedule:http://127.0.0.1:1/releases', now, {});
    await run([]);
    expect(app.sourceState.all().map((s) => s.key)).toEqual(['schedule:http://127.0.0.1:1/releases']);
  });
});
