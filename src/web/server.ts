// The read-only web site: fastify with a strict Content-Security-Policy (helmet's headers,
// worked out once: security-headers.ts), a rate limit per client address, one stylesheet shipped
// in the package, and one generic error page. Fastify because it is maintained, fast (the search
// page has a p50 budget of 5 ms), and has a first-party plugin for the per-address limit.
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { Logger } from 'pino';
import type { MetricsRelay } from '../core/metrics.ts';
import { ROOT } from '../paths.ts';
import type { PtgRepo } from '../ptg/repo.ts';
import type { PtgSearch } from '../ptg/search.ts';
import type { ScheduleRepo } from '../schedule/repo.ts';
import { registerHealth, type HealthSource } from './health.ts';
import { securityHeaders } from './security-headers.ts';
import { errorPage } from './layout.ts';
import { createMetrics } from './metrics.ts';
import { registerPtgPages } from './ptg-pages.ts';
import { registerSchedulePages } from './schedule-pages.ts';
import { registerTeamPages } from './team-pages.ts';
import type { SiteTeams } from './teams.ts';
import { registerTriagePages } from './triage-pages.ts';
import type { TriageRepo } from '../triage/repo.ts';

export interface WebDeps {
  search: PtgSearch;
  repo: PtgRepo;
  schedules: ScheduleRepo;
  /** The served teams: each has its pages (/teams/<name>/…); a team of one keeps /schedule, /triage. */
  teams: SiteTeams;
  /** The triage history (each team's page shows its Launchpad project's). */
  triage: TriageRepo;
  log: Logger;
  clock?: () => Date;
  /** Requests per minute per client address. */
  rateLimitPerMinute: number;
  /** The running bot's transports and sources, for /healthz (absent: `cyclebot web` alone). */
  health?: HealthSource;
  /** The bot's metrics relay: /metrics then counts what the bot does in chat too. */
  metricsRelay?: MetricsRelay;
}

const asset = (name: string) => fs.readFileSync(path.join(ROOT, 'src', 'web', 'assets', name), 'utf8');
const STYLE = asset('style.css');
const ICON = asset('icon.svg');

/** Nothing but this site: no script at all, style only from the stylesheet, no frames, no forms elsewhere. */
export const CSP = {
  'default-src': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'form-action': ["'self'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
};

export async function createWebServer(deps: WebDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as unknown as FastifyBaseLogger,
    // One line per request would drown the bot's log; failures are logged by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
    // Topic slugs are up to ~70 characters; anything past this is not a page of ours.
    routerOptions: { maxParamLength: 200 },
    bodyLimit: 1024,
    // Stopping closes the sockets a browser keeps open (or opened ahead, with no request yet):
    // otherwise the bot's shutdown waits out their keep-alive (72 s). Pages are small and read-only.
    forceCloseConnections: true,
  });
  const security = securityHeaders({ contentSecurityPolicy: { useDefaults: false, directives: CSP } });
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(security);
    done();
  });
  await app.register(rateLimit, {
    max: deps.rateLimitPerMinute,
    timeWindow: 60_000,
    // The 429 page is the same plain page as every other failure.
    errorResponseBuilder: (_req, ctx) => ({ statusCode: ctx.statusCode, message: `Too many requests: try again in ${Math.ceil(ctx.ttl / 1000)} s.` }),
  });
  app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) req.log.error({ err, url: req.url.slice(0, 200) }, 'web page failed');
    const sentence =
      status === 429 ? err.message : status === 500 ? 'Something went wrong on our side; it has been logged.' : 'That request cannot be answered.';
    void reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(errorPage(status, sentence, { multi: deps.teams.multi }));
  });
  const nav = { multi: deps.teams.multi };
  app.setNotFoundHandler((_req, reply) => {
    void reply
      .code(404)
      .type('text/html; charset=utf-8')
      .send(errorPage(404, 'There is no such page here.', nav));
  });
  app.get('/assets/style.css', (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLE));
  // Browsers ask for /favicon.ico whatever the page says: the same icon, so no 404 in their console.
  for (const url of ['/assets/icon.svg', '/favicon.ico'])
    app.get(url, (_req, reply) => reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(ICON));
  const triageProjects = [...new Set(deps.teams.list.map((t) => t.triageProject))];
  const metrics = createMetrics(app, { schedules: deps.schedules, triage: { repo: deps.triage, projects: triageProjects }, health: deps.health });
  deps.metricsRelay?.attach(metrics);
  registerPtgPages(app, { search: deps.search, repo: deps.repo, metrics, teams: deps.teams });
  registerSchedulePages(app, { schedules: deps.schedules, teams: deps.teams, clock: deps.clock ?? (() => new Date()) });
  registerTriagePages(app, { repo: deps.triage, teams: deps.teams });
  registerTeamPages(app, deps.teams);
  registerHealth(app, deps.health);
  return app;
}

/** Starts listening; returns the URL people open. */
export async function listen(app: FastifyInstance, host: string, port: number): Promise<string> {
  await app.listen({ host, port });
  const addr = app.server.address();
  const actual = typeof addr === 'object' && addr ? addr.port : port;
  return `http://${host.includes(':') ? `[${host}]` : host}:${actual}/`;
}
