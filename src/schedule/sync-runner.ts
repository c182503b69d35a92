// `schedule.sync` in `cyclebot run`: the release schedule synced from the openstack/releases tree
// every everyHours (conditional requests; see sync.ts), the changes' announcements recorded in the
// same transaction and then posted. The last attempt, success and error are kept in source_state
// (key "schedule:<base>"), so a restart waits out the interval and !status shows a failing sync.
// One sync at a time; stop() aborts a request under way and writes nothing after it (PeriodicJob).
import { PeriodicJob } from '../core/periodic.ts';
import type { Timers } from '../core/timers.ts';
import type { KvRepo } from '../store/kv-repo.ts';
import type { SourceHttpOptions } from '../sources/http.ts';
import type { SourceStateRepo } from '../sources/state-repo.ts';
import type { NoticePoster } from './notices.ts';
import { recordNotices } from './notices.ts';
import type { NoticeRepo } from './notice-repo.ts';
import type { ScheduleRepo } from './repo.ts';
import type { ScheduleSettings } from './settings.ts';
import { scheduleBase, syncSchedules, type SyncResult } from './sync.ts';

export interface SyncRunnerOptions {
  repo: ScheduleRepo;
  kv: KvRepo;
  state: SourceStateRepo;
  notices: NoticeRepo;
  poster: NoticePoster;
  /** Every served team's schedule settings: each hears the changes that concern it. */
  teams: readonly ScheduleSettings[];
  baseUrl: string;
  everyMs: number;
  http: SourceHttpOptions;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  clock?: () => Date;
  timers?: Timers;
  /** The first sync waits at least this long after start (the chat connects first). Default 1 min. */
  firstDelayMs?: number;
}

/** The source_state key of a releases tree. */
export const syncStateKey = (baseUrl: string) => `schedule:${scheduleBase(baseUrl)}`;

export class ScheduleSyncRunner extends PeriodicJob {
  private startedAt = 0;

  constructor(private readonly o: SyncRunnerOptions) {
    super(o);
  }

  private now(): number {
    return +this.clock();
  }

  protected override started(): void {
    this.startedAt = this.now();
    // Announcements a stop or a crash left pending.
    void this.o.poster.flush().catch((err: unknown) => this.o.log.warn({ err }, 'schedule change announcements not posted'));
  }

  /** Syncs (tests call tick() to run it now). */
  protected override async run(): Promise<void> {
    await this.sync();
  }

  /** everyMs after the last attempt, and not before firstDelayMs after start. */
  protected override nextDue(): number {
    const last = this.o.state.get(syncStateKey(this.o.baseUrl))?.checkedAt;
    return Math.max(last == null ? -Infinity : last + this.o.everyMs, this.startedAt + (this.o.firstDelayMs ?? 60_000));
  }

  private async sync(): Promise<SyncResult | null> {
    const { state, log } = this.o;
    const key = syncStateKey(this.o.baseUrl);
    try {
      let recorded = 0;
      const r = await syncSchedules(this.o.repo, this.o.kv, {
        baseUrl: this.o.baseUrl,
        http: { ...this.o.http, signal: this.abort.signal },
        inTransaction: (result) => {
          if (this.closing) throw new Error('stopping');
          const now = this.now();
          recorded = recordNotices(result.changes, this.o.teams, this.o.notices, new Date(now));
          state.succeeded(key, now, { changed: result.changes.length > 0 });
        },
      });
      if (r.changes.length) log.info({ changes: r.changes.map((c) => c.line), announcements: recorded }, 'release schedule changed');
      else log.info({ series: r.series, notModified: r.notModified, requests: r.requests }, 'release schedule unchanged');
      await this.o.poster.flush();
      return r;
    } catch (err) {
      if (this.closing) return null;
      const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
      state.failed(key, this.now(), message);
      log.warn({ url: this.o.baseUrl, error: message }, 'schedule sync failed; the schedule stays as it was');
      return null;
    }
  }
}
