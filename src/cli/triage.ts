// CLI verbs for the bug triage round: list, report, snapshot, login.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { VERSION } from '../app.ts';
import { UsageError, UserError } from '../errors.ts';
import { TriageRepo } from '../triage/repo.ts';
import { projectsLabel, queueLabel, queueQuery, recordDailyBacklog } from '../triage/backlog.ts';
import { bugLine } from '../triage/format.ts';
import { searchProjects, type TeamSearch } from '../triage/team-queue.ts';
import { assertSecureOrigin, Http, LaunchpadError } from '../triage/http.ts';
import { createLaunchpadClient, userAgent } from '../triage/index.ts';
import { accessToken, requestToken } from '../triage/oauth.ts';
import { renderReport, type ReportFormat } from '../triage/report.ts';
import { ORDERS, type BugDetails, type BugTask, type Order } from '../triage/types.ts';
import { renderPlain } from '../core/formatting.ts';
import { sanitizeLine } from '../core/text.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Db } from '../store/db.ts';
import { teamOption, withApp, type GlobalOpts } from './context.ts';
import type { App } from '../app.ts';

interface ListOpts {
  launchpadUrl?: string;
  project?: string;
  team?: string;
  /** Set from --team: every Launchpad project of the team (its own first). */
  projects?: readonly string[];
  order: Order;
  limit: number;
  json?: boolean;
}

