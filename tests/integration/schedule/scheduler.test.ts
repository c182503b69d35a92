// The reminder scheduler end to end: real SQLite file, fake clock and timers, a recording post.
import { describe, expect, it } from 'vitest';
import { planEntries } from '../../../src/cli/schedule.ts';
import type { Reply } from '../../../src/core/types.ts';
import { renderPlain } from '../../../src/core/formatting.ts';
import { MeetingTracker } from '../../../src/meetings/tracker.ts';
import { startReminders } from '../../../src/schedule/scheduler.ts';
import { teamEvent } from '../../../src/schedule/team.ts';
import { settingsFor } from '../../unit/schedule/helpers.ts';
import { FakeTime, instance, NOVA, tempDb, type Posted } from './harness.ts';

const summary = (posted: Posted[]) => posted.map((p) => `${p.at} ${p.lines.join(' | ')}`);

describe('a whole Flamingo cycle', () => {
  it('posts exactly what `schedule plan` lists, when it lists it, and sleeps between', async () => {
    const time = new FakeTime('2025-05-01T00:00:00Z');
    const posted: Posted[] = [];
    const a = instance(tempDb(), time, posted, { scheduler: { maxSleepMs: 6 * 3600_000 } });
    a.scheduler.start();
    await time.advanceTo('2025-10-15T00:00:00Z', a.settle);
    const plan = planEntries(
      a.repo,
      settingsFor({ channels: [NOVA] }),
      settingsFor({ channels: [NOVA] }).channels[0],
      new Date('2025-05-01T00:00Z'),
      new Date('2025-10-15T00:00Z'),
    );
    expect(summary(posted)).toEqual(plan.map((m) => `${m.at.toISOString()} ${m.entries.map((e) => e.text).join(' | ')}`));
    expect(posted).toHaveLength(23);
    expect(posted[9]).toEqual({
      at: '2025-06-26T09:00:00.000Z',
      channel: NOVA,
      by: 'a',
      lines: [
        '[Flamingo] Flamingo-2 milestone in 7 days (Thu 2025-07-03): milestone releases are tagged that week; membership freeze.',
        '[Flamingo] Nova Spec Freeze in 7 days (Thu 2025-07-03 23:59 UTC): all Nova specs for 2025.2 Flamingo must be approved by then; next: Nova Implementation Review Day, Tue Aug 5.',
      ],
    });
    // 167 days with a 6-hour cap: one wake per cap or reminder, no polling loop.
    expect(time.armed).toBeLessThan(167 * 4 + 2 * 23 + 10);
    expect(a.repo.ledgerInState('sent')).toHaveLength(28); // 23 messages, 5 of them with two reminders
    a.crash();
  });
});

