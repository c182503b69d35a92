// The Launchpad client against the loopback fake: paging, totals, orders, retries, errors, ETags.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../../src/store/db.ts';
import { TriageRepo } from '../../../src/triage/repo.ts';
import { Http, LaunchpadError, parseRetryAfter, type FetchFn } from '../../../src/triage/http.ts';
import { LaunchpadClient, parseTask, type ClientOptions } from '../../../src/triage/launchpad-client.ts';
import { accessToken, requestToken } from '../../../src/triage/oauth.ts';
import { FakeLaunchpad } from '../../helpers/fake-launchpad.ts';
import { rejection } from '../../helpers/rejection.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/launchpad');
const NEW = { statuses: ['New'], importances: [] };
const NEWEST_IDS = [2106001, 2105950, 2105896, 2104000, 2103000, 2100001, 2050000, 1990000];

const fake = new FakeLaunchpad();
beforeAll(() => fake.start());
afterAll(() => fake.stop());
afterEach(() => {
  fake.reset();
});

function make(over: Partial<ClientOptions> = {}, httpOver: Partial<ConstructorParameters<typeof Http>[0]> = {}) {
  const sleeps: number[] = [];
  const http = new Http({
    fetch: (u, i) => fetch(u, i),
    userAgent: 'cyclebot/0.1.0 (+https://opendev.org/openstack/cyclebot)',
    timeoutMs: 2000,
    retries: 2,
    maxRetryAfterMs: 30_000,
    sleep: async (ms) => void sleeps.push(ms),
    ...httpOver,
  });
  const repo = new TriageRepo(openDb(':memory:'));
  const client = new LaunchpadClient({
    http,
    baseUrl: fake.url,
    allowHttp: true,
    project: 'nova',
    pageSize: 300,
    maxPages: 4,
    cache: repo,
    cacheMs: 0,
    ...over,
  });
  return { client, http, sleeps, repo };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

const failure = (p: Promise<unknown>) => rejection(p, LaunchpadError);

describe('searchTasks', () => {
  it('reads Nova untriaged newest first in one 300-entry page with the total inline', async () => {
    const { client } = make();
    const r = await client.search({ ...NEW, order: 'newest' });
    expect(r.tasks.map((t) => t.id)).toEqual(NEWEST_IDS);
    expect(r).toMatchObject({ total: 9, complete: true, requests: 1 });
    expect(r.tasks[2]).toEqual({
      id: 2105896,
      title: 'Security group name conflict when booting with two groups of the same name',
      status: 'New',
      importance: 'Undecided',
      created: '2025-06-05T09:12:33.123456+00:00',
      webLink: 'https://bugs.launchpad.net/nova/+bug/2105896',
      taskLink: 'https://api.launchpad.net/devel/nova/+bug/2105896',
      bugLink: 'https://api.launchpad.net/devel/bugs/2105896',
      assigneeLink: null,
    });
    const [req] = fake.requests;
    expect(req.path).toBe('/devel/nova');
    expect(req.query.toString()).toBe('ws.op=searchTasks&status=New&order_by=-datecreated&ws.size=300');
    expect(req.headers['user-agent']).toBe('cyclebot/0.1.0 (+https://opendev.org/openstack/cyclebot)');
  });

  it('follows next_collection_link verbatim through short pages, rewriting only the origin', async () => {
    const { client } = make({ pageSize: 3 });
    const r = await client.search({ ...NEW, order: 'newest' });
    expect(r.tasks.map((t) => t.id)).toEqual(NEWEST_IDS);
    expect(r.total).toBe(9); // the server's count, not the 8 entries read
    expect(r.complete).toBe(true);
    expect(fake.requests.map((q) => q.query.toString())).toEqual([
      'ws.op=searchTasks&status=New&order_by=-datecreated&ws.size=3',
      'ws.op=searchTasks&status=New&order_by=-datecreated&ws.size=3&memo=3&ws.start=3',
      'ws.op=searchTasks&status=New&order_by=-datecreated&ws.size=3&memo=6&ws.start=6',
    ]);
  });

  it('stops at the limit and asks total_size_link for the true total (a bare integer)', async () => {
    const { client } = make();
    const r = await client.search({ ...NEW, order: 'newest' }, 2);
    // ws.size=2: the first page lost a hidden bug (1 entry), so a second page was needed
    expect(r.tasks.map((t) => t.id)).toEqual([2106001, 2105950]);
    expect(r).toMatchObject({ total: 9, complete: false, requests: 3 });
    expect(fake.requests.map((q) => q.query.get('ws.show') ?? q.query.get('ws.start') ?? 'first')).toEqual(['first', '2', 'total_size']);
  });

  it('stops after maxPages and still reports the true total', async () => {
    const { client } = make({ pageSize: 2, maxPages: 2 });
    const r = await client.search({ ...NEW, order: 'oldest' });
    expect(r.tasks.map((t) => t.id)).toEqual([1990000, 2050000, 2100001, 2103000]);
    expect(r).toMatchObject({ total: 9, complete: false, requests: 3 });
  });

  it('finds the oldest task with one small request, following a page emptied by privacy filtering', async () => {
    const { client } = make();
    expect((await client.first({ ...NEW, order: 'oldest' }))?.id).toBe(1990000);
    expect(fake.requests.map((q) => q.query.toString())).toEqual(['ws.op=searchTasks&status=New&order_by=datecreated&ws.size=1']);
    fake.resetStats();
    expect((await client.first({ ...NEW, order: 'newest' }))?.id).toBe(2106001);
    fake.bug(2106001).dropAfterBatch = true; // the newest is now hidden after batching: page 1 is empty
    expect((await client.first({ ...NEW, order: 'newest' }))?.id).toBe(2105950);
    fake.bug(2106001).dropAfterBatch = false;
    expect(fake.requests.slice(1).map((q) => q.query.get('ws.start') ?? '0')).toEqual(['0', '1', '2']);
  });

  it('orders most-voted by users affected, then heat, then newest', async () => {
    const { client } = make();
    const r = await client.search({ ...NEW, order: 'most-voted' });
    expect(fake.requests[0].query.getAll('order_by')).toEqual(['-users_affected_count', '-heat', '-datecreated']);
    expect(r.tasks.map((t) => t.id)).toEqual([2050000, 2104000, 2105896, 2100001, 2103000, 2105950, 2106001, 1990000]);
  });

  it('counts with ws.show=total_size, including the half-triaged queue', async () => {
    const { client } = make();
    expect(await client.count(NEW)).toBe(9);
    expect(await client.count({ statuses: ['Confirmed'], importances: ['Undecided'] })).toBe(2);
    expect(fake.requests.map((q) => q.query.toString())).toEqual([
      'ws.op=searchTasks&status=New&ws.show=total_size',
      'ws.op=searchTasks&status=Confirmed&importance=Undecided&ws.show=total_size',
    ]);
  });

  it('never asks for more than 300 per page', async () => {
    const { client } = make({ pageSize: 1000 });
    await client.search(NEW);
    expect(fake.requests[0].query.get('ws.size')).toBe('300');
  });

  it("reports a 400 in one line with Launchpad's reason (unknown order_by, ws.size > 300)", async () => {
    const { client, http } = make();
    const e1 = await failure(http.request(`${client.apiRoot}/nova?ws.op=searchTasks&order_by=-votes`, { what: 'searchTasks' }));
    expect(e1.userMessage).toBe("Launchpad refused the request (400 Bad Request) for searchTasks: Unrecognized order_by: '-votes'");
    const e2 = await failure(http.request(`${client.apiRoot}/nova?ws.op=searchTasks&ws.size=301`, { what: 'searchTasks' }));
    expect(e2.userMessage).toBe('Launchpad refused the request (400 Bad Request) for searchTasks: Maximum for "ws.size" parameter is 300.');
    expect(fake.stats().requests).toBe(2); // a 4xx is not retried
  });

  it('reads the real 1.0 page (total inline although more pages follow) and the real empty page', async () => {
    const pages = [
      fs.readFileSync(path.join(FIXTURES, 'collection.1.0.getPublishedSources.breezy-test_lp_api_lite.json'), 'utf8'),
      fs.readFileSync(path.join(FIXTURES, 'collection.1.0.empty.breezy-test_lp_api_lite.json'), 'utf8'),
    ];
    const urls: string[] = [];
    const stub: FetchFn = async (u) => {
      urls.push(u);
      return new Response(pages[urls.length - 1], { status: 200 });
    };
    const { client } = make({ baseUrl: 'https://lp.example' }, { fetch: stub });
    const r = await client.search(NEW);
    expect(r).toMatchObject({ total: 2, tasks: [], complete: true, requests: 2 });
    expect(urls[1]).toBe(
      'https://lp.example/1.0/ubuntu/+archive/primary?distro_series=%2Fubuntu%2Flucid&exact_match=true&source_name=%22bzr%22&status=Published&ws.op=getPublishedSources&ws.start=1&ws.size=1',
    );
  });

  it('parses the real devel bug_task sample', () => {
    const sample = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'bug_task.stackalytics-test_bps.json'), 'utf8'));
    expect(parseTask(sample)).toEqual({
      id: 1458945,
      title: 'Use graduated oslo.policy',
      status: 'Fix Released',
      importance: 'Medium',
      created: '2015-06-02T13:35:54.101235+00:00',
      webLink: 'https://bugs.launchpad.net/sahara/+bug/1458945',
      taskLink: 'https://api.launchpad.net/devel/sahara/+bug/1458945',
      bugLink: 'https://api.launchpad.net/devel/bugs/1458945',
      assigneeLink: 'https://api.launchpad.net/devel/~slukjanov',
    });
    expect(parseTask({ title: 'no links' })).toBeNull();
  });
});