export function registerTriageVerbs(program: Command): void {
  const global = () => program.opts<GlobalOpts>();
  const triage = program.command('triage').description('the untriaged-bug review: list Launchpad bugs, report rounds, log in for write-back');

  triage
    .command('list')
    .description('list untriaged bugs of a Launchpad project (anonymous reads), with heat and users affected')
    .option('--launchpad-url <base>', 'API origin (default: config launchpad.url, https://api.launchpad.net)')
    .option('--project <name>', 'Launchpad project (default: config launchpad.project, nova)')
    .addOption(new Option('--order <order>', 'newest, most-voted (users affected, then heat) or oldest').choices(ORDERS as string[]).default('newest'))
    .addOption(new Option('--limit <n>', 'bugs to list (one bug request each)').default(10).argParser(limitArg))
    .option('--json', 'print {"project", "total", "bugs": [...]} as JSON')
    .option('--team <name>', "the team's Launchpad projects and triage settings (a team of several: every project's bugs, each labelled)")
    .action((o: ListOpts) =>
      withApp(global(), (app, s) => {
        const projects = o.team !== undefined ? teamOption(app, o.team).projects : undefined;
        return list({ ...byTeam(app, o), projects }, app.db, teamConfig(app, s.config, o.team), s.log);
      }),
    );

  triage
    .command('report')
    .description('the recorded rounds for the mailing list or an etherpad (no Launchpad request)')
    .option('--since <date>', 'rounds started on or after this date (YYYY-MM-DD); default: the last round')
    .addOption(new Option('--format <format>', 'text or markdown').choices(['text', 'markdown']).default('text'))
    .option('--project <name>', 'Launchpad project (default: config launchpad.project)')
    .option('--team <name>', "the team's rounds and triage settings (a team of several projects: its rounds over all of them)")
    .action((o: { since?: string; format: ReportFormat; project?: string; team?: string }) =>
      withApp(global(), (app, s) => {
        const project = byTeam(app, o).project ?? s.config.launchpad.project;
        const repo = new TriageRepo(app.db);
        let rounds;
        if (o.since) {
          const since = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(o.since) ? `${o.since}T00:00:00Z` : o.since);
          if (Number.isNaN(since)) throw new UsageError(`--since: not a date: "${o.since}" (use YYYY-MM-DD)`);
          rounds = repo.roundsSince(project, since);
        } else {
          const last = repo.lastRound(project);
          rounds = last ? [last] : [];
        }
        process.stdout.write(renderReport(repo, project, rounds, o.format, Date.now()));
      }),
    );

  triage
    .command('snapshot')
    .description("record today's untriaged count for the backlog trend (once per UTC day; for cron)")
    .option('--launchpad-url <base>', 'API origin (default: config launchpad.url, https://api.launchpad.net)')
    .option('--project <name>', 'Launchpad project (default: config launchpad.project, nova)')
    .option('--team <name>', "the team's Launchpad projects and triage settings (a team of several projects: the sum of their counts)")
    .action((o: { launchpadUrl?: string; project?: string; team?: string }) =>
      withApp(global(), async (app, s) => {
        checkOrigin(byTeam(app, o));
        const config = teamConfig(app, s.config, o.team);
        const repo = new TriageRepo(app.db);
        const client = createLaunchpadClient({ config, db: app.db, version: VERSION, log: s.log, baseUrl: o.launchpadUrl, project: o.project }, repo);
        const settings = {
          project: client.project,
          ...(o.team !== undefined ? { projects: teamOption(app, o.team).projects } : {}),
          statuses: config.triage.statuses,
          importances: config.triage.importances,
          halfTriaged: config.triage.halfTriaged,
        };
        let r;
        try {
          r = await recordDailyBacklog(repo, client, settings, Date.now(), undefined, true);
        } catch (err) {
          if (err instanceof LaunchpadError) throw new UserError(err.userMessage);
          throw err;
        }
        console.log(r.recorded ? `recorded: ${r.untriaged} untriaged ${projectsLabel(settings)} bugs (${queueLabel(settings)})` : 'already recorded today');
      }),
    );

  triage
    .command('login')
    .description('get an OAuth token for writing outcomes back: prints a Launchpad page to approve, then the token')
    .option('--web-url <origin>', 'Launchpad web origin (default: config launchpad.webUrl, https://launchpad.net)')
    .option('--consumer-key <name>', 'application name shown on the approval page (default: config launchpad.consumerKey)')
    .addOption(new Option('--wait <seconds>', 'how long to wait for the approval').default(300).argParser(seconds))
    .addOption(new Option('--poll <seconds>', 'seconds between checks').default(5).argParser(seconds))
    .action((o: { webUrl?: string; consumerKey?: string; wait: number; poll: number }) =>
      withApp(global(), async (_app, s) => {
        const lp = s.config.launchpad;
        const web = o.webUrl ?? lp.webUrl;
        const key = o.consumerKey ?? lp.consumerKey;
        assertSecureOrigin(web, lp.allowHttp, 'the Launchpad web site at');
        const http = new Http({
          fetch: (u, i) => fetch(u, i),
          userAgent: userAgent(VERSION, lp.contactUrl),
          timeoutMs: lp.timeoutSeconds * 1000,
          retries: lp.retries,
          maxRetryAfterMs: lp.maxRetryAfterSeconds * 1000,
        });
        try {
          const req = await requestToken(http, web, key);
          console.log(`Open this page logged in as the bot account, and allow "Change non-private data" (WRITE_PUBLIC):\n  ${req.authorizeUrl}`);
          console.log(`Waiting up to ${o.wait} s for the approval…`);
          const deadline = Date.now() + o.wait * 1000;
          for (;;) {
            const creds = await accessToken(http, web, key, req);
            if (creds) {
              console.log('Approved. Give the bot these (environment, or launchpad.token / launchpad.tokenSecret in the config), and set launchpad.write: on:');
              console.log(`CYCLEBOT_LP_TOKEN=${creds.token}\nCYCLEBOT_LP_SECRET=${creds.tokenSecret}`);
              return;
            }
            if (Date.now() >= deadline) throw new UserError(`the request token was not approved within ${o.wait} s; run cyclebot triage login again`);
            await new Promise((r) => setTimeout(r, o.poll * 1000));
          }
        } catch (err) {
          if (err instanceof LaunchpadError) throw new UserError(err.userMessage);
          throw err;
        }
      }),
    );
}

/** --team sets --project to the team's own (first) Launchpad project; naming both is a usage error. */
function byTeam<O extends { project?: string; team?: string }>(app: App, o: O): O {
  if (o.team === undefined) return o;
  if (o.project !== undefined) throw new UsageError('--team and --project: give one');
  o.project = teamOption(app, o.team).projects[0];
  return o;
}

/** The config with the team's triage settings (the statuses and importances of its queue). */
function teamConfig(app: App, config: Config, team?: string): Config {
  return team === undefined ? config : { ...config, triage: teamOption(app, team).triage };
}

