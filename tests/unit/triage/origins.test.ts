// Credentials stay with the configured Launchpad origin: links and redirects to another host
// (a second loopback port here) get no OAuth header, http is refused unless allowed for tests,
// and a redirect from https to http is never followed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config.ts';
import { Http, LaunchpadError, type FetchFn } from '../../../src/triage/http.ts';
import { LaunchpadClient } from '../../../src/triage/launchpad-client.ts';
import { FakeLaunchpad } from '../../helpers/fake-launchpad.ts';
import { rejection } from '../../helpers/rejection.ts';

const fake = new FakeLaunchpad();
// The other origin: records what reaches it; "/bounce" on it redirects back to the fake.
const elsewhere: { method: string; url: string; auth?: string }[] = [];
let other: http.Server;
let otherUrl = '';

beforeAll(async () => {
  await fake.start();
  other = http.createServer((req, res) => {
    elsewhere.push({ method: req.method!, url: req.url!, auth: req.headers.authorization });
    if (req.url!.startsWith('/away')) return res.writeHead(307, { location: `${otherUrl}/landed` }).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"entries":[],"total_size":0}');
  });
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
  otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});
afterAll(async () => {
  other.closeAllConnections();
  other.close();
  await fake.stop();
});
afterEach(() => {
  fake.reset();
  elsewhere.length = 0;
});

const credentials = { consumerKey: 'cyclebot', token: 'tok', tokenSecret: 'sek' };
const httpWith = (fetchFn: FetchFn = (u, i) => fetch(u, i)) => new Http({ fetch: fetchFn, userAgent: 'test', timeoutMs: 2000, retries: 0, maxRetryAfterMs: 0 });
const client = (over: Partial<ConstructorParameters<typeof LaunchpadClient>[0]> = {}) =>
  new LaunchpadClient({ http: httpWith(), baseUrl: fake.url, allowHttp: true, project: 'nova', pageSize: 3, maxPages: 4, credentials, ...over });

const failure = (p: Promise<unknown>) => rejection(p, LaunchpadError);

describe('Launchpad credentials and origins', () => {
  it('does not follow a next_collection_link to another host', async () => {
    fake.linkOrigin = otherUrl;
    const err = await failure(client().search({ statuses: ['New'], importances: [] }, 20));
    expect(err.userMessage).toBe(`refusing a Launchpad link to another host (${otherUrl})`);
    expect(elsewhere).toEqual([]);
  });

  it('sends a write to a self_link on another host nowhere, with or without its OAuth header', async () => {
    const c = client();
    const selfLink = `${otherUrl}/devel/nova/+bug/2106001`; // as a crafted task entry would name it
    expect((await failure(c.patch(selfLink, { status: 'Triaged' }, 'the task'))).userMessage).toBe(`refusing a Launchpad link to another host (${otherUrl})`);
    expect((await failure(c.post(`${otherUrl}/devel/bugs/1`, { 'ws.op': 'newMessage', content: 'x' }, 'a comment'))).kind).toBe('http');
    expect(elsewhere).toEqual([]);
  });

  it('drops the OAuth header when a redirect leaves the origin, keeps it within', async () => {
    const h = httpWith();
    await h.request(`${otherUrl}/away`, { what: 'x', method: 'POST', body: 'a=1', headers: { Authorization: 'OAuth secret' } });
    expect(elsewhere.map((r) => [r.method, r.url, r.auth])).toEqual([
      ['POST', '/away', 'OAuth secret'],
      ['POST', '/landed', 'OAuth secret'], // same origin: 307 keeps method, body and header
    ]);
    elsewhere.length = 0;
    const seen: { url: string; auth?: string }[] = [];
    const spy: FetchFn = async (u, i) => {
      seen.push({ url: u, auth: (i?.headers as Record<string, string>).Authorization });
      if (u.startsWith(fake.url)) return new Response(null, { status: 303, headers: { location: `${otherUrl}/other-origin` } });
      return fetch(u, i);
    };
    await httpWith(spy).request(`${fake.url}/devel/bugs/1`, { what: 'x', method: 'PATCH', body: '{}', headers: { Authorization: 'OAuth secret' } });
    expect(seen).toEqual([
      { url: `${fake.url}/devel/bugs/1`, auth: 'OAuth secret' },
      { url: `${otherUrl}/other-origin`, auth: undefined },
    ]);
    expect(elsewhere.map((r) => [r.method, r.auth])).toEqual([['GET', undefined]]); // 303: a GET, without the token
  });

  it('refuses a redirect from https to http', async () => {
    const spy: FetchFn = async (u, i) =>
      u.startsWith('https:') ? new Response(null, { status: 301, headers: { location: `${otherUrl}/plain` } }) : fetch(u, i);
    const err = await failure(httpWith(spy).request('https://api.launchpad.test/devel/bugs/1', { what: 'bug 1', headers: { Authorization: 'OAuth secret' } }));
    expect(err.userMessage).toBe(`refused a redirect of bug 1 from https:// to http:// (${otherUrl})`);
    expect(elsewhere).toEqual([]);
  });

  it('refuses http Launchpad origins unless allowed for a test server', () => {
    expect(() => client({ allowHttp: false })).toThrow(/only https is allowed/);
    expect(() => validateConfig({ launchpad: { url: 'http://api.launchpad.net' } }, 'cyclebot.yaml', {})).toThrow(/launchpad\.url: must be https:\/\//);
    expect(() => validateConfig({ launchpad: { webUrl: 'http://launchpad.net' } }, 'cyclebot.yaml', {})).toThrow(/launchpad\.webUrl: must be https/);
    expect(validateConfig({ launchpad: { url: fake.url, webUrl: fake.url, allowHttp: true } }, 'test', {}).launchpad.url).toBe(fake.url);
  });
});
