// Starts the web site for an opened app: what `run` (when `web:` is configured) and `cyclebot web` share.
import type { Logger } from 'pino';
import type { MetricsRelay } from '../core/metrics.ts';
import type { PtgRepo } from '../ptg/repo.ts';
import type { PtgSearch } from '../ptg/search.ts';
import type { ScheduleRepo } from '../schedule/repo.ts';
import type { ScheduleSettings } from '../schedule/settings.ts';
import type { Db } from '../store/db.ts';
import { TriageRepo } from '../triage/repo.ts';
import { WEB_DEFAULTS, type WebConfig } from './config.ts';
import type { HealthSource } from './health.ts';
import { createWebServer, listen } from './server.ts';

export interface RunningSite {
  url: string;
  close(): Promise<void>;
}

export async function startSite(
  app: { db: Db; search: PtgSearch; repo: PtgRepo; schedules: ScheduleRepo; scheduleSettings: ScheduleSettings; metrics?: MetricsRelay },
  triageProject: string,
  web: WebConfig | undefined,
  log: Logger,
  override: { host?: string; port?: number } = {},
  health?: HealthSource,
): Promise<RunningSite> {
  const settings = { ...WEB_DEFAULTS, ...web };
  const server = await createWebServer({
    search: app.search,
    repo: app.repo,
    schedules: app.schedules,
    scheduleSettings: app.scheduleSettings,
    triage: { repo: new TriageRepo(app.db), project: triageProject },
    log,
    rateLimitPerMinute: settings.rateLimitPerMinute,
    health,
    metricsRelay: app.metrics,
  });
  app.search.warm();
  const url = await listen(server, override.host ?? settings.host, override.port ?? settings.port);
  return { url, close: () => server.close() };
}