async function list(o: ListOpts, db: Db, config: Config, log: Logger): Promise<void> {
  checkOrigin(o);
  const repo = new TriageRepo(db);
  const client = createLaunchpadClient({ config, db, version: VERSION, log, baseUrl: o.launchpadUrl, project: o.project }, repo);
  const settings = {
    project: client.project,
    projects: o.projects ?? [client.project],
    statuses: config.triage.statuses,
    importances: config.triage.importances,
    halfTriaged: false,
  };
  const several = settings.projects.length > 1;
  try {
    // Each project's first --limit tasks in the order, one search a project in turn; the merge
    // below keeps the first --limit of them all (a bug with tasks in two projects is two rows).
    const search = await searchProjects(client, settings.projects, queueQuery(settings, o.order), o.limit);
    let tasks = mergeByOrder(search, o.order);
    if (o.order !== 'most-voted') tasks = tasks.slice(0, o.limit);
    const details = await mapLimit(tasks, 4, ({ task: t }) =>
      client.bug(t.id).catch((err: unknown) => (err instanceof LaunchpadError && err.kind === 'not-found' ? null : Promise.reject(err))),
    );
    let rows = tasks.map((t, i) => ({ ...t, details: details[i] }));
    // The server sorted by the same keys; re-sort what was fetched so the printed order is exact
    // (and, for a team of several projects, across them).
    if (o.order === 'most-voted') {
      rows = rows
        .map((r, i) => ({ r, i }))
        .sort(
          (a, b) =>
            (b.r.details?.usersAffected ?? -1) - (a.r.details?.usersAffected ?? -1) || (b.r.details?.heat ?? -1) - (a.r.details?.heat ?? -1) || a.i - b.i,
        )
        .map((x) => x.r)
        .slice(0, o.limit);
    }
    if (o.json) {
      const bugs = rows.map(({ task, project, details: d }) => ({
        id: task.id,
        ...(several ? { project } : {}),
        title: d?.title || task.title,
        url: task.webLink,
        status: task.status,
        importance: task.importance,
        created: task.created,
        heat: d?.heat ?? null,
        users_affected: d?.usersAffected ?? null,
      }));
      const projects = several ? { projects: settings.projects } : {};
      console.log(JSON.stringify({ project: client.project, ...projects, total: search.total, bugs }, null, 2));
      return;
    }
    console.log(`${projectsLabel(settings)}: ${search.total} untriaged (${queueLabel(settings)}); ${rows.length} shown, ${o.order}`);
    for (const r of rows) {
      const [bug, ...rest] = bugLine(r.task, r.details as BugDetails | null, Date.now());
      console.log(renderPlain(several ? [bug, ` in ${sanitizeLine(r.project)}`, ...rest] : [bug, ...rest]));
    }
  } catch (err) {
    if (err instanceof LaunchpadError) throw new UserError(err.userMessage);
    throw err;
  }
}

/** The projects' tasks in one list: newest or oldest across them; most-voted keeps each list's order (re-sorted once fetched). */
function mergeByOrder(search: TeamSearch, order: Order): { task: BugTask; project: string }[] {
  const all = search.searches.flatMap(({ project, result }) => result.tasks.map((task) => ({ task, project })));
  if (order === 'most-voted' || search.searches.length < 2) return all;
  const created = (t: BugTask) => Date.parse(t.created) || 0;
  const sign = order === 'oldest' ? 1 : -1;
  // Array.prototype.sort is stable: equal keys keep the first project first.
  return all.sort((a, b) => sign * (created(a.task) - created(b.task)) || sign * (a.task.id - b.task.id));
}

/** --launchpad-url and --project, as list and snapshot take them. */
function checkOrigin(o: { launchpadUrl?: string; project?: string }): void {
  if (o.launchpadUrl !== undefined && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(o.launchpadUrl))
    throw new UsageError(`--launchpad-url: expected an http(s) origin like https://api.launchpad.net, not "${o.launchpadUrl}"`);
  if (o.project !== undefined && !/^[a-z0-9][a-z0-9+.-]{0,63}$/.test(o.project))
    throw new UsageError(`--project: not a Launchpad project name: "${o.project}"`);
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function limitArg(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 300) throw new InvalidArgumentError(`expected a whole number from 1 to 300`);
  return n;
}

function seconds(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || n > 86_400) throw new InvalidArgumentError('expected a number of seconds from 1 to 86400');
  return n;
}
