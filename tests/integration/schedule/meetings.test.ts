// Reminders held by an OpenDev meeting, with the meeting kept in SQLite: a restart mid-meeting
// keeps holding them; a meeting whose "Meeting ended" was missed expires (1 h after its last line,
// 3 h after it started) and the held reminders are then posted once, not skipped.
import { describe, expect, it } from 'vitest';
import { MeetingTracker } from '../../../src/meetings/tracker.ts';
import type { Identity } from '../../../src/core/types.ts';
import { meetingHooks } from '../../../src/schedule/scheduler.ts';
import { MeetingRepo } from '../../../src/meetings/repo.ts';
import { FakeTime, instance, tempDb, type Instance, type Posted } from './harness.ts';

const meetbot: Identity = { key: 'irc:nick:opendevmeet', display: 'opendevmeet' };
const human: Identity = { key: 'irc:bauzas', display: 'bauzas', account: 'bauzas' };

function bot(file: string, time: FakeTime, posted: Posted[], name: string): Instance & { say(text: string, who?: Identity): void } {
  let tracker: MeetingTracker | null = null;
  const a = instance(file, time, posted, { name, meetingRunning: (ch) => meetingHooks(tracker!).meetingRunning(ch) });
  tracker = new MeetingTracker(['opendevmeet'], { store: new MeetingRepo(a.db), clock: time.clock });
  meetingHooks(tracker).wakeOnEnd(a.scheduler);
  const t = tracker;
  return Object.assign(a, {
    say: (text: string, who: Identity = human) =>
      void t.observe({ transport: 'irc', room: '#openstack-nova', isPrivate: false, addressed: false, text, sender: who }, time.clock()),
  });
}

const STARTED = 'Meeting started Thu Jun 26 08:59:00 2025 UTC and is due to finish in 60 minutes.  The chair is bauzas.';
const ENDED = 'Meeting ended Thu Jun 26 09:47:00 2025 UTC.  Information about MeetBot at http://wiki.debian.org/MeetBot . (v 0.1.4)';
const when = (posted: Posted[]) => posted.map((p) => `${p.by} ${p.at} ${p.lines.length}`);

describe('meetings hold reminders, durably and boundedly', () => {
  it('keeps holding after a restart mid-meeting and posts once when it ends', async () => {
    const file = tempDb();
    const time = new FakeTime('2025-06-26T08:58:00Z');
    const posted: Posted[] = [];
    const a = bot(file, time, posted, 'a');
    a.scheduler.start();
    await time.advanceTo('2025-06-26T08:59:00Z', a.settle);
    a.say(STARTED, meetbot);
    await time.advanceTo('2025-06-26T09:05:00Z', a.settle);
    expect(posted).toEqual([]);
    a.crash();

    const b = bot(file, time, posted, 'b');
    b.scheduler.start();
    for (const t of ['09:10', '09:20', '09:30', '09:40']) {
      await time.advanceTo(`2025-06-26T${t}:00Z`, b.settle);
      b.say('#topic open discussion');
    }
    expect(posted).toEqual([]); // still held: the meeting came back from the database
    await time.advanceTo('2025-06-26T09:47:00Z', b.settle);
    b.say(ENDED, meetbot);
    await time.advanceTo('2025-06-26T09:48:00Z', b.settle);
    expect(when(posted)).toEqual(['b 2025-06-26T09:47:00.000Z 2']);
    await time.advanceTo('2025-06-26T18:00:00Z', b.settle);
    expect(posted).toHaveLength(1);
    expect(
      b.repo
        .ledgerInState('skipped')
        .filter((r) => r.offset === '1w')
        .map((r) => `${r.eventKey}/${r.offset} ${r.note}`),
    ).toEqual([]);
    b.crash();
  });

  it('expires a meeting whose end was missed (1 h after its last line) and posts the held reminders then', async () => {
    const time = new FakeTime('2025-06-26T08:58:00Z');
    const posted: Posted[] = [];
    const a = bot(tempDb(), time, posted, 'a');
    a.scheduler.start();
    await time.advanceTo('2025-06-26T08:59:00Z', a.settle);
    a.say(STARTED, meetbot);
    await time.advanceTo('2025-06-26T09:30:00Z', a.settle);
    a.say('thanks all');
    await time.advanceTo('2025-06-26T10:29:00Z', a.settle);
    expect(posted).toEqual([]);
    await time.advanceTo('2025-06-26T10:40:00Z', a.settle);
    expect(posted).toHaveLength(1);
    expect(+new Date(posted[0].at)).toBeLessThanOrEqual(+new Date('2025-06-26T10:35:00Z')); // within a recheck of the expiry
    expect(a.repo.ledgerInState('sent').map((r) => r.eventKey)).toHaveLength(2);
    expect(
      a.repo
        .ledgerInState('skipped')
        .filter((r) => r.offset === '1w')
        .map((r) => `${r.eventKey}/${r.offset} ${r.note}`),
    ).toEqual([]);
    a.crash();
  });

  it('drops at start a stored meeting that is over (3 h after it started), and posts', async () => {
    const file = tempDb();
    const time = new FakeTime('2025-06-26T08:58:00Z');
    const posted: Posted[] = [];
    const a = bot(file, time, posted, 'a');
    a.scheduler.start();
    await time.advanceTo('2025-06-26T08:59:00Z', a.settle);
    a.say(STARTED, meetbot);
    await time.advanceTo('2025-06-26T09:01:00Z', a.settle);
    a.crash();
    time.jump('2025-06-26T12:00:00Z');
    const b = bot(file, time, posted, 'b');
    b.scheduler.start();
    await time.advanceTo('2025-06-26T12:01:00Z', b.settle);
    expect(when(posted)).toEqual(['b 2025-06-26T12:00:00.000Z 2']);
    expect(b.db.prepare('SELECT count(*) AS n FROM meeting_running').get()).toEqual({ n: 0 });
    b.crash();
  });
});
