// Rejoining after a kick, a part or a refused JOIN: when, how often, and not when already back.
// Fake timers against ConnectionEvents with a stand-in client, so no wall-clock bound can flake.
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionEvents, type EventsHost } from '../../../../src/transports/irc/events.ts';
import { Roster } from '../../../../src/transports/irc/roster.ts';

const fold = (s: string) => s.toLowerCase();

function setup(rejoinDelaySeconds = 0.5) {
  const client = Object.assign(new EventEmitter(), {
    join: vi.fn(),
    network: { supports: () => false, isChannelName: (s: string) => s.startsWith('#'), options: {} },
  });
  const quiet = { info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() };
  const host = {
    name: 'irc',
    client,
    log: quiet,
    cfg: { channels: ['#Nova'], host: '127.0.0.1', ignore: [], rejoinDelaySeconds },
    opts: { nick: 'cyclebot', regainNickIntervalMs: 60_000, opsAreChairs: false },
    desiredNick: 'cyclebot',
    currentNick: 'cyclebot',
    state: 'registered',
    probes: { onError: vi.fn(), onPong: vi.fn() },
    sameNick: (a: string, b: string) => fold(a) === fold(b),
    onRegistered: vi.fn(),
    setNick: vi.fn(),
    reachChanged: vi.fn(),
    emit: vi.fn(),
    answerCtcp: vi.fn(),
    deliver: vi.fn(),
    onDisconnected: vi.fn(),
    onClosed: vi.fn(),
  };
  const events = new ConnectionEvents(host as unknown as EventsHost, new Roster(fold));
  events.attach();
  client.emit('join', { nick: 'cyclebot', channel: '#nova' });
  return { client, host, events, quiet };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('rejoin', () => {
  it('rejoins a kick after rejoinDelaySeconds, not before, in the configured spelling', () => {
    const { client, quiet } = setup(0.5);
    client.emit('kick', { nick: 'chanop', channel: '#nova', kicked: 'CycleBot', message: 'out you go' });
    expect(quiet.warn).toHaveBeenCalledWith(expect.anything(), 'irc: kicked from #nova by chanop; rejoining in 0.5 s');
    vi.advanceTimersByTime(499);
    expect(client.join).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(client.join.mock.calls).toEqual([['#Nova']]);
  });

  it('schedules one rejoin for several kicks, and none once back in the channel', () => {
    const { client } = setup(2);
    client.emit('kick', { nick: 'a', channel: '#nova', kicked: 'cyclebot' });
    client.emit('part', { nick: 'cyclebot', channel: '#nova' });
    vi.advanceTimersByTime(2000);
    expect(client.join).toHaveBeenCalledTimes(1);
    client.emit('kick', { nick: 'a', channel: '#nova', kicked: 'cyclebot' });
    client.emit('join', { nick: 'cyclebot', channel: '#nova' }); // back by other means (a manual JOIN)
    vi.advanceTimersByTime(10_000);
    expect(client.join).toHaveBeenCalledTimes(1);
  });

  it('does not rejoin while disconnected, nor after clearTimers()', () => {
    const { client, host, events } = setup(1);
    client.emit('kick', { nick: 'a', channel: '#nova', kicked: 'cyclebot' });
    host.state = 'connecting';
    vi.advanceTimersByTime(1000);
    client.emit('part', { nick: 'cyclebot', channel: '#nova' });
    host.state = 'registered';
    events.clearTimers();
    vi.advanceTimersByTime(10_000);
    expect(client.join).not.toHaveBeenCalled();
  });

  it('retries a refused JOIN no faster than once a minute', () => {
    const { client } = setup(0.5);
    client.emit('part', { nick: 'cyclebot', channel: '#nova' });
    vi.advanceTimersByTime(500);
    expect(client.join).toHaveBeenCalledTimes(1);
    client.emit('irc error', { error: 'banned_from_channel', channel: '#nova', reason: 'Cannot join channel (+b)' });
    vi.advanceTimersByTime(59_999);
    expect(client.join).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(client.join).toHaveBeenCalledTimes(2);
  });

  it('ignores kicks of other people', () => {
    const { client } = setup(0.5);
    client.emit('kick', { nick: 'chanop', channel: '#nova', kicked: 'alice' });
    vi.advanceTimersByTime(5000);
    expect(client.join).not.toHaveBeenCalled();
  });
});
