// The outbox: pacing, fairness across channels and requesters, what overflow drops, what a
// connection loss keeps, and the delivery result of each message. Fake timers throughout.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Outbox, type OutboxOptions, type OutMessage, type QueuedLine } from '../../../../src/transports/irc/outbox.ts';
import type { ReplyKind } from '../../../../src/core/types.ts';

const msg = (target: string, requester: string, lines: string[], kind: ReplyKind = 'reply'): OutMessage => ({ target, requester, lines, notice: false, kind });

function box(opts: Partial<OutboxOptions> = {}): { box: Outbox; sent: (QueuedLine & { at: number })[] } {
  const sent: (QueuedLine & { at: number })[] = [];
  const t0 = Date.now();
  return { box: new Outbox({ burst: 1, perSecond: 1, maxQueue: 60, send: (l) => void sent.push({ ...l, at: Date.now() - t0 }), ...opts }), sent };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('Outbox pacing', () => {
  it('sends a burst at once, then one line per 1/perSecond', async () => {
    const { box: b, sent } = box({ burst: 3, perSecond: 2 });
    void b.enqueue(msg('#c', 'a', ['1', '2', '3', '4', '5', '6']));
    await vi.advanceTimersByTimeAsync(5000);
    expect(sent.map((s) => s.text)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(sent.map((s) => s.at)).toEqual([0, 0, 0, 500, 1000, 1500]);
  });

  it('resolves delivered when the last line was written, and not when a line is refused', async () => {
    const { box: b } = box({ burst: 5, send: (l) => (l.text === 'bad' ? 'refused' : null) });
    const ok = b.enqueue(msg('#c', 'a', ['x', 'y']));
    const bad = b.enqueue(msg('#c', 'a', ['bad', 'never']));
    await vi.advanceTimersByTimeAsync(10);
    expect(await ok).toEqual({ delivered: true });
    expect(await bad).toEqual({ delivered: false, reason: 'refused' });
    expect(b.length).toBe(0);
  });

  it('keeps going when a send throws', async () => {
    const sent: string[] = [];
    const b = new Outbox({
      burst: 5,
      perSecond: 100,
      maxQueue: 10,
      send: (l) => {
        if (l.text === 'bad') throw new Error('x');
        sent.push(l.text);
      },
    });
    const r = b.enqueue(msg('#c', 'a', ['bad']));
    void b.enqueue(msg('#c', 'a', ['a', 'b']));
    await vi.advanceTimersByTimeAsync(100);
    expect(sent).toEqual(['a', 'b']);
    expect(await r).toEqual({ delivered: false, reason: 'x' });
  });

  it('a clock stepped back does not drain the bucket', async () => {
    let skew = 0;
    const { box: b, sent } = box({ burst: 1, perSecond: 1, now: () => Date.now() + skew });
    skew = 3_600_000;
    void b.enqueue(msg('#c', 'a', ['before']));
    await vi.advanceTimersByTimeAsync(1000);
    skew = 0; // an hour back (NTP step, fake clock in tests)
    void b.enqueue(msg('#c', 'a', ['after']));
    await vi.advanceTimersByTimeAsync(2000);
    expect(sent.map((s) => s.text)).toEqual(['before', 'after']);
  });
});

describe('Outbox fairness', () => {
  it("one requester's flood does not drop another's answer; the flooder's own lines go", async () => {
    const { box: b, sent } = box({ maxQueue: 10, onOverflow: (n, target) => ({ target, text: `(dropped ${n})`, notice: true }) });
    const flood = Array.from({ length: 30 }, (_, i) => b.enqueue(msg('#nova', 'irc:abuser', [`spam ${i}`])));
    const answer = b.enqueue(msg('#nova', 'irc:gibi', ['your answer']));
    const more = Array.from({ length: 30 }, (_, i) => b.enqueue(msg('#nova', 'irc:abuser', [`spam ${30 + i}`])));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await answer).toEqual({ delivered: true });
    const texts = sent.map((s) => s.text);
    expect(texts).toContain('your answer');
    // The answer went within the first few lines: round-robin, not behind the flood.
    expect(texts.indexOf('your answer')).toBeLessThanOrEqual(2);
    const results = await Promise.all([...flood, ...more]);
    expect(results.filter((r) => !r.delivered).length).toBeGreaterThan(40);
    expect(texts.filter((t) => t.startsWith('(dropped'))).toHaveLength(1);
  });

  it("never drops a chair's acknowledgement or minutes lines, even over capacity", async () => {
    const { box: b, sent } = box({ maxQueue: 5 });
    // The chair has the most lines queued, yet only the other requester's lines may go.
    const kept = [
      b.enqueue(msg('#nova', 'irc:chair', ['#info a', '#info b', '#info c', '#info d'], 'minutes')),
      b.enqueue(msg('#nova', 'irc:chair', ['ack 1', 'ack 2', 'ack 3', 'ack 4'], 'ack')),
    ];
    const flood = Array.from({ length: 6 }, (_, i) => b.enqueue(msg('#nova', 'irc:abuser', [`spam ${i}`])));
    await vi.advanceTimersByTimeAsync(60_000);
    expect((await Promise.all(kept)).every((r) => r.delivered)).toBe(true);
    expect(sent.map((s) => s.text)).toEqual(expect.arrayContaining(['#info a', '#info b', '#info c', '#info d', 'ack 1', 'ack 2', 'ack 3', 'ack 4']));
    expect((await Promise.all(flood)).filter((r) => r.delivered).length).toBeLessThan(6);
  });

  it("a 20-line round in one channel delays another channel's answer by at most one line's pacing", async () => {
    const t0 = Date.now();
    const { box: b, sent } = box({ burst: 1, perSecond: 1 });
    void b.enqueue(
      msg(
        '#nova',
        'irc:chair',
        Array.from({ length: 20 }, (_, i) => `bug ${i}`),
        'ack',
      ),
    );
    await vi.advanceTimersByTimeAsync(3500); // three lines of the round are out, the fourth is waiting
    const queuedAt = Date.now();
    const answer = b.enqueue(msg('#cinder', 'irc:someone', ['answer']));
    await vi.advanceTimersByTimeAsync(1000);
    expect(await answer).toEqual({ delivered: true });
    const at = sent.find((s) => s.text === 'answer')!;
    // Queued at 3.5 s, sent with the next token (4 s): the round's 17 other lines wait.
    expect(at.at - (queuedAt - t0)).toBeLessThanOrEqual(1000);
    expect(sent.filter((s) => s.target === '#nova').length).toBe(4);
  });

  it('alternates requesters within a channel line by line', async () => {
    const { box: b, sent } = box({ burst: 10, perSecond: 10 });
    void b.enqueue(msg('#nova', 'a', ['a1', 'a2', 'a3']));
    void b.enqueue(msg('#nova', 'b', ['b1', 'b2']));
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent.map((s) => s.text)).toEqual(['a1', 'b1', 'a2', 'b2', 'a3']);
  });
});