describe('retries and faults', () => {
  it('honours 503 Retry-After within the cap, then succeeds', async () => {
    fake.fault({ match: /searchTasks/, times: 1, status: 503, headers: { 'Retry-After': '2', 'X-Lazr-OopsId': 'OOPS-1' } });
    const { client, sleeps } = make();
    expect(await client.count(NEW)).toBe(9);
    expect(sleeps).toEqual([2000]);
    expect(fake.stats().requests).toBe(2);
  });

  it('gives up at once when Retry-After is longer than the cap (900 s as Launchpad sends)', async () => {
    fake.fault({ times: 1, status: 503, headers: { 'Retry-After': '900' } });
    const { client, sleeps } = make();
    const e = await failure(client.count(NEW));
    expect(e.userMessage).toBe('Launchpad is unavailable (503) and asks to wait 15 min; try again later');
    expect(e.transient).toBe(true);
    expect(sleeps).toEqual([]);
    expect(fake.stats().requests).toBe(1);
  });

  it('backs off exponentially on 5xx and stops after the bounded retries', async () => {
    fake.fault({ times: 5, status: 502, headers: { 'X-Lazr-OopsId': 'OOPS-7' } });
    const { client, sleeps } = make();
    const e = await failure(client.count(NEW));
    expect(e.userMessage).toBe('Launchpad is unavailable (502) for searchTasks total (OOPS OOPS-7)');
    expect(sleeps).toEqual([500, 1000]);
    expect(fake.stats().requests).toBe(3);
  });

  it('times out a request that never answers, without retrying it; retries a reset connection', async () => {
    fake.fault({ times: 1, mode: 'hang' });
    const { client, sleeps } = make({}, { timeoutMs: 150, retries: 2 });
    const e = await failure(client.count(NEW));
    expect(e.kind).toBe('timeout');
    expect(e.userMessage).toBe('Launchpad did not answer within 150 ms (searchTasks total)');
    expect(fake.stats().requests).toBe(1);
    fake.fault({ times: 1, mode: 'reset' });
    expect(await client.count(NEW)).toBe(9);
    expect(sleeps).toEqual([500]);
    expect(fake.stats().requests).toBe(3);
  });

  it('says plainly when Launchpad cannot be reached', async () => {
    const { client } = make({ baseUrl: `http://127.0.0.1:${await closedPort()}` }, { retries: 0 });
    const e = await failure(client.count(NEW));
    expect(e.kind).toBe('network');
    expect(e.userMessage).toMatch(/^cannot reach Launchpad \(ECONNREFUSED\) \(searchTasks total\)$/);
  });

  it('does not retry a POST that timed out (it may have been applied)', async () => {
    fake.fault({ method: 'POST', times: 1, mode: 'hang' });
    const { http } = make({}, { timeoutMs: 150 });
    const e = await failure(http.request(`${fake.url}/devel/bugs/2105896`, { method: 'POST', what: 'a comment', body: 'ws.op=newMessage' }));
    expect(e.kind).toBe('timeout');
    expect(fake.stats().requests).toBe(1);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2025-06-10T16:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Tue, 10 Jun 2025 16:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

describe('bug entries', () => {
  it('fetches tags, heat, users affected and messages; 404 for a bug an anonymous client may not see', async () => {
    const { client } = make();
    expect(await client.bug(2104000)).toEqual({
      id: 2104000,
      title: 'Resize to same host ignores flavor extra specs',
      tags: ['resize'],
      heat: 30,
      usersAffected: 7,
      messageCount: 9,
      description: 'Flamingo devstack. Resize keeps the old extra specs.',
      hasPatch: true,
      duplicateOf: null,
      informationType: 'Public',
    });
    const e = await failure(client.bug(2106100));
    expect(e).toMatchObject({ kind: 'not-found', userMessage: 'Launchpad has no bug 2106100 (404), or it is private' });
  });

  it('revalidates with If-None-Match (304, no body) and skips Launchpad while the cache is fresh', async () => {
    let t = 1_000_000;
    const { client, repo } = make({ cacheMs: 60_000, now: () => t });
    const first = await client.bug(2105896);
    expect(fake.requests[0]).toMatchObject({ status: 200 });
    t += 30_000;
    expect(await client.bug(2105896)).toEqual(first);
    expect(fake.stats().requests).toBe(1); // fresh: no request
    t += 60_000;
    expect(await client.bug(2105896)).toEqual(first);
    expect(fake.requests[1]).toMatchObject({ status: 304, bytes: 0 });
    expect(fake.requests[1].headers['if-none-match']).toBe('"2105896-0"');
    expect(repo.getBug(2105896)?.fetchedAt).toBe(t);
    fake.bug(2105896).tags = ['network', 'neutron'];
    fake.bug(2105896).version = 1;
    t += 61_000;
    expect((await client.bug(2105896)).tags).toEqual(['network', 'neutron']);
    expect(fake.requests[2]).toMatchObject({ status: 200 });
    fake.bug(2105896).tags = ['network'];
    fake.bug(2105896).version = 0;
  });
});

describe('OAuth token dance and signed writes', () => {
  it('gets a request token, waits for approval (401), exchanges it, and PATCHes with PLAINTEXT (209)', async () => {
    fake.approveAfterPolls = 1;
    const { http } = make();
    const req = await requestToken(http, fake.url, 'cyclebot');
    expect(req.authorizeUrl).toBe(`${fake.url}/+authorize-token?oauth_token=${req.token}&allow_permission=WRITE_PUBLIC`);
    expect(new URLSearchParams(fake.requests[0].body).get('oauth_signature')).toBe('&');
    expect(await accessToken(http, fake.url, 'cyclebot', req)).toBeNull(); // not yet reviewed
    const creds = await accessToken(http, fake.url, 'cyclebot', req);
    expect(creds).toMatchObject({ consumerKey: 'cyclebot', token: expect.stringMatching(/^acc\d+$/), tokenSecret: expect.stringMatching(/^accsecret\d+$/) });
    const { client } = make({ credentials: creds! });
    await client.patch(`https://api.launchpad.net/devel/nova/+bug/2105950`, { status: 'Confirmed', importance: 'Low' }, 'the task of bug 2105950');
    expect(fake.requests.at(-1)).toMatchObject({ method: 'PATCH', path: '/devel/nova/+bug/2105950', status: 209 });
    expect(fake.bug(2105950)).toMatchObject({ status: 'Confirmed', importance: 'Low' });
    fake.bug(2105950).status = 'New';
    fake.bug(2105950).importance = 'Undecided';
    const bad = make({ credentials: { ...creds!, tokenSecret: 'wrong' } }).client;
    const e = await failure(bad.patch(`${fake.url}/devel/nova/+bug/2105950`, { status: 'Invalid' }, 'the task of bug 2105950'));
    expect(e).toMatchObject({ kind: 'unauthorized', userMessage: 'Launchpad answered 401 Unauthorized for the task of bug 2105950: Unknown access token.' });
  });
});
