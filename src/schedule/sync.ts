// `schedule sync`: reads series_status.yaml and each development or future series' schedule.yaml
// and schedule.rst from an openstack/releases tree over HTTP, imports the cycles whose files
// changed, and says what moved. Every file is fetched before anything is written, so a failing
// server changes nothing; ETag / Last-Modified and the last good text are kept per URL (kv) so an
// unchanged tree costs only 304s.
import { fetchSource, SourceError, type SourceHttpOptions } from '../sources/http.ts';
import type { KvRepo } from '../store/kv-repo.ts';
import type { ScheduleRepo } from './repo.ts';
import { importScheduleText, parseSeriesStatus, ScheduleFormatError, type SeriesStatus } from './importer.ts';
import { formatWhen } from './time.ts';
import type { ScheduleEvent } from './types.ts';

export { DEFAULT_RELEASES_URL } from './config.ts';
/** Series statuses whose schedules still change. */
const LIVE = new Set(['development', 'future']);

export interface SyncChange {
  kind: 'added' | 'moved' | 'removed';
  cycle: string;
  key: string;
  project: string | null;
  /** One line: "Nova Spec Freeze for indri added: Thu 2027-01-07 23:59 UTC". */
  line: string;
  /** The event as it was (moved, removed) and as it is now (added, moved). */
  before?: ScheduleEvent;
  after?: ScheduleEvent;
}

export interface SyncResult {
  /** Series looked at (development or future). */
  series: string[];
  /** Cycles whose files changed and were imported. */
  imported: string[];
  changes: SyncChange[];
  /** Series without a published schedule.yaml yet, and other notes. */
  notes: string[];
  requests: number;
  notModified: number;
}

interface Cached {
  etag: string | null;
  lastModified: string | null;
  text: string;
}

/** One file of the tree: fresh, or the cached text when the server says 304; null when absent (404). */
class TreeReader {
  requests = 0;
  notModified = 0;
  readonly fresh = new Map<string, Cached>();

  constructor(
    private readonly kv: KvRepo,
    private readonly http: SourceHttpOptions,
  ) {}

  async read(url: string, optional: boolean): Promise<string | null> {
    const cached = this.cachedFor(url);
    this.requests++;
    try {
      const r = await fetchSource(url, this.http, cached ? { etag: cached.etag, lastModified: cached.lastModified } : {});
      if (r.status === 'not-modified' && cached) {
        this.notModified++;
        return cached.text;
      }
      if (r.status === 'not-modified') throw new SourceError('http', `${url} answered 304 to an unconditional request`);
      this.fresh.set(url, { etag: r.etag, lastModified: r.lastModified, text: r.text });
      return r.text;
    } catch (err) {
      if (optional && err instanceof SourceError && err.kind === 'not-found') return null;
      throw err;
    }
  }

  /** Remember what was read, once it has been imported. */
  commit(urls: string[]): void {
    for (const url of urls) {
      const c = this.fresh.get(url);
      if (c && (c.etag || c.lastModified)) this.kv.set(url, JSON.stringify(c));
    }
  }

  private cachedFor(url: string): Cached | null {
    const raw = this.kv.get(url);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as Cached;
    } catch {
      return null;
    }
  }
}

/** The base URL without trailing slashes; the lookbehind tries a run of '/' once, not from each '/'. */
export function scheduleBase(url: string): string {
  return url.replace(/(?<!\/)\/+$/, '');
}

/**
 * o.inTransaction runs inside the transaction that imports the changes (the running bot records
 * its announcements there: a change is either imported and recorded, or neither).
 */
export async function syncSchedules(
  repo: ScheduleRepo,
  kv: KvRepo,
  o: { baseUrl: string; http: SourceHttpOptions; inTransaction?: (result: SyncResult) => void },
): Promise<SyncResult> {
  const base = scheduleBase(o.baseUrl);
  const reader = new TreeReader(kv, o.http);
  const statusUrl = `${base}/data/series_status.yaml`;
  let status: SeriesStatus[];
  try {
    status = parseSeriesStatus((await reader.read(statusUrl, false))!);
  } catch (err) {
    if (err instanceof ScheduleFormatError) throw new ScheduleFormatError(`${statusUrl}: ${err.message}`);
    throw err;
  }
  const live = status.filter((s) => LIVE.has(s.status) && /^[a-z]+$/.test(s.name));
  // Fetch everything first: a server failing half-way leaves the database as it was.
  const files: { series: SeriesStatus; yamlUrl: string; rstUrl: string; yaml: string | null; rst: string | null }[] = [];
  for (const series of live) {
    const yamlUrl = `${base}/doc/source/${series.name}/schedule.yaml`;
    const rstUrl = `${base}/doc/source/${series.name}/schedule.rst`;
    const yaml = await reader.read(yamlUrl, true);
    const rst = yaml === null ? null : await reader.read(rstUrl, true);
    files.push({ series, yamlUrl, rstUrl, yaml, rst });
  }
  const result: SyncResult = {
    series: live.map((s) => s.name),
    imported: [],
    changes: [],
    notes: [],
    requests: reader.requests,
    notModified: reader.notModified,
  };
  repo.transaction(() => {
    for (const f of files) {
      const name = f.series.name;
      if (f.yaml === null) {
        result.notes.push(`${name} (${f.series.status}) has no schedule.yaml at ${base} yet`);
        continue;
      }
      const before = repo.events({ cycle: name }).filter((e) => e.source === 'official');
      const r = importScheduleText(repo, { cycle: name, yaml: f.yaml, rst: f.rst, status, yamlName: `${name}/schedule.yaml`, source: f.yamlUrl }, false);
      reader.commit([f.yamlUrl, f.rstUrl]);
      if (r.unchanged) continue;
      result.imported.push(name);
      result.changes.push(...diffEvents(name, before, r.events));
    }
    reader.commit([statusUrl]);
    o.inTransaction?.(result);
  });
  return result;
}

const label = (e: ScheduleEvent) => `${e.title} for ${e.cycle}`;

/** Added, moved and removed official events, by their stable keys. */
export function diffEvents(cycle: string, before: ScheduleEvent[], after: ScheduleEvent[]): SyncChange[] {
  const old = new Map(before.map((e) => [e.key, e]));
  const now = new Map(after.map((e) => [e.key, e]));
  const changes: SyncChange[] = [];
  const change = (kind: SyncChange['kind'], e: ScheduleEvent, line: string, was?: ScheduleEvent) =>
    changes.push({
      kind,
      cycle,
      key: e.key,
      project: e.project,
      line,
      before: kind === 'added' ? undefined : (was ?? e),
      after: kind === 'removed' ? undefined : e,
    });
  for (const e of after) {
    const was = old.get(e.key);
    if (!was) change('added', e, `${label(e)} added: ${formatWhen(e, 'UTC')}`);
    else if (was.date !== e.date || was.time !== e.time || was.endDate !== e.endDate)
      change('moved', e, `${label(e)} moved: ${formatWhen(was, 'UTC')} → ${formatWhen(e, 'UTC')}`, was);
  }
  for (const e of before) if (!now.has(e.key)) change('removed', e, `${label(e)} removed (was ${formatWhen(e, 'UTC')})`);
  return changes;
}
