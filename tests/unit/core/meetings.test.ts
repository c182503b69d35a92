import { describe, expect, it } from 'vitest';
import { MeetingTracker, type MeetingEvent } from '../../../src/core/meetings.ts';
import { roomMsg } from '../../helpers/messages.ts';

const bot = { key: 'irc:nick:opendevmeet', display: 'opendevmeet' };
const human = { key: 'irc:nick:gibi', display: 'gibi' };
const now = new Date('2025-06-03T16:00:00Z');

describe('MeetingTracker', () => {
  it('follows the meeting bot banners, not humans', () => {
    const t = new MeetingTracker(['opendevmeet']);
    const events: MeetingEvent[] = [];
    t.onChange((e) => events.push(e));
    expect(t.observe(roomMsg('Meeting started Tue Jun  3 16:00:12 2025 UTC and is due to finish in 60 minutes.  The chair is bauzas.', human), now)).toBe(false);
    expect(t.current('test', '#openstack-nova')).toBeUndefined();
    t.observe(roomMsg('Meeting started Tue Jun  3 16:00:12 2025 UTC and is due to finish in 60 minutes.  The chair is bauzas. Information about MeetBot at http://wiki.debian.org/MeetBot.', bot), now);
    t.observe(roomMsg("The meeting name has been set to 'nova'", bot), now);
    expect(t.current('test', '#openstack-nova')).toMatchObject({ name: 'nova', startedAt: now });
    t.observe(roomMsg('Meeting ended Tue Jun  3 17:00:01 2025 UTC.  Information about MeetBot at http://wiki.debian.org/MeetBot . (v 0.1.4)', bot), now);
    expect(t.current('test', '#openstack-nova')).toBeUndefined();
    expect(events.map((e) => e.kind)).toEqual(['started', 'ended']);
  });
});
