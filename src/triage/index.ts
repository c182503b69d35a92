// Builds the triage domain from the config: polite HTTP, the Launchpad client with its SQLite
// cache, and the round service. The composition root (app.ts) calls this once.
import type { MetricsSink } from '../core/metrics.ts';
import type { LaunchpadConfig, TriageConfig } from './config.ts';
import type { Db } from '../store/db.ts';
import { UserError } from '../errors.ts';
import { TriageRepo } from './repo.ts';
import { WriteJournalRepo } from './write-journal-repo.ts';
import { assertSecureOrigin, Http, LaunchpadError, type FetchFn } from './http.ts';
import { LaunchpadClient } from './launchpad-client.ts';
import { TriageService } from './service.ts';
import type { MeetingLookup } from './types.ts';

export interface TriageOptions {
  config: { launchpad: LaunchpadConfig; triage: TriageConfig };
  db: Db;
  version: string;
  log?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void; debug?(obj: object, msg: string): void };
  meetings?: MeetingLookup;
  fetch?: FetchFn;
  sleep?: (ms: number) => Promise<void>;
  clock?: () => Date;
  /** Overrides of the config (CLI flags). */
  baseUrl?: string;
  project?: string;
  /** A team's projects, its own first (a team of several: neutron, networking-ovn); default: the project alone. */
  projects?: readonly string[];
  /** Counts Launchpad requests by status (/metrics). */
  metrics?: Pick<MetricsSink, 'launchpad'>;
}

export function userAgent(version: string, contactUrl: string): string {
  return `cyclebot/${version} (+${contactUrl})`;
}

export function createLaunchpadClient(o: TriageOptions, repo: TriageRepo): LaunchpadClient {
  const lp = o.config.launchpad;
  const now = () => (o.clock?.() ?? new Date()).getTime();
  const http = new Http({
    fetch: o.fetch ?? ((input, init) => fetch(input, init)),
    userAgent: userAgent(o.version, lp.contactUrl),
    timeoutMs: lp.timeoutSeconds * 1000,
    retries: lp.retries,
    maxRetryAfterMs: lp.maxRetryAfterSeconds * 1000,
    sleep: o.sleep,
    now,
    log: o.log,
    metrics: o.metrics,
  });
  const credentials = lp.token && lp.tokenSecret ? { consumerKey: lp.consumerKey, token: lp.token, tokenSecret: lp.tokenSecret } : undefined;
  const baseUrl = o.baseUrl ?? lp.url;
  // An http: origin (a --launchpad-url override; the config is checked when read) is a user's error.
  try {
    assertSecureOrigin(baseUrl, lp.allowHttp, 'the Launchpad API at');
  } catch (err) {
    throw err instanceof LaunchpadError ? new UserError(err.userMessage) : err;
  }
  return new LaunchpadClient({
    http,
    baseUrl,
    project: o.project ?? lp.project,
    pageSize: lp.pageSize,
    maxPages: lp.maxPages,
    cache: repo,
    cacheMs: lp.cacheSeconds * 1000,
    now,
    credentials,
    allowHttp: lp.allowHttp,
  });
}

export function createTriage(o: TriageOptions): { service: TriageService; repo: TriageRepo; client: LaunchpadClient } {
  const repo = new TriageRepo(o.db);
  const client = createLaunchpadClient(o, repo);
  const t = o.config.triage;
  const service = new TriageService({
    repo,
    journal: new WriteJournalRepo(o.db, () => (o.clock?.() ?? new Date()).getTime()),
    client,
    meetings: o.meetings,
    log: o.log,
    settings: {
      project: o.project ?? o.config.launchpad.project,
      ...(o.projects && o.projects.length > 1 ? { projects: o.projects } : {}),
      statuses: t.statuses,
      importances: t.importances,
      halfTriaged: t.halfTriaged,
      count: Math.min(t.count, t.maxCount),
      maxCount: t.maxCount,
      order: t.order,
      minutes: t.minutes,
      write: o.config.launchpad.write,
      nameBugWithinMs: t.nameBugWithinSeconds * 1000,
    },
  });
  return { service, repo, client };
}
