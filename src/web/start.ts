// Starts the web site for an opened app: what `run` (when `web:` is configured) and `cyclebot web` share.
import type { Logger } from 'pino';
import type { MetricsRelay } from '../core/metrics.ts';
import type { PtgRepo } from '../ptg/repo.ts';
import type { PtgSearch } from '../ptg/search.ts';
import type { ScheduleRepo } from '../schedule/repo.ts';
import type { ScheduleSettings } from '../schedule/settings.ts';
import type { Db } from '../store/db.ts';
import type { TeamDirectory } from '../teams/scope.ts';
import { TriageRepo } from '../triage/repo.ts';
import { WEB_DEFAULTS, type WebConfig } from './config.ts';
import type { HealthSource } from './health.ts';
import { createWebServer, listen } from './server.ts';
import { siteTeams } from './teams.ts';

export interface RunningSite {
  url: string;
  close(): Promise<void>;
}

/** What the site reads from a running app: its stores, search and metrics relay. */
export interface SiteSource {
  db: Db;
  search: PtgSearch;
  repo: PtgRepo;
  schedules: ScheduleRepo;
  /** Each team's schedule settings by team name. */
  scheduleTeams: ReadonlyMap<string, ScheduleSettings>;
  teams: Pick<TeamDirectory, 'roster'>;
  metrics?: MetricsRelay;
}

/** The site's dependencies taken from an app; the one mapping the CLI, the screenshots and tests share. */
export function siteDeps(app: SiteSource, log: Logger, rateLimitPerMinute: number) {
  return {
    search: app.search,
    repo: app.repo,
    schedules: app.schedules,
    teams: siteTeams(app.teams.roster, app.scheduleTeams),
    triage: new TriageRepo(app.db),
    log,
    rateLimitPerMinute,
    metricsRelay: app.metrics,
  };
}

export async function startSite(
  app: SiteSource,
  web: WebConfig | undefined,
  log: Logger,
  override: { host?: string; port?: number } = {},
  health?: HealthSource,
): Promise<RunningSite> {
  const settings = { ...WEB_DEFAULTS, ...web };
  const server = await createWebServer({ ...siteDeps(app, log, settings.rateLimitPerMinute), health });
  app.search.warm();
  app.search.keepLoopFree();
  const url = await listen(server, override.host ?? settings.host, override.port ?? settings.port);
  return { url, close: () => server.close() };
}