describe('exactly once across restarts', () => {
  it('never posts again what was claimed before a crash, even if the post never finished', async () => {
    const file = tempDb();
    const time = new FakeTime('2025-06-26T08:00:00Z');
    const posted: Posted[] = [];
    // Instance A posts (the line reaches the channel) and then hangs: killed before it can mark it sent.
    const a = instance(file, time, posted, {
      name: 'a',
      post: (channel, reply) => {
        posted.push({ at: time.clock().toISOString(), channel, lines: reply.lines.map(renderPlain), by: 'a' });
        return new Promise<boolean>(() => undefined);
      },
    });
    a.scheduler.start();
    await time.advanceTo(time.now, a.settle);
    expect(a.scheduler.nextWake?.toISOString()).toBe('2025-06-26T08:15:00.000Z'); // capped sleep (15 min)
    await time.advanceTo('2025-06-26T09:00:00Z', async () => {
      await new Promise((r) => setImmediate(r));
    });
    expect(posted.map((p) => `${p.by} ${p.at} ${p.lines.length}`)).toEqual(['a 2025-06-26T09:00:00.000Z 2']);
    expect(a.repo.ledgerInState('claimed').map((r) => `${r.eventKey}/${r.offset}`)).toEqual(['flamingo:f-2/1w', 'flamingo:f-nova-spec-freeze/1w']);
    a.crash();

    // B: a new process on the same file, a minute later.
    time.jump(60_000);
    const b = instance(file, time, posted, { name: 'b' });
    b.scheduler.start();
    await time.advanceTo(time.now, b.settle);
    expect(posted).toHaveLength(1);
    expect(b.logs.filter((l) => l.level === 'warn').map((l) => `${l.event}/${l.offset} ${l.msg}`)).toEqual([
      'flamingo:f-2/1w reminder was claimed but its post was never confirmed (the bot stopped in between); not posting it again',
      'flamingo:f-nova-spec-freeze/1w reminder was claimed but its post was never confirmed (the bot stopped in between); not posting it again',
    ]);
    await time.advanceTo('2025-07-02T09:30:00Z', b.settle);
    expect(summary(posted).slice(1)).toEqual([
      '2025-07-02T09:00:00.000Z [Flamingo] Nova Spec Freeze tomorrow (Thu 2025-07-03 23:59 UTC): all Nova specs for 2025.2 Flamingo must be approved by then; next: Nova Implementation Review Day, Tue Aug 5.',
    ]);
    b.crash();
  });

  it('a crash while planned (sleeping) loses nothing: the next start posts it once, late only when it is', async () => {
    const file = tempDb();
    const time = new FakeTime('2025-06-26T08:00:00Z');
    const posted: Posted[] = [];
    const a = instance(file, time, posted, { name: 'a' });
    a.scheduler.start();
    await time.advanceTo('2025-06-26T08:30:00Z', a.settle);
    a.crash();
    time.jump('2025-06-26T09:02:00Z');
    const b = instance(file, time, posted, { name: 'b' });
    b.scheduler.start();
    await time.advanceTo(time.now, b.settle);
    b.crash();
    // C starts after it: nothing is posted twice.
    const c = instance(file, time, posted, { name: 'c' });
    c.scheduler.start();
    await time.advanceTo(time.now, c.settle);
    c.crash();
    expect(posted.map((p) => `${p.by} ${p.at} ${p.lines[0]}`)).toEqual([
      'b 2025-06-26T09:02:00.000Z [Flamingo] Flamingo-2 milestone in 7 days (Thu 2025-07-03): milestone releases are tagged that week; membership freeze.',
    ]);

    // Down through the next morning, back 5 hours late: posted, and it says so.
    time.jump('2025-07-02T14:00:00Z');
    const d = instance(file, time, posted, { name: 'd' });
    d.scheduler.start();
    await time.advanceTo(time.now, d.settle);
    expect(posted.at(-1)!.lines).toEqual([
      '[Flamingo] Late reminder (was due Wed 09:00 UTC): Nova Spec Freeze tomorrow (Thu 2025-07-03 23:59 UTC): all Nova specs for 2025.2 Flamingo must be approved by then; next: Nova Implementation Review Day, Tue Aug 5.',
    ]);
    d.crash();
  });

  it('skips and logs reminders older than the grace window', async () => {
    const file = tempDb();
    const time = new FakeTime('2025-06-26T15:30:00Z'); // 6 h 30 after the 09:00 reminders
    const posted: Posted[] = [];
    const a = instance(file, time, posted, { scheduler: { lookbackMs: 2 * 24 * 3600_000 } });
    a.scheduler.start();
    await time.advanceTo(time.now, a.settle);
    expect(posted).toEqual([]);
    expect(a.logs.filter((l) => l.msg === 'reminder skipped').map((l) => `${l.event}/${l.offset} ${l.dueAt} ${l.reason}`)).toEqual([
      'flamingo:f-2/1w 2025-06-26T09:00:00.000Z missed',
      'flamingo:f-nova-spec-freeze/1w 2025-06-26T09:00:00.000Z missed',
    ]);
    expect(a.repo.ledgerInState('skipped')).toHaveLength(2);
    a.crash();
  });

  it('two instances on one database post a reminder once', async () => {
    const file = tempDb();
    const time = new FakeTime('2025-06-26T08:59:00Z');
    const posted: Posted[] = [];
    const a = instance(file, time, posted, { name: 'a' });
    const b = instance(file, time, posted, { name: 'b' });
    a.scheduler.start();
    b.scheduler.start();
    await time.advanceTo('2025-06-26T09:05:00Z', async () => {
      await a.settle();
      await b.settle();
    });
    expect(posted.map((p) => `${p.by} ${p.at}`)).toHaveLength(1);
    a.crash();
    b.crash();
  });
});

