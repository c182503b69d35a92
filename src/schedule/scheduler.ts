// The reminder timer: one scheduler that sleeps until the next due reminder, posts each reminder
// at most once per channel, and survives restarts, clock jumps and the machine sleeping.
//
// Exactly-once, and which side of it we take. A reminder's ledger row (channel, event, offset,
// event date) is INSERTed as 'claimed' in the same transaction that decides to post it, before
// posting; the post then runs and the row becomes 'sent' only when the transport reports that
// the server took it (IRC: confirmed in a channel we are in; Matrix: an event id), else 'failed'
// with the transport's reason — those are retried, still inside the grace window. A second
// instance, or this one after a restart, finds the row and never posts it again. The only
// window left is a crash (kill -9) between the claim and the line reaching the server: that
// reminder is lost, not doubled — at-most-once, because "a restart never posts twice" matters
// more than one lost line (IRC has no idempotent send to make a re-post safe). Such rows stay
// 'claimed' and are logged at start.
//
// Timing. Each pass re-reads the clock and the events, records what is due, and sets one timer
// for the next due reminder, capped (maxSleepMs) so a jumped clock or a suspended machine is
// noticed; it never polls while nothing is due. Event changes (repo.onChange) and meeting ends
// (wake()) start a pass at once.
import { realTimers, type Timers } from '../core/timers.ts';
import type { Delivery, Reply } from '../core/types.ts';
import type { MeetingTracker } from '../meetings/tracker.ts';
import { ledgerId, type ScheduleRepo } from './repo.ts';
import { HOUR_MS, planChannel, triage } from './planner.ts';
import { splitTarget, type ChannelSettings, type ScheduleSettings } from './settings.ts';
import type { PlannedReminder, ScheduleEvent } from './types.ts';
import { reminderMessage, reminderText, type WordingContext } from './wording.ts';
import { dropRepeats, keyOf, movedFrom } from './heard.ts';

export interface SchedulerLog {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SchedulerOptions {
  repo: ScheduleRepo;
  settings: ScheduleSettings;
  clock: () => Date;
  /** Posts to "<transport>:<room>"; false, an undelivered Delivery or a throw means it was not posted. */
  post: (channel: string, reply: Reply) => Promise<boolean | Delivery>;
  /** An OpenDev meeting is running in the channel: hold reminders until it ends. */
  meetingRunning: (channel: string) => boolean;
  log: SchedulerLog;
  timers?: Timers;
  /** Longest single sleep (a clock jump or machine sleep is noticed within it). Default 15 min. */
  maxSleepMs?: number;
  /** While a meeting holds reminders, look again this often (besides wake()). Default 5 min. */
  meetingRecheckMs?: number;
  /** Retry a failed post after this long, within the grace window. Default 5 min. */
  retryMs?: number;
  /** At most one reminder message per channel per this long. Default 1 h. */
  gapMs?: number;
  /** A reminder posted this long after it was due (for downtime) says it is late. Default 10 min. */
  lateAfterMs?: number;
  /** How far back due reminders are looked at (older ones are ignored, not logged). Default 7 days. */
  lookbackMs?: number;
}

export class ReminderScheduler {
  private timer: unknown = null;
  private wakeAt: Date | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  /** Transports whose failed posts the next pass retries without waiting for retryMs. */
  private readonly retryNow = new Set<string>();
  private stopped = true;
  private unsubscribe: (() => void) | null = null;
  /** Bumped by our own event changes; with the database's data_version it says when to re-plan. */
  private localVersion = 0;
  private plan: { version: string; events: readonly ScheduleEvent[]; byChannel: Map<string, PlannedReminder[]> } | null = null;
  /** Reminders held by a meeting or the hourly limit: posting them later is not "late". */
  private readonly held = new Set<string>();
  private readonly timers: Timers;
  private readonly o: Required<Omit<SchedulerOptions, 'timers'>>;

  constructor(opts: SchedulerOptions) {
    this.timers = opts.timers ?? realTimers;
    this.o = {
      maxSleepMs: 15 * 60_000,
      meetingRecheckMs: 5 * 60_000,
      retryMs: 5 * 60_000,
      gapMs: HOUR_MS,
      lateAfterMs: 10 * 60_000,
      lookbackMs: 7 * 24 * HOUR_MS,
      ...opts,
    };
  }

  /** When the timer is set to fire next (null while stopped or running). */
  get nextWake(): Date | null {
    return this.wakeAt;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    for (const row of this.o.repo.ledgerInState('claimed')) {
      if ((row.claimedAt ?? 0) < +this.o.clock() - this.o.lookbackMs) continue;
      this.o.log.warn(
        { channel: row.channel, event: row.eventKey, offset: row.offset, claimedAt: new Date(row.claimedAt ?? 0).toISOString() },
        'reminder was claimed but its post was never confirmed (the bot stopped in between); not posting it again',
      );
    }
    this.unsubscribe = this.o.repo.onChange(() => {
      this.localVersion++;
      this.wake('events changed');
    });
    this.wake('start');
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.clearTimer();
  }

