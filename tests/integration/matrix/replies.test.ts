// Commands in a configured room → m.notice replies, through the real router and the fake homeserver.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderPlain } from '../../../src/core/formatting.ts';
import { renderHtml } from '../../../src/render/html.ts';
import { startFakeHomeserver, type FakeHomeserver } from '../../helpers/fake-homeserver.ts';
import { problems, startBot, type Running } from './harness.ts';

const ROOM = '!nova:test';

describe('matrix replies', () => {
  let fake: FakeHomeserver;
  let run: Running;

  beforeEach(async () => {
    fake = await startFakeHomeserver();
    fake.addRoom(ROOM, { alias: '#nova:test', members: { '@gibi:test': 'gibi', '@alice:test': 'Alice <A>' }, powerLevels: { users: {}, users_default: 0 } });
    run = await startBot(fake);
  });

  afterEach(async () => {
    await run?.stop();
    await fake.close();
  });

  it('answers !ptg eventlet with one m.notice reply in HTML, pointing at the asking event', async () => {
    const t0 = performance.now();
    const ask = fake.say(ROOM, '@gibi:test', '!ptg eventlet');
    const [reply] = await fake.waitForSends(1);
    const latency = performance.now() - t0;
    await run.bot.idle();

    expect(fake.sent).toHaveLength(1);
    expect(reply.roomId).toBe(ROOM);
    expect(reply.type).toBe('m.room.message');
    const c = reply.content;
    expect(c.msgtype).toBe('m.notice');
    expect(c.body).toContain('Eventlet removal');
    expect(c.body).not.toContain('<b>');
    expect(c.format).toBe('org.matrix.custom.html');
    expect(c.formatted_body).toMatch(/<b>[^<]*Eventlet removal[^<]*<\/b>/);
    // Exactly the router's answer, rendered: plain lines joined by \n, HTML lines by <br>.
    const routed = await run.app.router.handle({
      transport: 'matrix',
      room: ROOM,
      isPrivate: false,
      addressed: false,
      text: '!ptg eventlet',
      sender: { key: 'matrix:@probe:test', display: 'probe' },
    });
    expect(routed.kind).toBe('ok');
    const lines = routed.kind === 'ok' ? routed.replies[0].lines : [];
    expect(c.body).toBe(lines.map(renderPlain).join('\n'));
    expect(c.formatted_body).toBe(lines.map(renderHtml).join('<br>'));
    expect(c['m.relates_to']).toEqual({ 'm.in_reply_to': { event_id: ask.event_id } });
    // No quoted fallback, and only the asker is mentioned.
    expect(c.body).not.toMatch(/^> /);
    expect(c['m.mentions']).toEqual({ user_ids: ['@gibi:test'] });
    // The bot's own reply comes back through /sync and is not answered.
    expect(reply.txnId).toMatch(/^cyclebot\./);
    expect(problems(run.logs)).toEqual([]);
    expect(run.transport.userId).toBe('@bot:test');
    expect(run.transport.lastSyncAt).toBeGreaterThan(0);
    expect(run.transport.queueLength).toBe(0);
    // The last sync is recent: a bound, not 0 (a busy machine crosses a second boundary).
    const health = run.transport.health();
    expect(health).toEqual({ state: 'running', userId: '@bot:test', rooms: 1, lastSyncAgoS: expect.any(Number), queue: 0 });
    expect(health.lastSyncAgoS).toBeGreaterThanOrEqual(0);
    expect(health.lastSyncAgoS).toBeLessThanOrEqual(30);
    // Warm: display name and power levels are cached now.
    const t1 = performance.now();
    fake.say(ROOM, '@gibi:test', '!ptg eventlet');
    await fake.waitForSends(2);
    const warm = performance.now() - t1;
    console.info(`matrix: start ${run.startMs.toFixed(1)} ms, !ptg eventlet → reply ${latency.toFixed(1)} ms cold, ${warm.toFixed(1)} ms warm`);
  });

  it('escapes user text in formatted_body', async () => {
    const evil = `<script>alert(1)</script> & "quotes" 'single'`;
    fake.say(ROOM, '@alice:test', `!ptg ${evil}`);
    const [reply] = await fake.waitForSends(1);
    const html = reply.content.formatted_body as string;
    expect(reply.content.body).toContain('nothing found for "<script>alert(1)</script> & "quotes" \'single\'"');
    expect(html).toContain('nothing found for &quot;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;single&#39;&quot;');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/"quotes"/);
  });

  it('says "too long" to a 5,000-character message', async () => {
    fake.say(ROOM, '@gibi:test', `!ptg ${'nova '.repeat(1000)}`);
    const [tooLong] = await fake.waitForSends(1);
    await run.bot.idle();
    expect(fake.sent).toHaveLength(1);
    expect(tooLong.content.body).toBe('that message is too long (5003 characters; !ptg takes at most 500)');
    expect(tooLong.roomId).toBe(ROOM);
  });

  it('answers a refusal to the asker in the room: an m.notice reply mentioning them, no direct chat', async () => {
    const ask = fake.say(ROOM, '@gibi:test', '!triage confirm bogus');
    const [refusal] = await fake.waitForSends(1);
    await run.bot.idle();
    expect(fake.sent).toHaveLength(1);
    expect(refusal.roomId).toBe(ROOM);
    expect(refusal.content.msgtype).toBe('m.notice');
    expect(refusal.content.body).toBe('!triage confirm is for chairs only (you are not recognised as one).');
    expect(refusal.content['m.relates_to']).toEqual({ 'm.in_reply_to': { event_id: ask.event_id } });
    expect(refusal.content['m.mentions']).toEqual({ user_ids: ['@gibi:test'] });
  });

  it('survives malformed content and keeps answering', async () => {
    fake.say(ROOM, '@alice:test', '', { content: { msgtype: 'm.text' } }); // no body
    fake.say(ROOM, '@alice:test', '', { content: { msgtype: 'm.text', body: 42 } });
    fake.say(ROOM, '@alice:test', '', { content: { msgtype: 'm.text', body: { nested: '!ptg eventlet' } } });
    fake.say(ROOM, '@alice:test', '', { content: { msgtype: 'm.text', body: ['!ptg', 'eventlet'] } });
    fake.say(ROOM, '@alice:test', '', { content: null });
    fake.say(ROOM, '@alice:test', '', { content: 'just a string' });
    fake.say(ROOM, '@alice:test', '', { content: { body: '!ptg eventlet' } }); // no msgtype
    fake.say(ROOM, '@alice:test', '!ptg eventlet', { ts: Number.NaN });
    const odd = fake.say(ROOM, '@alice:test', '!ptg eventlet', { extra: { 'm.relates_to': 'not an object' } });
    const sentinel = fake.say(ROOM, '@gibi:test', '!status');
    await fake.waitForSends(2);
    await run.bot.idle();
    // Only the last two are commands (a non-object m.relates_to is neither an edit nor a reply).
    const repliesTo = (s: (typeof fake.sent)[number]) => (s.content['m.relates_to'] as { 'm.in_reply_to': { event_id: string } })['m.in_reply_to'].event_id;
    expect(fake.sent.map(repliesTo).sort()).toEqual([odd.event_id, sentinel.event_id].sort());
    const status = fake.sent.find((s) => repliesTo(s) === sentinel.event_id)!;
    expect(status.content.body).toMatch(/^cyclebot \d+\.\d+\.\d+, up \d+ min/);
    expect(problems(run.logs)).toEqual([]);
  });

  it('retries a 429 after retry_after_ms with the same txnId and posts once', async () => {
    fake.rateLimitNextSends(1, 200);
    fake.say(ROOM, '@gibi:test', '!ptg eventlet');
    await fake.waitForSends(1);
    await run.bot.idle();
    const puts = fake.requests.filter((r) => r.method === 'PUT' && r.path.includes('/send/m.room.message/'));
    expect(puts.map((p) => p.status)).toEqual([429, 200]);
    expect(puts[0].path).toBe(puts[1].path); // same txnId
    expect(puts[1].at - puts[0].at).toBeGreaterThanOrEqual(200); // the wait itself: send-queue.test.ts
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0].txnId).toBe(decodeURIComponent(puts[0].path.split('/').pop()!));
    const retryLog = run.logs.find((l) => l.msg === 'send failed; retrying');
    expect(retryLog).toMatchObject({ err: '429 M_LIMIT_EXCEEDED', waitMs: 200, attempt: 1 });
  });

  it('a repeated PUT with the same txnId is not posted twice by the fake (idempotency contract)', async () => {
    fake.say(ROOM, '@gibi:test', '!status');
    const [first] = await fake.waitForSends(1);
    const res = await fetch(`${fake.url}/_matrix/client/v3/rooms/${encodeURIComponent(ROOM)}/send/m.room.message/${encodeURIComponent(first.txnId)}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${fake.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ msgtype: 'm.notice', body: 'again' }),
    });
    expect(await res.json()).toEqual({ event_id: first.eventId });
    expect(fake.sent).toHaveLength(1);
  });
});

describe('matrix delivery failures', () => {
  let fake: FakeHomeserver;
  let run: Running;

  beforeEach(async () => {
    fake = await startFakeHomeserver();
    fake.addRoom(ROOM, { members: { '@gibi:test': 'gibi' }, powerLevels: { users: {}, users_default: 0 } });
    run = await startBot(fake, { transport: { retry: { baseBackoffMs: 50 }, stopTimeoutMs: 200 } });
  });

  afterEach(async () => {
    await run?.stop();
    await fake.close();
  });

  it('a lost response is retried with the same txnId and the room still gets one reply', async () => {
    fake.loseNextSendResponses(1);
    fake.say(ROOM, '@gibi:test', '!ptg eventlet');
    await fake.waitFor(() => fake.requests.filter((r) => r.path.includes('/send/')).length === 2 && fake.requests.at(-1)!.status !== 0);
    await run.bot.idle();
    const puts = fake.requests.filter((r) => r.path.includes('/send/'));
    expect(puts.map((p) => p.status)).toEqual([-1, 200]);
    expect(puts[0].path).toBe(puts[1].path);
    expect(fake.sent).toHaveLength(1);
    expect(run.logs.find((l) => l.msg === 'send failed; retrying')).toMatchObject({ err: 'ECONNRESET', waitMs: 50 });
  });

  it('a refused send (403) is logged, not retried, and the bot keeps working', async () => {
    fake.failNextSends(1, 403, { errcode: 'M_FORBIDDEN', error: 'You are muted' });
    fake.say(ROOM, '@gibi:test', '!status');
    await fake.waitFor(() => fake.requests.some((r) => r.path.includes('/send/') && r.status === 403));
    await run.bot.idle();
    expect(run.logs.find((l) => l.msg === 'send refused by the homeserver')).toMatchObject({ err: '403 M_FORBIDDEN', roomId: ROOM });
    fake.say(ROOM, '@gibi:test', '!ptg eventlet');
    await fake.waitForSends(1);
    expect(fake.requests.filter((r) => r.path.includes('/send/'))).toHaveLength(2);
  });

  it('a private reply falls back to the room when no direct chat can be made', async () => {
    fake.failNextCreateRooms(1);
    const ask = fake.say(ROOM, '@gibi:test', '!whoami');
    const [reply] = await fake.waitForSends(1);
    expect(reply.roomId).toBe(ROOM);
    expect(reply.content.body).toBe('gibi: account @gibi:test, role anyone');
    expect(reply.content['m.relates_to']).toEqual({ 'm.in_reply_to': { event_id: ask.event_id } });
    expect(run.logs.map((l) => l.msg)).toContain('no direct chat possible; answering in the room instead');
  });

  it('stop() does not wait out a long rate-limit: queued replies are given up within the bound', async () => {
    fake.rateLimitNextSends(1, 20_000);
    fake.say(ROOM, '@gibi:test', '!ptg eventlet');
    await fake.waitFor(() => fake.requests.some((r) => r.status === 429));
    expect(run.transport.queueLength).toBe(1);
    const t0 = performance.now();
    await run.transport.stop('test');
    expect(performance.now() - t0).toBeLessThan(15_000); // below the 20 s the server asked for, with room for load
    await run.bot.idle(); // the dispatch that waited on the send has ended
    expect(fake.sent).toHaveLength(0);
    expect(run.logs.map((l) => l.msg)).toEqual(expect.arrayContaining(['replies still queued at stop; giving up on them', 'send failed; giving up']));
    // Sending after stop is a logged no-op.
    await run.transport.send(ROOM, { lines: [['late']] });
    expect(fake.sent).toHaveLength(0);
  });
});
