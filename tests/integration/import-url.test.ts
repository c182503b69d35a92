// `cyclebot import <url>` against a loopback server serving captured page shapes: an etherpad's
// text export, a HyperKitty message page, a pipermail message, a blog post; and sources refused.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempHome } from '../helpers/cli.ts';
import { cliAsync } from '../helpers/fake-releases.ts';

const FIXTURES = path.join(ROOT, 'tests/fixtures/sources');
const page = (f: string) => fs.readFileSync(path.join(FIXTURES, f), 'utf8');
const HK = '/archives/list/openstack-discuss@lists.openstack.org/message/3QX7ZDKUMJ5V2AOO5K7QZ3B2F4SMTL6A/';
const HK_THREAD = '/archives/list/openstack-discuss@lists.openstack.org/thread/3QX7ZDKUMJ5V2AOO5K7QZ3B2F4SMTL6A/';
const HK_LONE = '/archives/list/openstack-discuss@lists.openstack.org/thread/NOREPLIESHERE/';
const PIPER = '/pipermail/openstack-discuss/2026-October/071003.html';
const BLOG = '/2026/10/21/ironic-indri-ptg/';
const served: string[] = [];
let server: http.Server;
let base = '';
const home = tempHome();
const db = path.join(home, 'url.db');
const run = (...args: string[]) => cliAsync(['--db', db, ...args], home);

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = req.url ?? '';
    served.push(url);
    const send = (type: string, body: string) => res.writeHead(200, { 'content-type': type }).end(body);
    if (url === '/p/nova-indri-ptg/export/txt') return send('text/plain; charset=utf-8', page('etherpad-export.txt'));
    if (url === '/p/nova-indri-ptg') return send('text/html', '<html><body><div id="editorcontainer">the pad editor (JavaScript)</div></body></html>');
    if (url === HK) return send('text/html; charset=utf-8', page('hyperkitty-message.html'));
    if (url === HK_THREAD) return send('text/html; charset=utf-8', page('hyperkitty-message.html'));
    if (url === `${HK_THREAD}replies?sort=thread&offset=0`) return send('application/json', page('hyperkitty-replies.json'));
    if (url === HK_LONE) return send('text/html; charset=utf-8', page('hyperkitty-message.html')); // its replies: 404
    if (url === PIPER) return send('text/html', page('pipermail-message.html'));
    if (url === BLOG) return send('text/html; charset=UTF-8', page('blog-post.html'));
    if (url === '/to-file') return res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    if (url === '/huge') return send('text/plain', 'a'.repeat(6 * 1024 * 1024));
    res.writeHead(404).end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  fs.rmSync(home, { recursive: true, force: true });
});

async function hits(query: string): Promise<{ document: string; topic: string; decisions: string[] }[]> {
  const r = await run('ask', query, '--json');
  expect(r.status).toBe(0);
  return (JSON.parse(r.stdout) as { hits: { document: string; topic: string; decisions: string[] }[] }).hits;
}

describe('cyclebot import <url>', () => {
  it('an etherpad URL is read through its text export; project, cycle and id from the pad', async () => {
    const r = await run('import', `${base}/p/nova-indri-ptg`);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toMatch(/^imported nova-indri-ptg: nova 2027\.1 indri, etherpad(?: \([^)]*\))?, 3 topics, 4 decisions$/);
    expect(served).toContain('/p/nova-indri-ptg/export/txt');
    expect(served).not.toContain('/p/nova-indri-ptg');
    expect((await hits('vTPM live migration'))[0]).toMatchObject({ document: 'nova-indri-ptg', topic: 'Live migration with vTPM' });
  }, 60_000);

  it('a HyperKitty message: the mail body, not the archive chrome; id from the subject', async () => {
    const r = await run('import', `${base}${HK}`);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toMatch(/^imported nova-2027\.1-indri-ptg-summary: nova 2027\.1 indri, plain mail(?: \([^)]*\))?, 2 topics, \d decisions$/);
    const schemas = (await hits('OpenAPI schemas')).filter((h) => h.document === 'nova-2027.1-indri-ptg-summary');
    expect(schemas[0].decisions.join(' ')).toContain('finish the remaining schemas in Indri & publish the spec document');
    for (const chrome of ['Keyboard Shortcuts', 'Thread overview participants', 'Powered by HyperKitty']) {
      expect((await hits(chrome)).filter((h) => h.document === 'nova-2027.1-indri-ptg-summary')).toEqual([]);
    }
  }, 60_000);

  it("a HyperKitty thread: the first mail and its author's follow-ups, not others' replies nor quotes", async () => {
    const r = await run('import', `${base}${HK_THREAD}`, '--id', 'nova-indri-thread');
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toMatch(/^imported nova-indri-thread: nova 2027\.1 indri, plain mail(?: \([^)]*\))?, 3 topics, \d decisions$/);
    expect(served).toContain(`${HK_THREAD}replies?sort=thread&offset=0`);
    const ours = async (q: string) => (await hits(q)).filter((h) => h.document === 'nova-indri-thread');
    // The follow-up by the summary's author is part of the summary…
    expect((await ours('placement allocation candidates'))[0]).toMatchObject({ topic: 'Placement allocation candidates' });
    expect((await ours('placement allocation candidates'))[0].decisions.join(' ')).toContain('cap the candidates at 1000');
    // …another person's reply is not, and neither is quoted text.
    expect(await ours('supernova')).toEqual([]);
    expect((await ours('OpenAPI schemas')).filter((h) => h.topic === 'OpenAPI schemas')).toHaveLength(1);
  }, 60_000);

  it('a HyperKitty thread whose replies the archive does not serve: the first mail, and one line saying so', async () => {
    const r = await run('import', `${base}${HK_LONE}`, '--id', 'nova-indri-lone');
    expect(r.stderr).toMatch(/^note: only the first message of the thread was imported: its replies could not be read \(.*\(404\)\)\n$/);
    expect(r.stdout.trim()).toMatch(/^imported nova-indri-lone: .*, 2 topics, \d decisions$/);
  }, 60_000);

  it('a pipermail message: its <pre> body and subject; --id and --cycle as given', async () => {
    const r = await run('import', `${base}${PIPER}`, '--id', 'cinder-indri', '--cycle', 'indri');
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toMatch(/^imported cinder-indri: cinder 2027\.1 indri, plain mail.*, 2 topics, 3 decisions$/);
    expect((await hits('LUKS1 deprecate'))[0]).toMatchObject({ document: 'cinder-indri', topic: 'Volume encryption <LUKS2>' });
  }, 60_000);

  it('any other page is read as HTML; the id from its path', async () => {
    const r = await run('import', `${base}${BLOG}`);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toMatch(/^imported ironic-indri-ptg: ironic 2027\.1 indri, html(?: \([^)]*\))?, 2 topics, 2 decisions$/);
  }, 60_000);

  it('refused sources: one line, exit 1, nothing stored', async () => {
    const cases: [string, RegExp][] = [
      [`${base}/to-file`, /^cyclebot: cannot import .*\/to-file: refused a redirect from 127\.0\.0\.1:\d+ to a file:\/\/ URL\n$/],
      [`${base}/huge`, /^cyclebot: cannot import .*\/huge: 127\.0\.0\.1:\d+\/huge is over the 5 MB limit; not read\n$/],
      [`${base}/p/no-such-pad`, /^cyclebot: cannot import .*: 127\.0\.0\.1:\d+\/p\/no-such-pad\/export\/txt does not exist \(404\)\n$/],
    ];
    for (const [url, line] of cases) {
      const r = await run('import', url);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(line);
    }
  }, 60_000);
});
