// Moved and withdrawn milestones, told once in the channels of each team they concern: which
// changes of a sync are worth a line (a team's reminded events still ahead), the line itself ("[Indri] Nova Spec
// Freeze moved: Thu Jan 7 → Thu Jan 14; its reminders follow the new date."), and the poster that
// sends what is pending, one message per channel, claimed before posting (at most once).
import type { Delivery, Reply } from '../core/types.ts';
import { capitalise } from './kinds.ts';
import type { NoticeRepo } from './notice-repo.ts';
import { isReminded, type ScheduleSettings } from './settings.ts';
import type { SyncChange } from './sync.ts';
import { eventEnd, formatShortDay, occurrenceOf } from './time.ts';
import type { ScheduleEvent } from './types.ts';

const when = (e: ScheduleEvent) => `${formatShortDay(e)}${e.time ? ` ${e.time} UTC` : ''}`;

/** The announcement of one change, or null when the team is not told (added, another team's, over). */
export function noticeText(c: SyncChange, settings: ScheduleSettings, now: Date): string | null {
  if (c.kind === 'added' || !c.before) return null;
  const e = c.after ?? c.before;
  if (!isReminded(e, settings)) return null;
  const ahead = (x: ScheduleEvent | undefined) => x !== undefined && +eventEnd(x) > +now;
  if (!ahead(c.before) && !ahead(c.after)) return null;
  const tag = `[${capitalise(e.cycle)}]`;
  if (c.kind === 'moved' && c.after) return `${tag} ${e.title} moved: ${when(c.before)} → ${when(c.after)}; its reminders follow the new date.`;
  return `${tag} ${e.title} (${when(c.before)}) was withdrawn from the release schedule; its reminders are cancelled.`;
}

/** A removed event that an added one replaces with the same cycle, title and date: its id was renamed upstream, nothing moved. */
function renamed(c: SyncChange, changes: SyncChange[]): boolean {
  const was = c.kind === 'removed' ? c.before : undefined;
  return (
    was !== undefined &&
    changes.some((a) => a.kind === 'added' && a.after?.cycle === was.cycle && a.after.title === was.title && occurrenceOf(a.after) === occurrenceOf(was))
  );
}

/** A channel as compared: IRC channel names ignore case, Matrix room ids do not (as teams/config.ts channelKey). */
const channelKey = (target: string) => (target.startsWith('irc:') ? target.toLowerCase() : target);

/**
 * Records the notices of a sync's changes (none for a renamed id), run inside the sync's
 * transaction. Each team hears the changes that concern it (a cross-project event: every team; a
 * project's event: that project's team) in its reminder channels; a channel several teams name
 * (shared, or listed by two teams) gets each announcement once.
 */
export function recordNotices(changes: SyncChange[], teams: readonly ScheduleSettings[], notices: NoticeRepo, now: Date): number {
  let n = 0;
  for (const c of changes) {
    if (c.kind === 'added' || renamed(c, changes)) continue;
    const told = new Set<string>();
    for (const settings of teams) {
      const text = noticeText(c, settings, now);
      if (text === null) continue;
      for (const ch of settings.channels) {
        if (told.has(channelKey(ch.target))) continue;
        told.add(channelKey(ch.target));
        notices.add({ channel: ch.target, eventKey: c.key, change: c.kind, text }, +now);
        n++;
      }
    }
  }
  return n;
}

export interface NoticePosterOptions {
  notices: NoticeRepo;
  /** Posts to "<transport>:<room>"; false, an undelivered Delivery or a throw means not posted. */
  post: (channel: string, reply: Reply) => Promise<boolean | Delivery>;
  meetingRunning: (channel: string) => boolean;
  clock?: () => Date;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  /** A notice not posted within this long is dropped (news that old is noise). Default 3 days. */
  maxAgeMs?: number;
}

export class NoticePoster {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly o: NoticePosterOptions) {}

  /** Posts every pending notice; calls while one runs make it run once more. */
  flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.pass();
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async pass(): Promise<void> {
    const { notices, log } = this.o;
    const now = +(this.o.clock?.() ?? new Date());
    const byChannel = new Map<string, { id: number; text: string }[]>();
    for (const n of notices.unsent()) {
      if (now - n.createdAt > (this.o.maxAgeMs ?? 3 * 86_400_000)) {
        notices.mark([n.id], 'skipped', now, 'not posted within the time a change is news');
        continue;
      }
      byChannel.set(n.channel, [...(byChannel.get(n.channel) ?? []), { id: n.id, text: n.text }]);
    }
    for (const [channel, list] of byChannel) {
      // An OpenDev meeting is running there: told when it ends (the caller flushes again).
      if (this.o.meetingRunning(channel)) continue;
      const ids = notices.claim(
        list.map((n) => n.id),
        now,
      );
      if (ids.length === 0) continue;
      const lines = list.filter((n) => ids.includes(n.id)).map((n) => [n.text]);
      let d: boolean | Delivery;
      try {
        d = await this.o.post(channel, { lines, kind: 'reminder' });
      } catch (err) {
        d = { delivered: false, reason: (err as Error).message };
      }
      const done = +(this.o.clock?.() ?? new Date());
      if (d === true || (typeof d === 'object' && d.delivered)) {
        notices.mark(ids, 'sent', done);
        log.info({ channel, notices: ids.length }, 'schedule change announced');
      } else if (typeof d === 'object' && d.unconfirmed) {
        log.warn({ channel, notices: ids.length }, 'schedule change written but not confirmed; not posted again (at most once)');
      } else {
        notices.mark(ids, 'failed', done, typeof d === 'object' ? (d.reason ?? null) : null);
        log.warn({ channel, notices: ids.length }, 'schedule change announcement failed; tried again when the transport is back or at the next sync');
      }
    }
  }
}
