import { describe, expect, it } from 'vitest';
import { clashStatus, PrefixClashWatch, type PrefixClash } from '../../../src/meetings/prefix-clash.ts';
import type { ChatMessage, Identity } from '../../../src/core/types.ts';

const nick = (n: string, account?: string): Identity => ({ key: account ? `irc:${account}` : `irc:nick:${n}`, display: n, ...(account ? { account } : {}) });
const line = (sender: Identity, text: string, room = '#nova', observeOnly = false): ChatMessage => ({
  transport: 'irc',
  room,
  isPrivate: false,
  sender,
  text,
  addressed: false,
  ...(observeOnly ? { observeOnly } : {}),
});
const at = (s: number) => new Date(1_800_000_000_000 + s * 1000);

function watch(meetingBots = ['irc:meetbot-account']) {
  const w = new PrefixClashWatch('!', meetingBots);
  const seen: PrefixClash[] = [];
  w.onClash((c) => seen.push(c));
  return { w, seen };
}

describe('PrefixClashWatch', () => {
  const error = (word: string) => `chair: Error: "${word}" is not a valid command.`;

  it('sees a meeting bot (by account, or a known nick) answer our command with an error, once per room', () => {
    const { w, seen } = watch();
    w.observe(line(nick('chair'), '!triage start'), at(0));
    w.observe(line(nick('opendevmeet'), error('triage'), '#nova', true), at(1));
    w.observe(line(nick('chair'), '!ptg x'), at(2));
    w.observe(line(nick('meet', 'meetbot-account'), error('ptg'), '#nova', true), at(3));
    expect(seen.map((c) => [c.room, c.bot, c.command])).toEqual([['#nova', 'opendevmeet', 'triage']]);
    w.observe(line(nick('chair'), '!ptg x', '#neutron'), at(4));
    w.observe(line(nick('meet', 'meetbot-account'), error('ptg'), '#neutron', true), at(5));
    expect(seen.map((c) => [c.room, c.bot, c.command])).toEqual([
      ['#nova', 'opendevmeet', 'triage'],
      ['#neutron', 'meet', 'ptg'],
    ]);
    expect(clashStatus(w.clashes(), '!', 'cyclebot')).toBe(
      'warning: another bot answers ! commands in #nova (opendevmeet), #neutron (meet); use "cyclebot: …" or set prefix: "@"',
    );
  });

  it('ignores the error shape from people, for commands not ours or not recent, and in other rooms', () => {
    const { w, seen } = watch();
    w.observe(line(nick('chair'), '!triage start'), at(0));
    w.observe(line(nick('mallory'), error('triage')), at(1)); // a person, not a bot
    w.observe(line(nick('meet', 'someone-else'), error('triage'), '#nova', true), at(1)); // not the configured account
    w.observe(line(nick('opendevmeet'), error('startmeeting'), '#nova', true), at(1)); // not our command
    w.observe(line(nick('opendevmeet'), error('triage'), '#other', true), at(1)); // asked elsewhere
    w.observe(line(nick('opendevmeet'), error('triage'), '#nova', true), at(30)); // too late to be the answer
    expect(seen).toEqual([]);
    expect(clashStatus(w.clashes(), '!', 'cyclebot')).toBeNull();
  });
});
