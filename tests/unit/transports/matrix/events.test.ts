import { describe, expect, it } from 'vitest';
import {
  classifyMessage,
  cleanDisplayName,
  decideInvite,
  ignoreMatcher,
  leadingMention,
  localpart,
  powerLevelOf,
  stripReplyFallback,
  toIdentity,
  type FilterContext,
  type RawEvent,
} from '../../../../src/transports/matrix/events.ts';

const START = 1_800_000_000_000;
const ctx: FilterContext = { botUserId: '@bot:test', isIgnored: ignoreMatcher(['@meetbot:test']), startedAt: START, skewMs: 10_000 };

function msg(body: unknown, over: Partial<RawEvent> = {}, content: Record<string, unknown> = {}): RawEvent {
  return {
    type: 'm.room.message',
    event_id: '$e1',
    sender: '@gibi:test',
    origin_server_ts: START + 5,
    content: { msgtype: 'm.text', body, ...content },
    ...over,
  };
}

describe('classifyMessage', () => {
  it('accepts a fresh m.text from someone else', () => {
    expect(classifyMessage(msg('!ptg eventlet'), ctx)).toEqual({
      accept: true,
      eventId: '$e1',
      sender: '@gibi:test',
      text: '!ptg eventlet',
      mentionsBot: false,
    });
  });

  it.each<[string, RawEvent, string]>([
    ['state event', { ...msg('x'), type: 'm.room.member' }, 'not a message'],
    ['own echo', msg('!ptg x', { sender: '@bot:test' }), 'own event'],
    ['ignored bot (case-insensitive)', msg('!ptg x', { sender: '@MeetBot:test' }), 'ignored user'],
    ['notice', msg('!ptg x', {}, { msgtype: 'm.notice' }), 'not m.text'],
    ['emote', msg('!ptg x', {}, { msgtype: 'm.emote' }), 'not m.text'],
    ['edit', msg('* !ptg x', {}, { 'm.relates_to': { rel_type: 'm.replace', event_id: '$e0' } }), 'edit'],
    ['edit without relation', msg('* !ptg x', {}, { 'm.new_content': { body: '!ptg x' } }), 'edit'],
    ['backlog', msg('!ptg x', { origin_server_ts: START - 10_001 }), 'before start-up'],
    ['missing body', msg(undefined), 'malformed'],
    ['numeric body', msg(42), 'malformed'],
    ['object body', msg({ text: '!ptg' }), 'malformed'],
    ['no content', { ...msg('x'), content: null }, 'malformed'],
    ['array content', { ...msg('x'), content: ['!ptg'] }, 'malformed'],
    ['bad sender', msg('!ptg x', { sender: 'gibi' }), 'malformed'],
    ['no event id', msg('!ptg x', { event_id: 7 }), 'malformed'],
    ['no timestamp', msg('!ptg x', { origin_server_ts: undefined }), 'malformed'],
    ['blank', msg('   '), 'empty'],
  ])('skips %s', (_name, ev, reason) => {
    expect(classifyMessage(ev, ctx)).toEqual({ accept: false, reason });
  });

  it('accepts events within the start-up skew', () => {
    expect(classifyMessage(msg('!ptg x', { origin_server_ts: START - 10_000 }), ctx).accept).toBe(true);
  });

  it('takes the text after a reply fallback, and only for replies', () => {
    const reply = msg('> <@alice:test> !status\n> second line\n\n!ptg nova', {}, { 'm.relates_to': { 'm.in_reply_to': { event_id: '$e0' } } });
    expect(classifyMessage(reply, ctx)).toMatchObject({ accept: true, text: '!ptg nova' });
    expect(classifyMessage(msg('> quoting is fine'), ctx)).toMatchObject({ accept: true, text: '> quoting is fine' });
  });

  it('cuts a leading mention pill of the bot and marks the message addressed', () => {
    const ev = msg(
      'Cycle & Bot: ptg nova',
      {},
      {
        format: 'org.matrix.custom.html',
        formatted_body: '<a href="https://matrix.to/#/@bot:test">Cycle &amp; Bot</a>: ptg nova',
      },
    );
    expect(classifyMessage(ev, ctx)).toMatchObject({ accept: true, text: 'ptg nova', mentionsBot: true });
  });

  it('marks a message addressed when m.mentions names the bot, keeping the text', () => {
    expect(classifyMessage(msg('hey cyclebot, ptg nova', {}, { 'm.mentions': { user_ids: ['@bot:test'] } }), ctx)).toMatchObject({
      text: 'hey cyclebot, ptg nova',
      mentionsBot: true,
    });
  });
});

