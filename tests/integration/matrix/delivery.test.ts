// Issue 12 item 1 on Matrix: a post is delivered only when the homeserver answers with an event
// id; a 403, or a 500 on every retry, is a failure, and the reminder ledger records it as
// 'failed' (then 'sent' on the retry that works), never 'sent' for a post that did not happen.
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../src/core/types.ts';
import { FakeHomeserver, startFakeHomeserver } from '../../helpers/fake-homeserver.ts';
import { freePort } from '../../helpers/ngircd.ts';
import { promSink } from '../../../src/web/metrics-sink.ts';
import { instance, tempDb as scheduleDb, FakeTime, type Posted } from '../schedule/harness.ts';
import { startBot, testConfig, type Running } from './harness.ts';

const ROOM = '!nova:test';

describe('matrix delivery results', () => {
  let fake: FakeHomeserver;
  let run: Running;
  let registry: Registry;

  beforeEach(async () => {
    fake = await startFakeHomeserver();
    fake.addRoom(ROOM, { members: { '@gibi:test': 'gibi' }, powerLevels: { users: {}, users_default: 0 } });
    registry = new Registry();
    run = await startBot(fake, { transport: { retry: { baseBackoffMs: 20, maxAttempts: 3 }, stopTimeoutMs: 200, metrics: promSink(registry) } });
  });

  afterEach(async () => {
    await run?.stop();
    await fake.close();
  });

  it('delivered with an event id; not delivered on 403; not delivered on a 500 at every retry', async () => {
    expect(await run.bot.post('matrix', ROOM, { lines: [['ok']], kind: 'reminder' })).toEqual({ delivered: true });
    fake.failNextSends(1, 403, { errcode: 'M_FORBIDDEN', error: 'You are muted' });
    expect(await run.bot.post('matrix', ROOM, { lines: [['muted']], kind: 'reminder' })).toEqual({ delivered: false, reason: 'refused: 403 M_FORBIDDEN' });
    fake.failNextSends(3, 500, { errcode: 'M_UNKNOWN', error: 'boom' });
    const d = await run.bot.post('matrix', ROOM, { lines: [['down']], kind: 'reminder' });
    expect(d.delivered).toBe(false);
    expect(d.reason).toMatch(/^failed: 500/);
    expect(fake.sent.map((e) => e.content.body)).toEqual(['ok']);
    // /metrics: the two replies' lines, by why they were not sent.
    const text = await registry.metrics();
    expect(text).toContain('cyclebot_dropped_lines_total{transport="matrix",reason="refused"} 1');
    expect(text).toContain('cyclebot_dropped_lines_total{transport="matrix",reason="failed"} 1');
  });

  it("a chair's acknowledgement outlasts a homeserver outage that makes a plain reply fail", async () => {
    fake.failNextSends(3, 502, { errcode: 'M_UNKNOWN', error: 'bad gateway' });
    expect((await run.bot.post('matrix', ROOM, { lines: [['plain']] })).delivered).toBe(false);
    fake.failNextSends(5, 502, { errcode: 'M_UNKNOWN', error: 'bad gateway' });
    const ack = run.bot.post('matrix', ROOM, { lines: [['Bug 2100001: confirmed — recorded for chair']], kind: 'ack' });
    expect(await ack).toEqual({ delivered: true });
    expect(fake.sent.map((e) => e.content.body)).toEqual(['Bug 2100001: confirmed — recorded for chair']);
  }, 20_000);

  it('a private reply the direct chat did not take is not delivered, and not repeated in the room', async () => {
    const asker: ChatMessage = {
      transport: 'matrix',
      room: ROOM,
      isPrivate: false,
      text: '!whoami',
      addressed: false,
      sender: { key: 'matrix:@gibi:test', display: 'gibi', account: '@gibi:test' },
    };
    expect(await run.transport.send(ROOM, { lines: [['first, fine']], private: true }, asker)).toEqual({ delivered: true });
    fake.failNextSends(3, 500, { errcode: 'M_UNKNOWN', error: 'boom' });
    expect(await run.transport.send(ROOM, { lines: [['lost']], private: true }, asker)).toEqual({
      delivered: false,
      reason: 'the direct chat did not take it',
    });
    expect(fake.sent.map((e) => [e.roomId === ROOM ? 'room' : 'dm', e.content.body])).toEqual([['dm', 'first, fine']]);
  });

  it('the reminder ledger says failed for a 403 and a 500-on-every-retry, and sent once it really was', async () => {
    const time = new FakeTime('2025-06-26T08:59:00Z');
    const posted: Posted[] = [];
    const a = instance(scheduleDb(), time, posted, { post: (_channel, reply) => run.bot.post('matrix', ROOM, reply) });
    fake.failNextSends(1, 403, { errcode: 'M_FORBIDDEN', error: 'You are muted' });
    a.scheduler.start();
    await time.advanceTo('2025-06-26T09:01:00Z', a.settle);
    expect(a.repo.ledgerInState('failed').map((r) => `${r.eventKey} ${r.note}`)).toEqual([
      'flamingo:f-2 refused: 403 M_FORBIDDEN',
      'flamingo:f-nova-spec-freeze refused: 403 M_FORBIDDEN',
    ]);
    expect(a.repo.ledgerInState('sent')).toEqual([]);
    fake.failNextSends(3, 500, { errcode: 'M_UNKNOWN', error: 'boom' });
    await time.advanceTo('2025-06-26T09:06:00Z', a.settle);
    expect(a.repo.ledgerInState('failed').map((r) => r.note)).toEqual([expect.stringMatching(/^failed: 500/), expect.stringMatching(/^failed: 500/)]);
    expect(fake.sent).toHaveLength(0);
    await time.advanceTo('2025-06-26T09:12:00Z', a.settle);
    expect(a.repo.ledgerInState('sent').map((r) => `${r.eventKey} ${r.attempts}`)).toEqual(['flamingo:f-2 3', 'flamingo:f-nova-spec-freeze 3']);
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0].content.body).toContain('Flamingo-2 milestone in 7 days');
    a.crash();
  });
});

