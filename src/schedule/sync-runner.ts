// `schedule.sync` in `cyclebot run`: the release schedule synced from the openstack/releases tree
// every everyHours (conditional requests; see sync.ts), the changes' announcements recorded in the
// same transaction and then posted. The last attempt, success and error are kept in source_state
// (key "schedule:<base>"), so a restart waits out the interval and !status shows a failing sync.
// One sync at a time; stop() aborts a request under way and writes nothing after it.
import type { KvRepo } from '../store/kv-repo.ts';
import type { SourceHttpOptions } from '../sources/http.ts';
import type { SourceStateRepo } from '../sources/state-repo.ts';
import type { NoticePoster } from './notices.ts';
import { recordNotices } from './notices.ts';
import type { NoticeRepo } from './notice-repo.ts';
import type { ScheduleRepo } from './repo.ts';
import type { Timers } from './scheduler.ts';
import type { ScheduleSettings } from './settings.ts';
import { scheduleBase, syncSchedules, type SyncResult } from './sync.ts';

export interface SyncRunnerOptions {
  repo: ScheduleRepo;
  kv: KvRepo;
  state: SourceStateRepo;
  notices: NoticeRepo;
  poster: NoticePoster;
  settings: ScheduleSettings;
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

export class ScheduleSyncRunner {
  private timer: unknown = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private closing = false;
  private abort = new AbortController();
  private startedAt = 0;
  nextWake: Date | null = null;

  private readonly timers: Timers;

  constructor(private readonly o: SyncRunnerOptions) {
    this.timers = o.timers ?? {
      setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    };
  }

  private now(): number {
    return +(this.o.clock?.() ?? new Date());
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.closing = false;
    this.abort = new AbortController();
    this.startedAt = this.now();
    // Announcements a stop or a crash left pending.
    void this.o.poster.flush().catch((err: unknown) => this.o.log.warn({ err }, 'schedule change announcements not posted'));
    this.arm();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.closing = true;
    this.abort.abort();
    this.clearTimer();
    await this.running;
  }

  /** Syncs now (tests call it directly); a call while one runs joins it. */
  tick(): Promise<void> {
    if (this.running) return this.running;
    this.clearTimer();
    this.running = (async () => {
      try {
        await this.sync();
      } finally {
        this.running = null;
        this.arm();
      }
    })();
    return this.running;
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
          recorded = recordNotices(result.changes, this.o.settings, this.o.notices, new Date(now));
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

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.nextWake = null;
  }

  private arm(): void {
    this.clearTimer();
    if (this.stopped) return;
    const now = this.now();
    const last = this.o.state.get(syncStateKey(this.o.baseUrl))?.checkedAt;
    const due = Math.max(last == null ? -Infinity : last + this.o.everyMs, this.startedAt + (this.o.firstDelayMs ?? 60_000));
    const delay = Math.max(0, due - now);
    this.nextWake = new Date(now + delay);
    this.timer = this.timers.setTimeout(() => void this.tick(), delay);
  }
}
