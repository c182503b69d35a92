// Issue 12 item 1 on Matrix: a post is delivered only when the homeserver answers with an event
// id; a 403, or a 500 on every retry, is a failure, and the reminder ledger records it as
// 'failed' (then 'sent' on the retry that works), never 'sent' for a post that did not happen.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeHomeserver, type FakeHomeserver } from '../../helpers/fake-homeserver.ts';
import { instance, tempDb as scheduleDb, FakeTime, type Posted } from '../schedule/harness.ts';
import { startBot, type Running } from './harness.ts';

const ROOM = '!nova:test';

describe('matrix delivery results', () => {
  let fake: FakeHomeserver;
  let run: Running;

  beforeEach(async () => {
    fake = await startFakeHomeserver();
    fake.addRoom(ROOM, { members: { '@gibi:test': 'gibi' }, powerLevels: { users: {}, users_default: 0 } });
    run = await startBot(fake, { transport: { retry: { baseBackoffMs: 20, maxAttempts: 3 }, stopTimeoutMs: 200 } });
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
  });

  it('the reminder ledger says failed for a 403 and a 500-on-every-retry, and sent once it really was', async () => {
    const time = new FakeTime('2025-06-26T08:59:00Z');
    const posted: Posted[] = [];
    const a = instance(scheduleDb(), time, posted, { post: (_channel, reply) => run.bot.post('matrix', ROOM, reply) });
    fake.failNextSends(1, 403, { errcode: 'M_FORBIDDEN', error: 'You are muted' });
    a.scheduler.start();
    await time.advanceTo('2025-06-26T09:01:00Z', a.settle);
    expect(a.repo.ledgerInState('failed').map((r) => `${r.eventKey} ${r.note}`)).toEqual(['flamingo:f-2 refused: 403 M_FORBIDDEN', 'flamingo:f-nova-spec-freeze refused: 403 M_FORBIDDEN']);
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
