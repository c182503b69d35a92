// Message builders for router and command tests.
import type { ChatMessage, Identity } from '../../src/core/types.ts';

export const alice: Identity = { key: 'irc:alice', display: 'alice', account: 'alice' };
export const nickOnly: Identity = { key: 'irc:nick:mallory', display: 'mallory' };

export function roomMsg(text: string, sender: Identity = alice, extra: Partial<ChatMessage> = {}): ChatMessage {
  return { transport: 'test', room: '#openstack-nova', isPrivate: false, addressed: false, text, sender, ...extra };
}

export function privateMsg(text: string, sender: Identity = alice): ChatMessage {
  return roomMsg(text, sender, { room: `dm:${sender.key}`, isPrivate: true });
}
