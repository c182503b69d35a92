// The untriaged backlog over time: the queue's definition, the header of a round, the trend that
// `triage stats` shows, and the daily snapshot the running bot records.
import { command, rich } from '../core/rich.ts';
import type { RichLine } from '../core/types.ts';
import type { TriageRepo, BacklogPoint } from './repo.ts';
import { age, isoDay, shortDate } from './format.ts';
import type { LaunchpadClient } from './launchpad-client.ts';
import { LaunchpadError } from './http.ts';
import { ORDER_LABEL, type BugTask, type Order, type SearchQuery } from './types.ts';

export interface QueueSettings {
  /** The team's own project: its rounds and backlog counts are kept under its name. */
  project: string;
  /** Every project the team triages, its own first (absent: the project alone). */
  projects?: readonly string[];
  statuses: readonly string[];
  importances: readonly string[];
  halfTriaged: boolean;
}

export function teamProjects(s: Pick<QueueSettings, 'project' | 'projects'>): readonly string[] {
  return s.projects?.length ? s.projects : [s.project];
}

/** "nova", or "neutron + networking-ovn" for a team of several projects. */
export function projectsLabel(s: Pick<QueueSettings, 'project' | 'projects'>): string {
  return teamProjects(s).join(' + ');
}

export const HALF_TRIAGED: SearchQuery = { statuses: ['Confirmed'], importances: ['Undecided'] };

export function queueQuery(s: QueueSettings, order?: Order): SearchQuery {
  return { statuses: s.statuses, importances: s.importances, order };
}

/** "status New" or "status New, importance Undecided". */
export function queueLabel(s: QueueSettings): string {
  const imp = s.importances.length ? `, importance ${s.importances.join('/')}` : '';
  return `status ${s.statuses.join('/')}${imp}`;
}

export interface HeaderFacts {
  project: string;
  label: string;
  total: number;
  halfTriaged: number | null;
  /** The count at the last round's start (not a daily count): the header compares with it. */
  previous: BacklogPoint | undefined;
  /** Reports created since the last round, when the whole queue was read. */
  newSince: number | null;
  oldest: string | null;
  size: number;
  order: Order;
  carried: number;
  now: number;
}

/** One line: backlog, change since the last round, oldest age, half-triaged, this round. */
export function headerText(h: HeaderFacts): string {
  const parts = [`Bug triage, ${h.project}: ${h.total} untriaged (${h.label})`];
  if (h.previous) {
    const diff = h.total - h.previous.untriaged;
    const news = h.newSince !== null ? `, ${h.newSince} new` : '';
    parts[0] += `, ${diff >= 0 ? '+' : ''}${diff} since the last round (${shortDate(h.previous.takenAt, h.now)})${news}`;
  } else {
    parts[0] += ', no earlier round to compare with';
  }
  if (h.oldest) parts.push(`oldest ${age(h.oldest, h.now)}`);
  if (h.halfTriaged !== null) parts.push(`${h.halfTriaged} half-triaged (Confirmed, Undecided)`);
  const carried = h.carried ? ` (${h.carried} carried over)` : '';
  return `${parts.join('; ')}. This round: ${h.size} bug${h.size === 1 ? '' : 's'}, ${ORDER_LABEL[h.order]}${carried}.`;
}

export function oldestCreated(tasks: BugTask[]): string | null {
  let best: BugTask | null = null;
  for (const t of tasks) if (!best || Date.parse(t.created) < Date.parse(best.created)) best = t;
  return best?.created ?? null;
}

/** The newest snapshot of each UTC day, newest first. */
export function dailyPoints(points: BacklogPoint[]): BacklogPoint[] {
  const seen = new Set<string>();
  const out: BacklogPoint[] = [];
  for (const p of points) {
    const day = isoDay(p.takenAt);
    if (seen.has(day)) continue;
    seen.add(day);
    out.push(p);
  }
  return out;
}

/** The trend for !triage stats (no network: what was recorded). */
export function statsText(repo: TriageRepo, s: QueueSettings, now: number, maxPoints = 8): string | RichLine {
  const points = dailyPoints(repo.backlog(s.project, 200)).slice(0, maxPoints);
  if (points.length === 0)
    return rich`no backlog recorded yet for ${projectsLabel(s)}: it is counted at each ${command('triage start')} (and daily while the bot runs)`;
  const [latest] = points;
  const series = points.map((p) => `${p.untriaged} (${shortDate(p.takenAt, now)})`).join(', ');
  let trend = '';
  if (points.length > 1) {
    const first = points[points.length - 1];
    const diff = latest.untriaged - first.untriaged;
    trend = ` — ${diff === 0 ? 'unchanged' : diff < 0 ? `down ${-diff}` : `up ${diff}`} since ${shortDate(first.takenAt, now)}`;
  }
  const half = latest.halfTriaged !== null ? `; half-triaged ${latest.halfTriaged}` : '';
  return `Untriaged ${projectsLabel(s)} bugs (${latest.query}), newest first: ${series}${trend}${half}`;
}

/**
 * Counts the backlog once per UTC day (for the trend between meetings): two small requests,
 * none when today's count exists. A Launchpad failure is logged and skipped (thrown with rethrow).
 */
export async function recordDailyBacklog(
  repo: TriageRepo,
  client: LaunchpadClient,
  s: QueueSettings,
  now: number,
  log?: { warn(obj: object, msg: string): void },
  rethrow = false,
): Promise<{ recorded: boolean; untriaged?: number }> {
  const [last] = repo.backlog(s.project, 1, now + 1);
  if (last && isoDay(last.takenAt) === isoDay(now)) return { recorded: false };
  try {
    // A team of several projects: the sum of their counts, one request each.
    let untriaged = 0;
    let halfTriaged: number | null = s.halfTriaged ? 0 : null;
    for (const project of teamProjects(s)) {
      untriaged += await client.count({ ...queueQuery(s), project });
      if (halfTriaged !== null) halfTriaged += await client.count({ ...HALF_TRIAGED, project });
    }
    repo.recordBacklog(s.project, { takenAt: now, untriaged, halfTriaged, query: queueLabel(s), source: 'daily' });
    return { recorded: true, untriaged };
  } catch (err) {
    if (!(err instanceof LaunchpadError) || rethrow) throw err;
    log?.warn({ err: err.userMessage }, 'daily backlog count skipped');
    return { recorded: false };
  }
}
