// A round over a team's Launchpad projects (neutron, networking-ovn): one search a project, each
// planned as for one project (carried bugs first, handled ones left out), then merged: carried
// bugs first (deferred, then unreviewed), then the candidates in the round's order across the
// projects. Triage is per bug task (each project's task of a bug has its own status): a bug with
// untriaged tasks in two of the projects comes once a round, as its first task in that order; the
// other task waits for a later round.
import { oldestCreated } from './backlog.ts';
import type { LaunchpadClient } from './launchpad-client.ts';
import { planQueue, type Carry, type HandledBug } from './round.ts';
import type { BugDetails, BugTask, Order, SearchQuery, SearchResult } from './types.ts';

export interface ProjectSearch {
  project: string;
  result: SearchResult;
}

export interface TeamSearch {
  searches: ProjectSearch[];
  /** Untriaged tasks in all the projects (a bug in two of them counts twice, as Launchpad lists it). */
  total: number;
  complete: boolean;
  requests: number;
}

export interface TeamItem {
  bugId: number;
  carried: Carry | null;
  project: string;
}

/** One searchTasks a project, in turn (polite: never two at once); `limit`: tasks read at most a project. */
export async function searchProjects(client: LaunchpadClient, projects: readonly string[], q: SearchQuery, limit?: number): Promise<TeamSearch> {
  const searches: ProjectSearch[] = [];
  for (const project of projects) searches.push({ project, result: await client.search({ ...q, project }, limit) });
  const sum = (f: (r: SearchResult) => number) => searches.reduce((n, s) => n + f(s.result), 0);
  return { searches, total: sum((r) => r.total), complete: searches.every((s) => s.result.complete), requests: sum((r) => r.requests) };
}

/** The sum of a count over the projects, or null when Launchpad could not say for one of them. */
export async function countProjects(client: LaunchpadClient, projects: readonly string[], q: SearchQuery): Promise<number | null> {
  let n = 0;
  for (const project of projects) {
    const c = await client.count({ ...q, project }).catch(() => null);
    if (c === null) return null;
    n += c;
  }
  return n;
}

/** The oldest untriaged report's date over the projects (a first-of-oldest search where a list was cut). */
export async function oldestOf(client: LaunchpadClient, search: TeamSearch, q: SearchQuery): Promise<string | null> {
  const dates: string[] = [];
  for (const { project, result } of search.searches) {
    const d = result.complete ? oldestCreated(result.tasks) : ((await client.first({ ...q, order: 'oldest', project }).catch(() => null))?.created ?? null);
    if (d) dates.push(d);
  }
  return dates.reduce<string | null>((a, d) => (a === null || Date.parse(d) < Date.parse(a) ? d : a), null);
}

export interface TeamPlanInput {
  search: TeamSearch;
  carried(project: string): { bugId: number; reason: Carry }[];
  handled(project: string): Map<number, HandledBug>;
  size: number;
  order: Order;
  /** For most-voted across projects: the bug entry (users affected, heat), or null when Launchpad cannot say. */
  details(id: number): Promise<BugDetails | null>;
}

export interface TeamPlan {
  items: TeamItem[];
  /** Per project, the carried bugs to forget: taken into this round, or no longer listed. */
  uncarry: Map<string, number[]>;
}

export async function planTeamQueue(p: TeamPlanInput): Promise<TeamPlan> {
  const plans = p.search.searches.map(({ project, result }) => ({
    project,
    tasks: new Map(result.tasks.map((t) => [t.id, t])),
    plan: planQueue({ candidates: result.tasks, complete: result.complete, carried: p.carried(project), handled: p.handled(project), size: p.size }),
  }));
  const items: TeamItem[] = [];
  const taken = new Set<number>();
  const take = (it: TeamItem) => {
    if (items.length >= p.size || taken.has(it.bugId)) return;
    items.push(it);
    taken.add(it.bugId);
  };
  const own = (x: (typeof plans)[number], carried: boolean) => x.plan.items.filter((i) => (i.carried !== null) === carried);
  for (const reason of ['deferred', 'unreviewed'] as const)
    for (const x of plans) for (const i of own(x, true)) if (i.carried === reason) take({ ...i, project: x.project });
  const key = await orderKey(
    p,
    plans.flatMap((x) => own(x, false).map((i) => x.tasks.get(i.bugId)!)),
  );
  // Merged head by head: each project's list keeps Launchpad's order; ties go to the first project.
  const heads = plans.map((x) => ({ project: x.project, rest: own(x, false).map((i) => x.tasks.get(i.bugId)!) }));
  for (;;) {
    let best: (typeof heads)[number] | undefined;
    for (const h of heads) if (h.rest.length && (!best || key(h.rest[0]) < key(best.rest[0]))) best = h;
    if (!best || items.length >= p.size) break;
    const t = best.rest.shift()!;
    take({ bugId: t.id, carried: null, project: best.project });
  }
  const uncarry = new Map(
    plans.map((x) => [x.project, [...items.filter((i) => i.project === x.project && i.carried !== null).map((i) => i.bugId), ...x.plan.dropped]]),
  );
  return { items, uncarry };
}

/** A sort key (smaller first) for the round's order across projects. */
async function orderKey(p: TeamPlanInput, tasks: BugTask[]): Promise<(t: BugTask) => string> {
  const created = (t: BugTask) => Date.parse(t.created) || 0;
  const pad = (n: number) => String(Math.max(0, Math.min(n, 1e15))).padStart(16, '0');
  if (p.order === 'oldest') return (t) => `${pad(created(t))}${pad(t.id)}`;
  const inverse = (n: number) => pad(1e15 - n);
  if (p.order === 'newest' || p.search.searches.length < 2) return (t) => `${inverse(created(t))}${inverse(t.id)}`;
  // Most affected first: Launchpad sorts each project's list; across projects, the bug entries say.
  const facts = new Map<number, BugDetails | null>();
  for (const t of tasks) if (!facts.has(t.id)) facts.set(t.id, await p.details(t.id));
  return (t) => {
    const d = facts.get(t.id);
    return `${inverse((d?.usersAffected ?? -1) + 1)}${inverse((d?.heat ?? -1) + 1)}${inverse(created(t))}${inverse(t.id)}`;
  };
}
