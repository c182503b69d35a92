// Keeps the PTG summaries of `ptg.sources` current while the bot runs: each source is fetched
// every refreshMinutes with the validators of its last good answer (If-None-Match /
// If-Modified-Since), and its document is replaced, in one transaction with its new validators,
// only when the text changed; the search sees it at once. A source that fails keeps its last good
// version; its error is logged and kept for !status. The times and validators live in the
// database, so a restart waits out the interval instead of refetching every source at once.
// One refresh runs at a time; stop() aborts a request under way and waits for it (PeriodicJob).
// A source's document goes with it when it leaves ptg.sources or writes another id (see
// ownership.ts); a source whose id another configured source already writes fails instead of
// overwriting it.
import { PeriodicJob } from '../core/periodic.ts';
import { abortableSleep } from '../core/retry.ts';
import type { Timers } from '../core/timers.ts';
import { UserError } from '../errors.ts';
import { hashText, importText } from '../ptg/importer.ts';
import type { PtgRepo } from '../ptg/repo.ts';
import { SourceError, type SourceHttpOptions } from './http.ts';
import { dropUnconfiguredSources, ownedDocument, writerOf } from './ownership.ts';
import { plannedSourceId } from './source-ids.ts';
import type { SourceState, SourceStateRepo } from './state-repo.ts';
import { fetchSummaryIfChanged } from './summary.ts';

export interface LiveSource {
  url: string;
  project?: string;
  cycle?: string;
  id?: string;
  refreshMinutes?: number;
}

export interface RefresherLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface RefresherOptions {
  sources: LiveSource[];
  /** Default interval (ptg.refreshMinutes). */
  everyMs: number;
  ptg: PtgRepo;
  state: SourceStateRepo;
  http: SourceHttpOptions;
  log: RefresherLog;
  clock?: () => Date;
  timers?: Timers;
}

export type RefreshOutcome = 'changed' | 'unchanged' | 'not-modified' | 'failed';

export class SourceRefresher extends PeriodicJob {
  constructor(private readonly o: RefresherOptions) {
    super(o);
  }

  private interval(s: LiveSource): number {
    return s.refreshMinutes !== undefined ? s.refreshMinutes * 60_000 : this.o.everyMs;
  }

  /** When a source is next due: its last attempt plus its interval (now when never tried). */
  dueAt(s: LiveSource): number {
    const st = this.o.state.get(s.url);
    return st?.checkedAt == null ? -Infinity : st.checkedAt + this.interval(s);
  }

  /** Forgets the sources no longer configured (their documents go, see ownership.ts), then refreshes on time. */
  override start(): void {
    dropUnconfiguredSources(this.o);
    super.start();
  }

  protected override idle(): boolean {
    return this.o.sources.length === 0;
  }

  protected override nextDue(): number | null {
    return this.o.sources.length ? Math.min(...this.o.sources.map((s) => this.dueAt(s))) : null;
  }

  /** Refreshes every due source (tests call tick() to run it now). */
  protected override async run(): Promise<void> {
    const now = +this.clock();
    for (const s of this.o.sources) {
      if (this.closing) break;
      if (this.dueAt(s) <= now) await this.refresh(s);
    }
  }

  /** Fetches one source now and imports it when its text changed. */
  async refresh(s: LiveSource): Promise<RefreshOutcome> {
    const { ptg, state, log } = this.o;
    const st = state.get(s.url);
    // Validators only while the document they describe is still there (someone may have removed
    // it) and is the one the source writes (its id: may have changed in the config).
    const same = st?.documentId && (plannedSourceId(s) ?? st.documentId) === st.documentId;
    const stored = same ? ptg.document(st.documentId!) : undefined;
    const validators = stored ? { etag: st?.etag, lastModified: st?.lastModified } : {};
    const signal = this.abort.signal;
    try {
      const r = await fetchSummaryIfChanged(s.url, { ...this.o.http, signal, sleep: (ms) => abortableSleep(ms, signal) }, validators);
      if (this.closing) return 'failed';
      const now = +this.clock();
      if (r.status === 'not-modified') {
        state.succeeded(s.url, now, {});
        return 'not-modified';
      }
      const id = s.id ?? r.page.id;
      // Two mails with one subject: the second would silently overwrite the first's document.
      const rival = writerOf(id, this.o.sources, state, s.url);
      if (rival) throw new UserError(`its document id "${id}" is already written by ${rival}; give one of them its own id: in ptg.sources`);
      if (ptg.document(id)?.source_hash === hashText(r.page.text)) {
        state.transaction(() => {
          this.dropPrevious(s, st, id);
          state.succeeded(s.url, now, { validators: r.validators, documentId: id });
        });
        return 'unchanged';
      }
      const result = state.transaction(() => {
        const imported = importText(ptg, r.page.text, r.page.name, { project: s.project, cycle: s.cycle, id, source: r.page.url, importedAt: now });
        this.dropPrevious(s, st, id);
        state.succeeded(s.url, now, { validators: r.validators, documentId: id, changed: true });
        return imported;
      });
      log.info({ url: s.url, document: id, topics: result.topics, decisions: result.decisions }, 'live source changed; summary replaced');
      if (r.page.note) log.warn({ url: s.url, document: id }, r.page.note);
      return 'changed';
    } catch (err) {
      if (this.closing) return 'failed';
      if (!(err instanceof SourceError) && !(err instanceof UserError)) {
        log.error({ url: s.url, err }, 'live source refresh failed unexpectedly; last good version kept');
      }
      const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
      state.failed(s.url, +this.clock(), message);
      log.warn({ url: s.url, error: message, document: st?.documentId ?? null }, 'live source could not be read; last good version kept');
      return 'failed';
    }
  }

  /** The source now writes `id`: the document it wrote under another id (its `id:` changed) goes. */
  private dropPrevious(s: LiveSource, st: SourceState | undefined, id: string): void {
    const previous = ownedDocument(this.o.ptg, st);
    if (previous === null || previous === id || writerOf(previous, this.o.sources, this.o.state, s.url)) return;
    this.o.ptg.deleteDocument(previous);
    this.o.log.info({ url: s.url, document: previous, now: id }, 'live source writes another document id; its previous document removed');
  }
}
