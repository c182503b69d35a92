// !ptg import <url> through the real router: chairs import a pad from a loopback server; others are refused.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { validateConfig } from '../../../src/config.ts';
import { renderPlain } from '../../../src/core/formatting.ts';
import { ROOT } from '../../helpers/cli.ts';
import { roomMsg } from '../../helpers/messages.ts';

const pad = fs.readFileSync(path.join(ROOT, 'tests/fixtures/sources/etherpad-export.txt'), 'utf8');
const config = validateConfig({ rateLimit: { burst: 1000, refillSeconds: 1 }, permissions: { chairs: ['irc:chair'] }, launchpad: { retries: 0 } }, 'test', {});
const app = createApp({ dbPath: ':memory:', config, log: pino({ level: 'silent' }) });
let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/p/nova-indri-ptg/export/txt') return res.writeHead(200, { 'content-type': 'text/plain' }).end(pad);
    if (req.url === '/p/mystery/export/txt') return res.writeHead(200, { 'content-type': 'text/plain' }).end('#### Something ####\n  * AGREED: a thing\n');
    if (req.url === '/to-ftp') return res.writeHead(301, { location: 'ftp://example.org/pad' }).end();
    res.writeHead(500).end('boom');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  app.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const alice = { key: 'irc:alice', display: 'alice', account: 'alice' };
const chair = { key: 'irc:chair', display: 'chair', account: 'chair' };
async function say(text: string, sender = alice): Promise<string[]> {
  const r = await app.router.handle(roomMsg(text, sender, { room: '#openstack-nova' }));
  return r.kind === 'ignored' ? [] : r.replies.flatMap((x) => x.lines.map(renderPlain));
}

describe('!ptg import', () => {
  it('is for chairs only', async () => {
    const reply = await say(`!ptg import ${base}/p/nova-indri-ptg`);
    expect(reply.join(' ')).toMatch(/for chairs only/);
    expect(app.repo.document('nova-indri-ptg')).toBeUndefined();
  });

  it('a chair imports a pad; the bot answers from it at once', async () => {
    expect(await say(`!ptg import ${base}/p/nova-indri-ptg`, chair)).toEqual(['imported nova-indri-ptg: nova 2027.1 indri, 3 topics, 4 decisions']);
    expect((await say('!ptg vTPM live migration')).join(' ')).toContain('Live migration with vTPM');
    expect(app.repo.document('nova-indri-ptg')?.source).toBe(`${base}/p/nova-indri-ptg/export/txt`);
  });

  it('project and cycle after the URL', async () => {
    expect(await say(`!ptg import ${base}/p/mystery cinder indri`, chair)).toEqual(['imported mystery: cinder 2027.1 indri, 1 topic, 1 decision']);
  });

  it('a source that cannot be read: one line why', async () => {
    const ftp = await say(`!ptg import ${base}/to-ftp`, chair);
    expect(ftp).toHaveLength(1);
    expect(ftp[0]).toMatch(/cannot import http:\/\/127\.0\.0\.1:\d+\/to-ftp: refused a redirect from 127\.0\.0\.1:\d+ to a ftp:\/\/ URL/);
    const down = await say(`!ptg import ${base}/down`, chair);
    expect(down).toHaveLength(1);
    expect(down[0]).toMatch(/is unavailable \(500\)/);
  });

  it('"import" followed by words is still a search', async () => {
    expect((await say('!ptg import plugin')).join(' ')).not.toMatch(/chairs only|cannot import/);
  });
});
