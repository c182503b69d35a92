// Issue 12 item 2 for reminders: one that failed because its transport was away (IRC dropped or
// kicked) is posted again as soon as the transport is back, once, not retryMs later.
import { describe, expect, it } from 'vitest';
import { renderPlain } from '../../../src/core/formatting.ts';
import type { Reply } from '../../../src/core/types.ts';
import { FakeTime, instance, tempDb, type Posted } from './harness.ts';

describe('reminders retried when their transport is back', () => {
  it('posts a failed reminder at the rejoin, once, and only for that transport', async () => {
    const time = new FakeTime('2025-06-26T08:59:00Z');
    const posted: Posted[] = [];
    let up = false;
    const a = instance(tempDb(), time, posted, {
      post: async (channel: string, reply: Reply) => {
        if (!up) return { delivered: false, reason: 'not sent: the connection dropped' };
        posted.push({ at: time.clock().toISOString(), channel, lines: reply.lines.map(renderPlain), by: 'a' });
        return { delivered: true };
      },
    });
    a.scheduler.start();
    await time.advanceTo('2025-06-26T09:00:30Z', a.settle);
    expect(a.repo.ledgerInState('failed').map((r) => r.note)).toEqual(['not sent: the connection dropped', 'not sent: the connection dropped']);
    a.scheduler.retryFailed('matrix'); // another transport coming back changes nothing here
    await time.advanceTo('2025-06-26T09:01:00Z', a.settle);
    expect(posted).toEqual([]);
    up = true;
    a.scheduler.retryFailed('irc');
    await time.advanceTo('2025-06-26T09:01:30Z', a.settle);
    expect(posted.map((p) => p.at)).toEqual(['2025-06-26T09:01:00.000Z']);
    await time.advanceTo('2025-06-26T10:00:00Z', a.settle);
    expect(posted).toHaveLength(1);
    expect(a.repo.ledgerInState('sent').map((r) => `${r.eventKey} ${r.attempts}`)).toEqual(['flamingo:f-2 2', 'flamingo:f-nova-spec-freeze 2']);
    a.crash();
  });
});
