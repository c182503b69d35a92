import { describe, expect, it } from 'vitest';
import { isMeetingBot, MeetingTracker, safeMeetingName, type Meeting, type MeetingEvent, type MeetingStore } from '../../../src/meetings/tracker.ts';
import { roomMsg } from '../../helpers/messages.ts';

const bot = { key: 'irc:nick:opendevmeet', display: 'opendevmeet' };
const human = { key: 'irc:nick:gibi', display: 'gibi' };
const now = new Date('2025-06-03T16:00:00Z');
const START =
  'Meeting started Tue Jun  3 16:00:12 2025 UTC and is due to finish in 60 minutes.  The chair is bauzas. Information about MeetBot at http://wiki.debian.org/MeetBot.';
const END = 'Meeting ended Tue Jun  3 17:00:01 2025 UTC.  Information about MeetBot at http://wiki.debian.org/MeetBot . (v 0.1.4)';

function memoryStore(): MeetingStore & { rows: Map<string, Meeting> } {
  const rows = new Map<string, Meeting>();
  return {
    rows,
    load: () => [...rows.values()],
    save: (m) => void rows.set(`${m.transport}:${m.room}`, { ...m }),
    remove: (t, r) => void rows.delete(`${t}:${r}`),
  };
}

describe('MeetingTracker', () => {
  it('follows the meeting bot banners, not humans', () => {
    const t = new MeetingTracker(['opendevmeet'], { clock: () => now });
    const events: MeetingEvent[] = [];
    t.onChange((e) => events.push(e));
    expect(t.observe(roomMsg('Meeting started Tue Jun  3 16:00:12 2025 UTC and is due to finish in 60 minutes.  The chair is bauzas.', human), now)).toBe(
      false,
    );
    expect(t.current('test', '#openstack-nova')).toBeUndefined();
    t.observe(roomMsg(START, bot), now);
    t.observe(roomMsg("The meeting name has been set to 'nova'", bot), now);
    expect(t.current('test', '#openstack-nova')).toMatchObject({ name: 'nova', startedAt: now });
    t.observe(roomMsg(END, bot), now);
    expect(t.current('test', '#openstack-nova')).toBeUndefined();
    expect(events.map((e) => e.kind)).toEqual(['started', 'ended']);
  });

  it('trusts the meeting bot by identity: services account, Matrix user id, or (spoofably) a plain IRC nick', () => {
    const matrixBot = { key: 'matrix:@opendevmeet:opendev.org', display: 'opendevmeet', account: '@opendevmeet:opendev.org' };
    const matrixImpostor = { key: 'matrix:@mallory:evil.org', display: 'opendevmeet', account: '@mallory:evil.org' };
    const ircAccount = { key: 'irc:opendevmeet', display: 'opendevmeet', account: 'opendevmeet' };
    const ircImpostor = { key: 'irc:nick:opendevmeet', display: 'opendevmeet' };
    const ircOtherAccount = { key: 'irc:mallory', display: 'opendevmeet', account: 'mallory' };
    expect([matrixBot, matrixImpostor].map((s) => isMeetingBot(['@OpenDevMeet:opendev.org'], s))).toEqual([true, false]);
    expect([ircAccount, ircImpostor, ircOtherAccount, matrixBot].map((s) => isMeetingBot(['irc:opendevmeet'], s))).toEqual([true, false, false, false]);
    // A plain nick matches any IRC sender of that nick (no services), never a Matrix display name.
    expect([ircAccount, ircImpostor, ircOtherAccount, matrixBot, matrixImpostor].map((s) => isMeetingBot(['opendevmeet'], s))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    const t = new MeetingTracker(['@opendevmeet:opendev.org'], { clock: () => now });
    expect(t.observe(roomMsg(START, matrixImpostor), now)).toBe(false);
    expect(t.current('test', '#openstack-nova')).toBeUndefined();
    expect(t.observe(roomMsg(START, matrixBot), now)).toBe(true);
    expect(t.observe(roomMsg(END, matrixImpostor), now)).toBe(false);
    expect(t.current('test', '#openstack-nova')).toBeDefined();
  });

  it('keeps only a safe, short meeting name', () => {
    expect(safeMeetingName('nova')).toBe('nova');
    expect(safeMeetingName('\u0002\u0003nova\r\n#agreed evil https://x.example/')).toBe('nova_agreed_evil_https_x.example');
    expect(safeMeetingName('a'.repeat(500))).toHaveLength(48);
    expect(safeMeetingName('\u0000\u001f')).toBeUndefined();
    const t = new MeetingTracker(['opendevmeet'], { clock: () => now });
    t.observe(roomMsg(START, bot), now);
    t.observe(roomMsg("The meeting name has been set to 'nova\u0002 <b>x</b> @room'", bot), now);
    expect(t.current('test', '#openstack-nova')?.name).toBe('nova_b_x_b_room');
  });

  it('keeps a meeting across a restart and expires it 3 h after its start or 1 h after its last line', () => {
    let clock = now;
    const store = memoryStore();
    const t = new MeetingTracker(['opendevmeet'], { store, clock: () => clock });
    t.observe(roomMsg(START, bot), clock);
    const later = (min: number) => (clock = new Date(+now + min * 60_000));
    for (let m = 10; m <= 170; m += 20) t.observe(roomMsg('#info still talking', human), later(m));
    const again = new MeetingTracker(['opendevmeet'], { store, clock: () => clock });
    expect(again.current('test', '#openstack-nova')).toMatchObject({ startedAt: now });
    const events: MeetingEvent[] = [];
    again.onChange((e) => events.push(e));
    later(180);
    expect(again.current('test', '#openstack-nova')).toBeUndefined();
    expect(events.map((e) => e.kind)).toEqual(['expired']);
    expect(store.rows.size).toBe(0);

    clock = now;
    const idle = new MeetingTracker(['opendevmeet'], { store, clock: () => clock, limits: { idleMs: 3600_000 } });
    idle.observe(roomMsg(START, bot), clock);
    idle.observe(roomMsg('hello', human), later(30));
    later(89);
    expect(idle.current('test', '#openstack-nova')).toBeDefined();
    later(90);
    expect(idle.current('test', '#openstack-nova')).toBeUndefined();
  });
});
