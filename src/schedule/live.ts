// The wiring of `schedule.sync` for `cyclebot run`: the sync runner, the poster of its
// announcements, and what makes the poster try again (a meeting ended, a transport is back).
import type { ScheduleConfig } from './config.ts';
import type { Delivery, Reply } from '../core/types.ts';
import type { MeetingTracker } from '../meetings/tracker.ts';
import type { SourceHttpOptions } from '../sources/http.ts';
import type { SourceStateRepo } from '../sources/state-repo.ts';
import type { Db } from '../store/db.ts';
import { KvRepo } from '../store/kv-repo.ts';
import { NoticeRepo } from './notice-repo.ts';
import { NoticePoster } from './notices.ts';
import type { ScheduleRepo } from './repo.ts';
import { meetingHooks } from './scheduler.ts';
import { splitTarget, type ScheduleSettings } from './settings.ts';
import { ScheduleSyncRunner } from './sync-runner.ts';

export interface LiveScheduleOptions {
  db: Db;
  repo: ScheduleRepo;
  state: SourceStateRepo;
  /** Every served team's schedule settings (the changes that concern a team go to its channels). */
  teams: readonly ScheduleSettings[];
  sync: ScheduleConfig['sync'];
  http: SourceHttpOptions;
  meetings: MeetingTracker;
  post: (transport: string, room: string, reply: Reply) => Promise<boolean | Delivery>;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/** A started sync runner (null when schedule.sync.everyHours is 0) and a retry hook for transports. */
export function startScheduleSync(o: LiveScheduleOptions): { runner: ScheduleSyncRunner | null; transportBack: () => void } {
  if (o.sync.everyHours <= 0) return { runner: null, transportBack: () => undefined };
  const hooks = meetingHooks(o.meetings);
  const poster = new NoticePoster({
    notices: new NoticeRepo(o.db),
    post: (channel, reply) => {
      const { transport, room } = splitTarget(channel);
      return o.post(transport, room, reply);
    },
    meetingRunning: hooks.meetingRunning,
    log: o.log,
  });
  // A flush a late event starts after shutdown (the database closed) is logged, never thrown.
  const flush = () => void poster.flush().catch((err: unknown) => o.log.warn({ err }, 'schedule change announcements not posted'));
  o.meetings.onChange((e) => {
    if (e.kind !== 'started') flush();
  });
  const runner = new ScheduleSyncRunner({
    repo: o.repo,
    kv: new KvRepo(o.db, 'schedule-sync'),
    state: o.state,
    notices: new NoticeRepo(o.db),
    poster,
    teams: o.teams,
    baseUrl: o.sync.url,
    everyMs: o.sync.everyHours * 3600_000,
    http: o.http,
    log: o.log,
  });
  runner.start();
  return { runner, transportBack: flush };
}