  /** Runs a pass now (events changed, a meeting ended, the transport reconnected). */
  wake(reason = 'wake'): void {
    if (this.stopped) return;
    this.o.log.debug({ reason }, 'scheduler woken');
    this.clearTimer();
    this.wakeAt = this.o.clock();
    this.timer = this.timers.setTimeout(() => void this.tick(), 0);
  }

  /**
   * A transport is back (reconnected and rejoined): its failed posts are tried again now rather
   * than retryMs after they failed, still only within the grace window.
   */
  retryFailed(transport: string): void {
    this.retryNow.add(transport);
    this.wake(`${transport} is back`);
  }

  /** Resolves when the pass under way (if any) is over. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** One pass (tests call it directly); overlapping calls run one more pass after the current one. */
  tick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.clearTimer();
    this.running = (async () => {
      let next = Infinity;
      try {
        do {
          this.again = false;
          next = await this.pass();
        } while (this.again && !this.stopped);
      } catch (err) {
        this.o.log.error({ err }, 'scheduler pass failed; trying again later');
        next = +this.o.clock() + this.o.retryMs;
      } finally {
        this.running = null;
      }
      this.arm(next);
    })();
    return this.running;
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.wakeAt = null;
  }

  private arm(nextMs: number): void {
    if (this.stopped) return;
    const now = +this.o.clock();
    const delay = Math.max(0, Math.min(nextMs - now, this.o.maxSleepMs));
    this.clearTimer();
    this.wakeAt = new Date(now + delay);
    this.timer = this.timers.setTimeout(() => void this.tick(), delay);
    this.o.log.debug({ nextWake: this.wakeAt.toISOString(), due: Number.isFinite(nextMs) ? new Date(nextMs).toISOString() : null }, 'scheduler sleeping');
  }

  /** Every reminder of every channel, planned again only when events changed (here or in another process). */
  private plans(): { events: readonly ScheduleEvent[]; byChannel: Map<string, PlannedReminder[]> } {
    const version = `${this.localVersion}:${this.o.repo.dataVersion()}`;
    if (this.plan?.version !== version) {
      const events = this.o.repo.events();
      const all = [new Date(-8.64e15), new Date(8.64e15)] as const;
      this.plan = { version, events, byChannel: new Map(this.o.settings.channels.map((c) => [c.target, planChannel(events, this.o.settings, c, ...all)])) };
    }
    return this.plan;
  }

  /** Posts what is due, skips what is too old; returns when the next pass is needed (epoch ms). */
  private async pass(): Promise<number> {
    const now = this.o.clock();
    const { repo, settings } = this.o;
    const { events, byChannel } = this.plans();
    const ctx = (channel: ChannelSettings): WordingContext => ({ settings, channel, cycles: new Map(repo.cycles().map((c) => [c.name, c])), events });
    let next = Infinity;
    const early = new Set(this.retryNow);
    this.retryNow.clear();
    for (const channel of settings.channels) {
      const from = new Date(+now - this.o.lookbackMs);
      const retryEarly = early.has(splitTarget(channel.target).transport);
      const planned = byChannel.get(channel.target)!.filter((r) => +r.at >= +from);
      const ledger = new Map(repo.ledger(channel.target, +from).map((row) => [ledgerId(row), row]));
      const due: PlannedReminder[] = [];
      for (const r of planned) {
        const row = ledger.get(ledgerId(keyOf(r)));
        if (+r.at > +now) {
          if (!row) {
            next = Math.min(next, +r.at);
            break; // sorted by time: nothing later is due sooner
          }
        } else if (!row) {
          due.push(r);
        } else if (row.state === 'failed') {
          const retryAt = retryEarly ? 0 : (row.doneAt ?? 0) + this.o.retryMs;
          if (retryAt <= +now) due.push(r);
          else next = Math.min(next, retryAt);
        }
      }
      if (due.length === 0) continue;
      // A team date added after a reminder's time gets no late reminder for that time.
      const added = repo.ownEventTimes();
      const { post, skip } = triage(due, now, settings.graceMs, (r) => added.get(r.event.key));
      if (skip.length) {
        repo.skip(
          skip.map(({ r, reason }) => ({ ...keyOf(r), dueAt: +r.at, note: reason })),
          +now,
        );
        for (const { r, reason } of skip) {
          this.held.delete(ledgerId(keyOf(r)));
          this.o.log.info({ channel: channel.target, event: r.event.key, offset: r.offset, dueAt: r.at.toISOString(), reason }, 'reminder skipped');
        }
      }
      if (post.length === 0) continue;
      if (this.o.meetingRunning(channel.target)) {
        for (const r of post) this.held.add(ledgerId(keyOf(r)));
        this.o.log.info({ channel: channel.target, reminders: post.length }, 'meeting running: reminders held until it ends');
        next = Math.min(next, +now + this.o.meetingRecheckMs);
        continue;
      }
      const last = repo.lastPostAt(channel.target);
      if (last !== null && +now - last < this.o.gapMs) {
        for (const r of post) this.held.add(ledgerId(keyOf(r)));
        next = Math.min(next, last + this.o.gapMs);
        continue;
      }
      const failedAt = await this.send(channel, post, now, ctx(channel));
      if (failedAt !== null) next = Math.min(next, failedAt + this.o.retryMs);
    }
    return next;
  }

