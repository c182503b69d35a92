// Composition of the platform-neutral parts: store, search, commands, router.
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { adminCommands } from '../commands/admin.ts';
import { helpCommands } from '../commands/help.ts';
import { ptgCommands } from '../commands/ptg.ts';
import { importText } from './ptg/importer.ts';
import type { SourceHttpOptions } from './sources/http.ts';
import { fetchSummary } from './sources/summary.ts';
import { sourceHttpOptions } from './sources/settings.ts';
import { SourceStateRepo } from './sources/state-repo.ts';
import { sourcesStatus, sourceStatusLine } from './sources/status.ts';
import { syncStateKey } from './schedule/sync-runner.ts';
import { scheduleCommands } from '../commands/schedule.ts';
import { teamsCommands } from '../commands/teams.ts';
import { triageCommands } from '../commands/triage.ts';
import type { Config } from './config.ts';
import { ROOT } from './paths.ts';
import { MeetingTracker } from './meetings/tracker.ts';
import { Pager } from './ptg/pager.ts';
import { clashStatus, PrefixClashWatch } from './meetings/prefix-clash.ts';
import { MetricsRelay } from './core/metrics.ts';
import { RateLimiter } from './core/rate-limit.ts';
import { Registry } from './core/registry.ts';
import { Router } from './core/router.ts';
import { PtgSearch } from './ptg/search.ts';
import { IndexStore } from './ptg/index-store.ts';
import { openDb, type Db } from './store/db.ts';
import { MeetingRepo } from './meetings/repo.ts';
import { PtgRepo } from './ptg/repo.ts';
import { prepareSchedules } from './schedule/setup.ts';
import { scheduleSettings, type ScheduleSettings } from './schedule/settings.ts';
import { ScheduleRepo } from './schedule/repo.ts';
import { createTriage, type TriageOptions } from './triage/index.ts';
import type { TriageService } from './triage/service.ts';
import { rosterOf, teamProjects } from './teams/model.ts';
import { TeamDirectory } from './teams/scope.ts';

export const VERSION: string = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export interface App {
  db: Db;
  repo: PtgRepo;
  search: PtgSearch;
  /** Release schedule, team dates and the reminder ledger (bundled cycles and config events applied). */
  schedules: ScheduleRepo;
  scheduleSettings: ScheduleSettings;
  /** Each team's schedule settings by team name (one entry, scheduleSettings, for a team of one). */
  scheduleTeams: ReadonlyMap<string, ScheduleSettings>;
  registry: Registry;
  router: Router;
  /** Feed it every room message (bot.observe) so the triage round knows when a meeting runs. */
  meetings: MeetingTracker;
  /** Another bot answering our prefix with errors (Limnoria): wire with watchPrefixClashes. */
  prefixClash: PrefixClashWatch;
  /** The bug triage round (the first team's); schedule triage.recordDailyBacklog() once a day while running. */
  triage: TriageService;
  /** Each team's triage service by team name (its Launchpad project, its rounds); one entry, triage, for a team of one. */
  triageTeams: ReadonlyMap<string, TriageService>;
  /** Fetch state of the live sources (ptg.sources, schedule sync), shown by !status. */
  sourceState: SourceStateRepo;
  /** The served teams (a `teams:` list, or the single-team keys as a team of one) and message → team. */
  teams: TeamDirectory;
  /** What the bot counts (answers, refusals, drops, Launchpad, searches): the web site attaches /metrics to it. */
  metrics: MetricsRelay;
  close(): void;
}

