// A kept reply (acknowledgement, minutes line) that fails while the bot runs is not left for the
// next start: it goes again, late and from its first unwritten line, when its transport is back,
// and never twice at once.
import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { KeptReplies } from '../../../src/core/kept-replies.ts';
import type { Delivery, Reply, SendOptions, Transport } from '../../../src/core/types.ts';
import { openDb } from '../../../src/store/db.ts';
import { KeptReplyRepo } from '../../../src/store/kept-reply-repo.ts';

const log = pino({ level: 'silent' });
const ack: Reply = { lines: [['Bug 1 marked Invalid.'], ['Bug 2 marked Confirmed.']], kind: 'ack' };

interface Sent {
  room: string;
  lines: string[];
  opts?: SendOptions;
  finish: (d: Delivery) => void;
}

/** A transport whose sends stay open until the test settles them. */
function transport(name: string) {
  const sent: Sent[] = [];
  const available: (() => void)[] = [];
  const t: Transport = {
    name,
    maxLineBytes: Infinity,
    start: async () => {},
    stop: async () => {},
    send: (room, reply, _inReplyTo, opts) => new Promise<Delivery>((finish) => sent.push({ room, lines: reply.lines.map((l) => l.join('')), opts, finish })),
    onAvailable: (fn) => available.push(fn),
  };
  return { t, sent, back: () => available.forEach((fn) => fn()) };
}

function setup() {
  const store = new KeptReplyRepo<Reply>(openDb(':memory:'));
  return { store, kept: new KeptReplies(store, log) };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('KeptReplies while running', () => {
  it('sends a failed reply again when the transport is back, late, from its first unwritten line', async () => {
    const { store, kept } = setup();
    const irc = transport('irc');
    const first = kept.send(irc.t, '#nova', ack);
    irc.sent[0].opts!.onProgress!(1); // the first line went out, then the channel was lost
    irc.sent[0].finish({ delivered: false, reason: 'not in #nova' });
    expect(await first).toEqual({ delivered: false, reason: 'not in #nova' });
    expect(store.all()).toHaveLength(1);

    const again = kept.resend([irc.t], 'irc');
    expect(irc.sent).toHaveLength(2);
    expect(irc.sent[1]).toMatchObject({ room: '#nova', lines: ['Bug 2 marked Confirmed.'], opts: { late: true, id: irc.sent[0].opts!.id } });
    irc.sent[1].finish({ delivered: true });
    await Promise.all(again);
    expect(store.all()).toHaveLength(0);
  });

  it('never sends one twice at once, and leaves other transports’ replies alone', async () => {
    const { store, kept } = setup();
    const irc = transport('irc');
    const matrix = transport('matrix');
    void kept.send(irc.t, '#nova', ack); // still being sent
    const failed = kept.send(matrix.t, '!room:test', ack);
    matrix.sent[0].finish({ delivered: false, reason: 'homeserver down' });
    await failed;

    expect(kept.resend([irc.t, matrix.t], 'irc')).toHaveLength(0); // in flight: not again
    expect(irc.sent).toHaveLength(1);
    expect(matrix.sent).toHaveLength(1); // not irc's to retry
    expect(kept.resend([irc.t, matrix.t], 'matrix')).toHaveLength(1);
    expect(matrix.sent).toHaveLength(2);
    expect(kept.resend([irc.t, matrix.t], 'matrix')).toHaveLength(0); // the retry is in flight
    expect(store.all()).toHaveLength(2);
  });

  it('is retried by the bot when the transport says it can post again', async () => {
    const { Bot } = await import('../../../src/core/bot.ts');
    const { store, kept } = setup();
    const irc = transport('irc');
    const router = { render: (r: Reply) => r } as unknown as ConstructorParameters<typeof Bot>[0];
    const bot = new Bot(router, [irc.t], log, kept);
    await bot.start();
    const first = kept.send(irc.t, '#nova', ack);
    irc.sent[0].finish({ delivered: false, reason: 'not connected' });
    await first;
    irc.back();
    await tick();
    expect(irc.sent).toHaveLength(2);
    expect(irc.sent[1].opts?.late).toBe(true);
    irc.sent[1].finish({ delivered: true });
    await tick();
    expect(store.all()).toHaveLength(0);
  });
});