  /** Claims, posts and marks one message; returns when it failed (epoch ms), else null. */
  private async send(channel: ChannelSettings, due: PlannedReminder[], now: Date, ctx: WordingContext): Promise<number | null> {
    const { repo, log } = this.o;
    const lined = due.map((r) => {
      const late = +now - +r.at >= this.o.lateAfterMs && !this.held.has(ledgerId(keyOf(r)));
      return { item: r, text: reminderText(r, now, ctx, late, movedFrom(repo, r, ctx.events)) };
    });
    // Never the same line twice in a channel: a repeat is recorded as skipped, not posted.
    const { fresh, repeats } = dropRepeats(repo, channel.target, lined, now, +now - this.o.lookbackMs);
    for (const r of repeats) this.held.delete(ledgerId(keyOf(r)));
    if (repeats.length)
      log.info({ channel: channel.target, reminders: repeats.map((r) => `${r.event.key}/${r.offset}`) }, 'reminder skipped: same text already posted');
    if (fresh.length === 0) return null;
    due = fresh.map((l) => l.item);
    const texts = new Map(fresh.map((l) => [ledgerId(keyOf(l.item)), l.text]));
    const claimed = repo.claim(
      due.map((r) => ({ ...keyOf(r), dueAt: +r.at })),
      [...texts.values()].join('\n'),
      +now,
    );
    for (const r of due) this.held.delete(ledgerId(keyOf(r)));
    if (claimed.length === 0) return null;
    const lines = claimed.map((k) => texts.get(ledgerId(k))!);
    const reply = reminderMessage(lines);
    const what = { channel: channel.target, reminders: claimed.map((k) => `${k.eventKey}/${k.offset}`) };
    log.info(what, 'reminders claimed; posting');
    let ok = false;
    let unconfirmed = false;
    let error = 'the transport could not post';
    try {
      const d = await this.o.post(channel.target, { ...reply, kind: 'reminder' });
      ok = typeof d === 'boolean' ? d : d.delivered;
      unconfirmed = typeof d !== 'boolean' && !!d.unconfirmed;
      if (typeof d !== 'boolean' && d.reason) error = d.reason;
    } catch (err) {
      error = (err as Error).message || String(err);
    }
    const done = +this.o.clock();
    if (ok) {
      repo.markSent(claimed, done);
      log.info(what, 'reminders posted');
      return null;
    }
    if (unconfirmed) {
      // It may have been read (written, then the connection dropped before the server confirmed
      // it): the row stays claimed, as after a crash mid-post, and is never posted again.
      log.warn({ ...what, error }, 'reminder written but not confirmed; not posted again (at most once)');
      return null;
    }
    repo.markFailed(claimed, done, error);
    log.warn({ ...what, error }, 'reminder post failed; retrying within the grace window');
    return done;
  }
}

/** Hooks a MeetingTracker to a scheduler: reminders wait for a running meeting and go out when it ends. */
export function meetingHooks(tracker: MeetingTracker): { meetingRunning: (channel: string) => boolean; wakeOnEnd: (s: ReminderScheduler) => void } {
  return {
    meetingRunning: (channel) => {
      const { transport, room } = splitTarget(channel);
      return tracker.current(transport, room) !== undefined;
    },
    wakeOnEnd: (s) => tracker.onChange((e) => e.kind !== 'started' && s.wake(`meeting ${e.kind}`)),
  };
}

export interface StartRemindersOptions {
  repo: ScheduleRepo;
  settings: ScheduleSettings;
  /** Bot.post: posts to a room on the named transport; delivered only when the server took it. */
  post: (transport: string, room: string, reply: Reply) => Promise<boolean | Delivery>;
  meetings: MeetingTracker;
  log: SchedulerLog;
  clock?: () => Date;
  timers?: Timers;
}

/** The wiring for `cyclebot run`: a started scheduler (null when no channel is configured). */
export function startReminders(o: StartRemindersOptions): ReminderScheduler | null {
  if (o.settings.channels.length === 0) return null;
  const hooks = meetingHooks(o.meetings);
  const scheduler = new ReminderScheduler({
    repo: o.repo,
    settings: o.settings,
    clock: o.clock ?? (() => new Date()),
    timers: o.timers,
    log: o.log,
    meetingRunning: hooks.meetingRunning,
    post: (channel, reply) => {
      const { transport, room } = splitTarget(channel);
      return o.post(transport, room, reply);
    },
  });
  hooks.wakeOnEnd(scheduler);
  scheduler.start();
  return scheduler;
}