describe('helpers', () => {
  it('stripReplyFallback leaves plain bodies alone', () => {
    expect(stripReplyFallback('!ptg x')).toBe('!ptg x');
    expect(stripReplyFallback('> <@a:b> hi\n\nanswer\nmore')).toBe('answer\nmore');
  });

  it('leadingMention only matches a pill of the bot at the start', () => {
    const html = (h: string) => ({ format: 'org.matrix.custom.html', formatted_body: h });
    expect(leadingMention(html('<a href="https://matrix.to/#/%40bot%3Atest">cyclebot</a>: x'), '@bot:test')).toBe('cyclebot');
    expect(leadingMention(html('<a href="https://matrix.to/#/@alice:test">alice</a>: x'), '@bot:test')).toBeNull();
    expect(leadingMention(html('hi <a href="https://matrix.to/#/@bot:test">cyclebot</a>'), '@bot:test')).toBeNull();
    expect(leadingMention({ formatted_body: '<a href="https://matrix.to/#/@bot:test">c</a>' }, '@bot:test')).toBeNull();
    expect(leadingMention(html('<a href="https://matrix.to/#/%E0%A4%A">x</a>'), '@bot:test')).toBeNull();
  });

  it('maps a sender to an Identity', () => {
    expect(toIdentity('@gibi:matrix.org', 'Balazs Gibizer', 'admin')).toEqual({
      key: 'matrix:@gibi:matrix.org',
      display: 'Balazs Gibizer',
      account: '@gibi:matrix.org',
      roleHint: 'admin',
    });
    expect(toIdentity('@gibi:matrix.org', null, undefined)).toEqual({ key: 'matrix:@gibi:matrix.org', display: 'gibi', account: '@gibi:matrix.org' });
  });

  it('cleans display names', () => {
    expect(cleanDisplayName('  a\u202eb\nc\u200b ', '@x:y')).toBe('a b c');
    expect(cleanDisplayName('\u0000\u0001', '@x:y')).toBe('x');
    expect(cleanDisplayName(7, '@x:y')).toBe('x');
    expect(Array.from(cleanDisplayName('é'.repeat(100), '@x:y'))).toHaveLength(48);
    expect(cleanDisplayName('<b>Bold</b>', '@x:y')).toBe('<b>Bold</b>'); // escaped later by renderHtml
    expect(localpart('@_oftc_gibi:matrix.org')).toBe('_oftc_gibi');
  });

  it('reads power levels with spec defaults', () => {
    expect(powerLevelOf({ users: { '@a:t': 100 }, users_default: 10 }, '@a:t')).toBe(100);
    expect(powerLevelOf({ users: { '@a:t': 100 }, users_default: 10 }, '@b:t')).toBe(10);
    expect(powerLevelOf({ users: { '@a:t': '100' } }, '@a:t')).toBe(0);
    expect(powerLevelOf(null, '@a:t')).toBe(0);
  });

  it('matches ignore entries exactly or by glob, case-insensitively', () => {
    const ignored = ignoreMatcher(['@MeetBot:test', '@_oftc_*:matrix.org', ' ', '@a.b+c:x']);
    expect(ignored('@meetbot:test')).toBe(true);
    expect(ignored('@_oftc_gibi:matrix.org')).toBe(true);
    expect(ignored('@_oftc_gibi:matrix.org.evil')).toBe(false);
    expect(ignored('@gibi:matrix.org')).toBe(false);
    expect(ignored('@a.b+c:x')).toBe(true);
    expect(ignored('@aXb+c:x')).toBe(false);
    expect(ignored('')).toBe(false);
  });

  it('decides invites', () => {
    const rooms = new Set(['!nova:t']);
    const allow = new Set(['@boss:t']);
    expect(decideInvite('!nova:t', '@anyone:t', rooms, allow)).toBe('join');
    expect(decideInvite('!x:t', '@Boss:t', rooms, allow)).toBe('join');
    expect(decideInvite('!x:t', '@rando:t', rooms, allow)).toBe('reject');
    expect(decideInvite('!x:t', undefined, rooms, allow)).toBe('reject');
  });
});

describe('hostile sizes', () => {
  // CPU time of this process, not wall time: the machine may be busy, the regex cannot hide.
  const pill = (href: string, name = 'cyclebot') => `<a href="https://matrix.to/#/${href}">${name}</a>: !ping`;
  const BODY = 64 * 1024;
  it.each<[string, Record<string, unknown>]>([
    ['an unterminated 64 KB pill href', { formatted_body: '<a href="https://matrix.to/#/' + '@'.repeat(BODY) }],
    ['a 64 KB href without "?"', { formatted_body: pill('x'.repeat(BODY)) }],
    ['a 64 KB href ending in a quote-less query', { formatted_body: '<a href="https://matrix.to/#/@bot:test' + 'a'.repeat(BODY) + '>x' }],
    ['64 KB of blanks before the pill', { formatted_body: ' '.repeat(BODY) + pill('@bot:test') }],
  ])('classifies a 64 KB event with %s in under 50 ms of CPU', (_name, extra) => {
    const ev = msg('cyclebot: ' + 'a'.repeat(BODY), {}, { format: 'org.matrix.custom.html', ...extra });
    const start = process.cpuUsage();
    const verdict = classifyMessage(ev, ctx);
    const used = process.cpuUsage(start);
    expect((used.user + used.system) / 1000).toBeLessThan(50);
    expect(verdict.accept).toBe(true);
  });

  it('still finds a pill with a query string, and caps what the router gets', () => {
    const ev = msg('cyclebot: !ping ' + 'x'.repeat(100_000), {}, { format: 'org.matrix.custom.html', formatted_body: pill('@bot:test?via=test') });
    const v = classifyMessage(ev, ctx);
    expect(v.accept && v.text.startsWith('!ping x')).toBe(true);
    expect(v.accept && v.text.length).toBeLessThanOrEqual(8192);
  });

  it('cuts a 64 KB display name before cleaning it', () => {
    const start = process.cpuUsage();
    expect(cleanDisplayName('\u202e '.repeat(32 * 1024) + 'x', '@a:test')).toBe('a');
    const used = process.cpuUsage(start);
    expect((used.user + used.system) / 1000).toBeLessThan(50);
  });
});
