import { describe, expect, it } from 'vitest';
import { toChatMessage, type IncomingContext, type IncomingEvent } from '../../../../src/transports/irc/incoming.ts';
import { addressedTo, backoffDelay, fallbackNick } from '../../../../src/transports/irc/policy.ts';

const ascii = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function ctx(over: Partial<IncomingContext> = {}): IncomingContext {
  return {
    transport: 'irc',
    currentNick: 'cyclebot',
    routerNick: 'cyclebot',
    ignore: ['opendevmeet'],
    sameNick: ascii,
    isChannel: (n) => n.startsWith('#'),
    configuredChannel: (n) => ['#openstack-nova'].find((c) => ascii(c, n)),
    accountOf: (e) => (e.nick === 'gibi' ? 'gibi' : undefined),
    isOp: (_c, n) => n === 'gibi',
    opsAreChairs: true,
    ...over,
  };
}
const ev = (over: Partial<IncomingEvent>): IncomingEvent => ({ nick: 'gibi', target: '#openstack-nova', message: '!ptg eventlet', ...over });

describe('toChatMessage', () => {
  it("carries the sender's user@host (without the '~' of a missing ident) for rate limits", () => {
    expect(toChatMessage(ev({ nick: 'm1', ident: '~mallory', hostname: '203.0.113.9' }), ctx())?.sender).toEqual({
      key: 'irc:nick:m1',
      display: 'm1',
      host: 'mallory@203.0.113.9',
    });
    expect(toChatMessage(ev({ nick: 'm2' }), ctx())?.sender.host).toBeUndefined();
  });

  it('cuts an oversized line (message-tags servers allow 8 KB and more) before any regex reads it', () => {
    const m = toChatMessage(ev({ message: '!ptg ' + 'é'.repeat(60_000) }), ctx());
    expect(m?.text.length).toBe(8192);
    expect(m?.text.startsWith('!ptg é')).toBe(true);
    // A surrogate pair is never cut in half.
    expect(toChatMessage(ev({ message: 'x' + '😀'.repeat(5000) }), ctx())?.text).toBe('x' + '😀'.repeat(4095));
  });

  it('turns a channel message into a ChatMessage in the configured channel spelling', () => {
    expect(toChatMessage(ev({ target: '#OpenStack-Nova' }), ctx())).toEqual({
      transport: 'irc',
      room: '#openstack-nova',
      isPrivate: false,
      addressed: false,
      text: '!ptg eventlet',
      sender: { key: 'irc:gibi', display: 'gibi', account: 'gibi', roleHint: 'chair' },
    });
  });

  it('turns a private message into a conversation with the sender, without op status', () => {
    expect(toChatMessage(ev({ nick: 'mallory', target: 'CycleBot', message: 'ptg x' }), ctx())).toEqual({
      transport: 'irc',
      room: 'mallory',
      isPrivate: true,
      addressed: false,
      text: 'ptg x',
      sender: { key: 'irc:nick:mallory', display: 'mallory' },
    });
  });

  it.each([
    ['its own line (current nick, any case)', ev({ nick: 'CYCLEBOT' }), ctx()],
    ['its own line under a fallback nick', ev({ nick: 'cyclebot_' }), ctx({ currentNick: 'cyclebot_' })],
    ['an ignored bot in private', ev({ nick: 'OpenDevMeet', target: 'cyclebot' }), ctx()],
    ['a server message', ev({ nick: undefined }), ctx()],
    ['a server notice-like message', ev({ from_server: true }), ctx()],
    ['a CTCP request', ev({ message: '\x01VERSION\x01' }), ctx()],
    ['a broken CTCP', ev({ message: '\x01ACTION !ptg x' }), ctx()],
    ['a STATUSMSG to ops only', ev({ group: '@' }), ctx()],
    ['a channel we do not serve', ev({ target: '#elsewhere' }), ctx()],
    ['a mask broadcast', ev({ target: '$*.example.org' }), ctx()],
  ])('drops %s', (_what, e, c) => {
    expect(toChatMessage(e, c)).toBeNull();
  });

  it("hands an ignored bot's channel line to observers only (meeting banners)", () => {
    const msg = toChatMessage(ev({ nick: 'OpenDevMeet', message: 'Meeting started Tue Jun  3 16:00:12 2025 UTC' }), ctx());
    expect(msg).toMatchObject({ observeOnly: true, sender: { display: 'OpenDevMeet' }, text: 'Meeting started Tue Jun  3 16:00:12 2025 UTC' });
  });

  it('passes odd text (NUL, U+FFFD from invalid UTF-8, controls) through unchanged: the router sanitizes', () => {
    const text = '!ptg a\0b\ufffd\x02c';
    expect(toChatMessage(ev({ message: text }), ctx())?.text).toBe(text);
  });

  it('does not drop the configured nick when running under a fallback (someone else holds it)', () => {
    const msg = toChatMessage(ev({ nick: 'cyclebot' }), ctx({ currentNick: 'cyclebot_' }));
    expect(msg?.sender.display).toBe('cyclebot');
  });

  it('marks "cyclebot_: ptg x" as addressed while running as cyclebot_', () => {
    const msg = toChatMessage(ev({ message: 'Cyclebot_: ptg OTU' }), ctx({ currentNick: 'cyclebot_' }));
    expect(msg).toMatchObject({ text: 'ptg OTU', addressed: true });
  });
});

describe('addressedTo', () => {
  it('leaves text alone when we run under the router nick (the router detects "cyclebot:")', () => {
    expect(addressedTo('cyclebot: ptg x', 'cyclebot', 'cyclebot', ascii)).toEqual({ text: 'cyclebot: ptg x', addressed: false });
  });
  it.each([
    ['cyclebot_: ptg x', { text: 'ptg x', addressed: true }],
    ['@cyclebot_, !ptg x', { text: '!ptg x', addressed: true }],
    ['cyclebot: ptg x', { text: 'cyclebot: ptg x', addressed: false }],
    ['cyclebot__: ptg x', { text: 'cyclebot__: ptg x', addressed: false }],
    ['hello cyclebot_: x', { text: 'hello cyclebot_: x', addressed: false }],
  ])('%j under cyclebot_', (text, want) => expect(addressedTo(text, 'cyclebot_', 'cyclebot', ascii)).toEqual(want));
});

describe('fallbackNick', () => {
  it('appends underscores, then a number, within the nick length', () => {
    expect([1, 2, 3].map((n) => fallbackNick('cyclebot', n))).toEqual(['cyclebot_', 'cyclebot__', 'cyclebot___']);
    expect(fallbackNick('cyclebot', 4)).toBe('cyclebot4');
    expect(fallbackNick('n'.repeat(30), 1)).toBe('n'.repeat(29) + '1');
    expect(fallbackNick('cyclebot', 12, 9)).toBe('cyclebo12');
  });
});

describe('backoffDelay', () => {
  const o = { minMs: 1000, maxMs: 300_000, random: () => 0 };
  it('doubles from the minimum and stops at the cap, forever', () => {
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, o))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelay(9, o)).toBe(300_000);
    expect(backoffDelay(10_000, o)).toBe(300_000);
  });
  it('adds at most 25% jitter and never exceeds the cap', () => {
    expect(backoffDelay(0, { ...o, random: () => 0.999 })).toBe(1250);
    expect(backoffDelay(20, { ...o, random: () => 0.999 })).toBe(300_000);
  });
});