export function createApp(opts: {
  dbPath: string;
  config: Config;
  log: Logger;
  clock?: () => Date;
  triage?: Pick<TriageOptions, 'fetch' | 'sleep'>;
  /** For tests: how `ptg import <url>` in chat fetches. */
  sources?: Pick<SourceHttpOptions, 'fetch'>;
}): App {
  const db = openDb(opts.dbPath);
  const repo = new PtgRepo(db);
  const search = new PtgSearch(repo, undefined, new IndexStore(db));
  const { config } = opts;
  const schedules = new ScheduleRepo(db);
  const roster = rosterOf(config);
  // Each team's view of the schedule; a team of one keeps the schedule section's, unchanged.
  const scheduleTeams = new Map(roster.teams.map((t) => [t.name, roster.multi ? scheduleSettings(t.schedule, true) : scheduleSettings(config.schedule)]));
  const scheduleConfig = scheduleTeams.get(roster.teams[0].name)!;
  const dates = roster.multi
    ? roster.teams.map((t, i) => ({ project: t.schedule.project, events: t.schedule.events, path: `teams.${i}.schedule.events`, scoped: true }))
    : undefined;
  try {
    prepareSchedules(schedules, config.schedule, dates);
  } catch (err) {
    db.close();
    throw err;
  }
  const sourceState = new SourceStateRepo(db);
  const registry = new Registry();
  const metrics = new MetricsRelay();
  const prefixClash = new PrefixClashWatch(config.prefix, config.meetingBots);
  const meetings = new MeetingTracker(config.meetingBots, {
    store: new MeetingRepo(db),
    limits: { maxMs: config.meetings.maxHours * 3600_000, idleMs: config.meetings.idleMinutes * 60_000 },
    clock: opts.clock,
  });
  const teams = new TeamDirectory(roster, meetings);
  // One triage service a team: its own Launchpad project and queue settings; rounds in two channels at once.
  const triageOf = (o: Pick<TriageOptions, 'config' | 'project' | 'projects'>, team?: string) =>
    createTriage({
      ...o,
      db,
      version: VERSION,
      log: opts.log.child({ module: 'triage', ...(team ? { team } : {}) }),
      meetings,
      clock: opts.clock,
      metrics,
      ...opts.triage,
    });
  const triageTeams = new Map(
    roster.multi
      ? roster.teams.map(
          (t) =>
            [t.name, triageOf({ config: { launchpad: config.launchpad, triage: t.triage }, project: t.projects[0], projects: t.projects }, t.name)] as const,
        )
      : [[roster.teams[0].name, triageOf({ config })] as const],
  );
  const triage = triageTeams.get(roster.teams[0].name)!.service;
  const roundTeams = new Map(roster.teams.map((t) => [t.projects[0], t.name]));
  const roundTeam = (transport: string, room: string) => {
    const round = triageTeams.get(roster.teams[0].name)!.repo.runningRound(transport, room);
    return round ? roundTeams.get(round.project) : undefined;
  };
  const specs = [
    ...ptgCommands({
      search,
      repo,
      pager: new Pager(),
      maxHits: config.ptg.maxHits,
      baseUrl: config.web?.baseUrl,
      teams: roster.multi ? teamProjects(roster) : undefined,
      metrics,
      importUrl: async (url, o) => {
        const page = await fetchSummary(url, { ...sourceHttpOptions(config, VERSION), ...opts.sources });
        return importText(repo, page.text, page.name, { ...o, id: page.id, source: page.url });
      },
    }),
    ...helpCommands(() => registry),
    ...adminCommands({
      repo,
      version: VERSION,
      startedAt: opts.clock?.() ?? new Date(),
      sources: (now) => [
        ...sourcesStatus(config.ptg.sources, (key) => sourceState.get(key), +now),
        // Once the running bot has tried a sync (the console chat never syncs).
        ...[sourceState.get(syncStateKey(config.schedule.sync.url))]
          .filter((st) => st !== undefined)
          .map((st) => sourceStatusLine(`schedule sync (${config.schedule.sync.url.replace(/^https?:\/\//, '').slice(0, 70)})`, st, +now)),
      ],
      warnings: () => [clashStatus(prefixClash.clashes(), config.prefix, config.nick)].filter((w) => w !== null),
    }),
    ...triageCommands({
      service: triage,
      permission: config.triage.permission,
      ...(roster.multi
        ? {
            teams: new Map(
              roster.teams.map((t) => [
                t.name,
                {
                  service: triageTeams.get(t.name)!.service,
                  permission: t.triage.permission,
                  chairs: t.chairs,
                  listsRoom: (transport: string, room: string) => teams.teamsOf(transport, room).includes(t),
                },
              ]),
            ),
            roundTeam,
          }
        : {}),
    }),
    ...scheduleCommands({ repo: schedules, settings: scheduleConfig, teams: scheduleTeams }),
    ...teamsCommands(teams.roster),
  ];
  for (const spec of specs) registry.add(spec);
  const router = new Router(registry, {
    prefix: config.prefix,
    nick: config.nick,
    permissions: config.permissions,
    rateLimiter: new RateLimiter(config.rateLimit),
    maxInputChars: config.maxInputChars,
    replyToUnknownInRooms: config.replyToUnknownInRooms,
    log: opts.log.child({ module: 'router' }),
    clock: opts.clock,
    teams: (msg, now) => teams.scope(msg, now),
  });
  return {
    db,
    repo,
    search,
    schedules,
    scheduleSettings: scheduleConfig,
    scheduleTeams,
    registry,
    router,
    meetings,
    prefixClash,
    triage,
    triageTeams: new Map([...triageTeams].map(([name, t]) => [name, t.service])),
    sourceState,
    teams,
    metrics,
    close: () => db.close(),
  };
}