describe('Outbox across a connection loss', () => {
  it('holds lines for a target that cannot take them; fails reminders, drops stale replies, keeps acks and minutes', async () => {
    let up = true;
    const { box: b, sent } = box({ burst: 1, perSecond: 1, canSend: () => up });
    void b.enqueue(msg('#nova', 'x', ['first']));
    const reply = b.enqueue(msg('#nova', 'x', ['old reply']));
    const fresh = b.enqueue(msg('#nova', 'y', ['x']));
    const reminder = b.enqueue(msg('#nova', '', ['reminder'], 'reminder'));
    const ack = b.enqueue(msg('#nova', 'chair', ['ack'], 'ack'));
    await vi.advanceTimersByTimeAsync(10);
    up = false;
    b.hold('the connection dropped');
    expect(await reminder).toEqual({ delivered: false, reason: 'not sent: the connection dropped' });
    await vi.advanceTimersByTimeAsync(90_000);
    await b.drained(); // nothing sendable: drained resolves although lines wait
    b.hold('still down');
    expect(await reply).toMatchObject({ delivered: false });
    expect(await fresh).toMatchObject({ delivered: false });
    up = true;
    b.hold('joined #nova');
    await vi.advanceTimersByTimeAsync(5000);
    expect(await ack).toEqual({ delivered: true });
    expect(sent.map((s) => s.text)).toEqual(['first', 'ack']);
    expect(sent[1].queuedAt).toBeLessThan(Date.now() - 90_000);
  });

  it('a reminder cut after some of its lines went out is unconfirmed, not failed (its retry would repeat them)', async () => {
    let up = true;
    const { box: b, sent } = box({ burst: 1, perSecond: 1, canSend: () => up });
    const reminder = b.enqueue(msg('#nova', '', ['Spec freeze in 1 week', 'Feature freeze in 2 weeks'], 'reminder'));
    await vi.advanceTimersByTimeAsync(10);
    up = false;
    b.hold('the connection dropped');
    expect(await reminder).toEqual({ delivered: false, reason: 'partly sent (1 of 2 lines): the connection dropped', unconfirmed: true });
    expect(sent.map((s) => s.text)).toEqual(['Spec freeze in 1 week']);
  });

  it('close() gives up every queued message', async () => {
    const { box: b } = box({ canSend: () => false });
    const ack = b.enqueue(msg('#nova', 'chair', ['ack'], 'ack'));
    b.close();
    expect(await ack).toEqual({ delivered: false, reason: 'the connection is shut down' });
  });
});