// Issue 12 item 6: the homeserver unreachable at start must not leave the process running
// without Matrix for good (one error, then silence); start() resolves, the transport keeps
// trying with backoff, and once the homeserver is up it answers and posts.
describe('matrix homeserver down at start', () => {
  it('start() resolves, posts report not delivered, and the transport comes up when the homeserver does', async () => {
    const port = await freePort();
    const fake = new FakeHomeserver();
    fake.url = `http://127.0.0.1:${port}`;
    fake.addRoom(ROOM, { members: { '@gibi:test': 'gibi' }, powerLevels: { users: {}, users_default: 0 } });
    const run = await startBot(fake, { config: testConfig(fake, { reconnectMaxDelaySeconds: 1 }), transport: { reconnectMinDelayMs: 100 } });
    try {
      expect(run.transport.ready()).toBe(false);
      expect(run.logs.find((l) => l.level === 50)?.msg).toMatch(new RegExp(`^matrix: cannot reach http://127.0.0.1:${port}: .*; retrying in \\d+ s`));
      expect(await run.bot.post('matrix', ROOM, { lines: [['too early']], kind: 'reminder' })).toEqual({ delivered: false, reason: 'matrix is not connected' });
      expect(run.transport.health()).toMatchObject({ state: 'starting', startAttempts: expect.any(Number) });
      await new Promise((r) => setTimeout(r, 400)); // a few failed attempts
      await fake.listen(port);
      await fake.waitFor(() => run.transport.ready(), 5000, 'the transport to start');
      expect(run.logs.filter((l) => l.level === 50).length).toBeGreaterThanOrEqual(2);
      expect(await run.bot.post('matrix', ROOM, { lines: [['now it works']], kind: 'reminder' })).toEqual({ delivered: true });
      fake.say(ROOM, '@gibi:test', '!ptg eventlet');
      await fake.waitForSends(2);
      expect(fake.sent.map((e) => e.content.body)).toEqual(['now it works', expect.stringContaining('Eventlet')]);
    } finally {
      await run.stop();
      await fake.close();
    }
  });
});
