// DeliveryProbes: a refusal (404/401) for the target seen between a message's first line and the
// PONG for the PING sent after its last line means not delivered; a PONG alone means delivered.
import { describe, expect, it, vi } from 'vitest';
import { DeliveryProbes } from '../../../../src/transports/irc/delivery.ts';

function probes() {
  const raw: string[] = [];
  const p = new DeliveryProbes(
    { raw: (l) => raw.push(l), same: (a, b) => a.toLowerCase() === b.toLowerCase(), setTimeout: (fn, ms) => setTimeout(fn, ms) },
    1000,
  );
  const token = () => raw.at(-1)!.replace(/^PING :/, '');
  return { p, raw, token };
}

describe('DeliveryProbes', () => {
  it('a PONG with no refusal in between: delivered', async () => {
    const { p, token } = probes();
    const w = p.open('#nova');
    w.arm();
    w.ping();
    p.onError({ error: 'cannot_send_to_channel', channel: '#other' }); // another target
    p.onPong(token());
    expect(await w.result).toBeNull();
  });

  it('a 404 for the target after the first line and before the PONG: refused, with the reason', async () => {
    const { p, token } = probes();
    const w = p.open('#Nova');
    w.arm();
    p.onError({ error: 'cannot_send_to_channel', channel: '#nova', reason: 'Cannot send to channel' });
    w.ping();
    p.onPong(token());
    expect(await w.result).toEqual({ reason: 'the server refused it (cannot_send_to_channel: Cannot send to channel)', unconfirmed: false });
  });

  it('a refusal before the first line was written belongs to an earlier message', async () => {
    const { p, token } = probes();
    const w = p.open('#nova');
    p.onError({ error: 'cannot_send_to_channel', channel: '#nova' });
    w.arm();
    w.ping();
    p.onPong(token());
    expect(await w.result).toBeNull();
  });

  it('a disconnect after the PING: not delivered; before it, the watch waits for the next connection', async () => {
    const { p, token } = probes();
    const sent = p.open('#nova');
    sent.arm();
    sent.ping();
    const waiting = p.open('#nova');
    waiting.arm();
    p.onDisconnect();
    expect(await sent.result).toEqual({ reason: 'the connection dropped before the server confirmed it', unconfirmed: true });
    waiting.arm();
    waiting.ping();
    p.onPong(token());
    expect(await waiting.result).toBeNull();
  });

  it('no PONG within the timeout: not delivered', async () => {
    vi.useFakeTimers();
    try {
      const { p } = probes();
      const w = p.open('alice');
      w.arm();
      w.ping();
      await vi.advanceTimersByTimeAsync(1000);
      expect(await w.result).toEqual({ reason: 'the server did not confirm it in time', unconfirmed: true });
    } finally {
      vi.useRealTimers();
    }
  });
});