describe('quiet rules', () => {
  it('holds reminders while a meeting runs and posts them when it ends (not "late")', async () => {
    const time = new FakeTime('2025-06-26T08:55:00Z');
    const posted: Posted[] = [];
    let meeting = true;
    const a = instance(tempDb(), time, posted, { meetingRunning: (c) => meeting && c === NOVA });
    a.scheduler.start();
    await time.advanceTo('2025-06-26T09:40:00Z', a.settle);
    expect(posted).toEqual([]);
    expect(a.logs.some((l) => l.msg === 'meeting running: reminders held until it ends')).toBe(true);
    meeting = false;
    a.scheduler.wake('meeting ended');
    await time.advanceTo('2025-06-26T09:40:00Z', a.settle);
    expect(posted.map((p) => `${p.at} ${p.lines.length} ${p.lines[0].slice(0, 40)}`)).toEqual([
      '2025-06-26T09:40:00.000Z 2 [Flamingo] Flamingo-2 milestone in 7 day',
    ]);
    a.crash();
  });

  it('gives no late reminder for a date added after the reminder was due, but reminds of it next time', async () => {
    const time = new FakeTime('2025-06-26T08:55:00Z');
    const posted: Posted[] = [];
    const a = instance(tempDb(), time, posted);
    a.scheduler.start();
    await time.advanceTo('2025-06-26T14:47:00Z', a.settle);
    // At 14:47 a chair adds a date for tomorrow: its 1-day reminder was due at 09:00, before it existed.
    a.repo.putEvent(teamEvent({ name: 'Spec review day', date: '2025-06-27' }, { project: 'nova', cycles: a.repo.cycles(), source: 'chat' }), +time.clock());
    await time.advanceTo('2025-06-27T10:00:00Z', a.settle);
    expect(summary(posted)).toEqual([
      expect.stringMatching(/^2025-06-26T09:00:00.000Z \[Flamingo\] Flamingo-2 milestone in 7 days/),
      '2025-06-27T09:00:00.000Z [Flamingo] Spec review day today (Fri 2025-06-27): the core team reviews together that day; next: Nova Spec Freeze, Thu Jul 3.',
    ]);
    expect(summary(posted).join('\n')).not.toMatch(/Late reminder/);
    expect(a.logs.filter((l) => l.msg === 'reminder skipped' && l.event === 'team:flamingo:spec-review-day').map((l) => `${l.offset} ${l.reason}`)).toEqual([
      '1d added later',
    ]);
    a.crash();
  });

  it('re-plans when an event moves, and the old date gets nothing more', async () => {
    const time = new FakeTime('2025-07-08T08:00:00Z');
    const posted: Posted[] = [];
    const a = instance(tempDb(), time, posted);
    const review = (date: string) => teamEvent({ name: 'Spec review day', date }, { project: 'nova', cycles: a.repo.cycles(), source: 'chat' });
    a.repo.putEvent(review('2025-07-10'), +time.clock());
    a.scheduler.start();
    await time.advanceTo('2025-07-09T12:00:00Z', a.settle);
    a.repo.putEvent(review('2025-07-15'), +time.clock());
    await time.advanceTo('2025-07-16T00:00:00Z', a.settle);
    expect(summary(posted)).toEqual([
      '2025-07-09T09:00:00.000Z [Flamingo] Spec review day tomorrow (Thu 2025-07-10): the core team reviews together that day; next: Nova Implementation Review Day, Tue Aug 5.',
      // The channel was told about Jul 10: the reminders of the new date say it moved.
      '2025-07-14T09:00:00.000Z [Flamingo] Spec review day (moved from Thu Jul 10) tomorrow (Tue 2025-07-15): the core team reviews together that day; next: Nova Implementation Review Day, Tue Aug 5.',
      '2025-07-15T09:00:00.000Z [Flamingo] Spec review day (moved from Thu Jul 10) today (Tue 2025-07-15): the core team reviews together that day; next: Nova Implementation Review Day, Tue Aug 5.',
    ]);
    a.crash();
  });

  it('survives the clock jumping back and forward', async () => {
    const time = new FakeTime('2025-06-26T08:50:00Z');
    const posted: Posted[] = [];
    const a = instance(tempDb(), time, posted);
    a.scheduler.start();
    await time.advanceTo('2025-06-26T10:00:00Z', a.settle);
    expect(posted).toHaveLength(1);
    time.jump('2025-06-25T20:00:00Z'); // NTP step backwards: nothing re-posted
    await time.advanceTo('2025-06-26T10:00:00Z', a.settle);
    expect(posted).toHaveLength(1);
    const logsBefore = a.logs.length;
    time.jump('2025-07-03T11:00:00Z'); // machine slept a week: the 1-day reminder is too old, the morning one is late
    await time.advanceTo('2025-07-03T11:30:00Z', a.settle);
    expect(posted.slice(1).map((p) => `${p.at} ${p.lines.join(' | ')}`)).toEqual([
      '2025-07-03T11:00:00.000Z [Flamingo] Late reminder (was due Thu 09:00 UTC): Flamingo-2 milestone today (Thu 2025-07-03): milestone releases are tagged that week; membership freeze. | ' +
        '[Flamingo] Late reminder (was due Thu 09:00 UTC): Nova Spec Freeze today (Thu 2025-07-03 23:59 UTC): all Nova specs for 2025.2 Flamingo must be approved by then; next: Nova Implementation Review Day, Tue Aug 5.',
    ]);
    expect(
      a.logs
        .slice(logsBefore)
        .filter((l) => l.msg === 'reminder skipped')
        .map((l) => `${l.event}/${l.offset} ${l.reason}`),
    ).toEqual(['flamingo:f-nova-spec-freeze/1d missed']);
    a.crash();
  });

  it('retries a post the transport refused, within the grace window, and posts it once', async () => {
    const time = new FakeTime('2025-06-26T08:59:00Z');
    const posted: Posted[] = [];
    let attempts = 0;
    const a = instance(tempDb(), time, posted, {
      post: async (channel: string, reply: Reply) => {
        attempts++;
        if (attempts === 1) return false;
        if (attempts === 2) throw new Error('not connected');
        posted.push({ at: time.clock().toISOString(), channel, lines: reply.lines.map(renderPlain), by: 'a' });
        return true;
      },
    });
    a.scheduler.start();
    await time.advanceTo('2025-06-26T09:30:00Z', a.settle);
    expect(attempts).toBe(3);
    expect(posted.map((p) => p.at)).toEqual(['2025-06-26T09:10:00.000Z']); // 09:00 refused, 09:05 threw, 09:10 posted
    expect(a.repo.ledgerInState('sent').map((r) => `${r.eventKey} ${r.attempts}`)).toEqual(['flamingo:f-2 3', 'flamingo:f-nova-spec-freeze 3']);
    expect(a.logs.filter((l) => l.level === 'warn').map((l) => l.error)).toEqual(['the transport could not post', 'not connected']);
    a.crash();
  });

  it('never posts again a reminder written but not confirmed (the connection dropped before the PONG)', async () => {
    const time = new FakeTime('2025-06-26T08:59:00Z');
    const posted: Posted[] = [];
    let attempts = 0;
    const a = instance(tempDb(), time, posted, {
      post: async () => {
        attempts++;
        return { delivered: false, reason: 'the connection dropped before the server confirmed it', unconfirmed: true };
      },
    });
    a.scheduler.start();
    await time.advanceTo('2025-06-26T10:00:00Z', a.settle);
    expect(attempts).toBe(1);
    expect(a.repo.ledgerInState('failed')).toEqual([]);
    expect(a.repo.ledgerInState('claimed').map((r) => `${r.eventKey} ${r.attempts}`)).toEqual(['flamingo:f-2 1', 'flamingo:f-nova-spec-freeze 1']);
    expect(a.logs.filter((l) => l.level === 'warn').map((l) => l.error)).toEqual(['the connection dropped before the server confirmed it']);
    a.crash();
  });

  it('startReminders: waits for the OpenDev meeting from its banners and posts when it ends', async () => {
    const time = new FakeTime('2025-06-26T08:58:00Z');
    const posted: Posted[] = [];
    const a = instance(tempDb(), time, posted);
    const meetings = new MeetingTracker(['opendevmeet'], { clock: time.clock });
    const banner = (text: string) =>
      meetings.observe(
        {
          transport: 'irc',
          room: '#openstack-nova',
          isPrivate: false,
          addressed: false,
          text,
          sender: { key: 'irc:nick:opendevmeet', display: 'opendevmeet' },
        },
        time.clock(),
      );
    const s = startReminders({
      repo: a.repo,
      settings: settingsFor({ channels: [NOVA] }),
      meetings,
      clock: time.clock,
      timers: time.timers,
      log: { debug() {}, info() {}, warn() {}, error() {} },
      post: async (transport, room, reply: Reply) => (
        posted.push({ at: time.clock().toISOString(), channel: `${transport}:${room}`, lines: reply.lines.map(renderPlain), by: 'run' }),
        true
      ),
    })!;
    const settle = async () => {
      await s.idle();
      await new Promise((r) => setImmediate(r));
    };
    await time.advanceTo('2025-06-26T08:59:00Z', settle);
    expect(banner('Meeting started Thu Jun 26 08:59:00 2025 UTC and is due to finish in 60 minutes.  The chair is bauzas.')).toBe(true);
    await time.advanceTo('2025-06-26T09:47:00Z', settle);
    expect(posted).toEqual([]);
    expect(banner('Meeting ended Thu Jun 26 09:47:00 2025 UTC.  Information about MeetBot at http://wiki.debian.org/MeetBot . (v 0.1.4)')).toBe(true);
    await time.advanceTo('2025-06-26T09:47:00Z', settle);
    expect(posted.map((p) => `${p.by} ${p.channel} ${p.at} ${p.lines.length}`)).toEqual(['run irc:#openstack-nova 2025-06-26T09:47:00.000Z 2']);
    s.stop();
    a.crash();
  });
});
