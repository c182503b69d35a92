// Starting a round and saying where it stands: one Launchpad search (one a project, for a team
// of several), the backlog count it records, the planned queue (carried bugs first, bugs already decided left out), the header
// line (the minutes' #info line in a meeting) and the first bug.
import { command, rich } from '../core/rich.ts';
import type { Reply } from '../core/types.ts';
import { CommandError } from '../errors.ts';
import { HALF_TRIAGED, headerText, projectsLabel, queueLabel, queueQuery, teamProjects } from './backlog.ts';
import { hhmm, isoDay } from './format.ts';
import { minutesReply, startMinutes } from './minutes.ts';
import { currentItem, newQueue, type Round } from './round.ts';
import { asCommandError, meetingOf, minutesOn, progress, showCurrent, tally, text, type RoundContext } from './round-context.ts';
import { currentBugReply } from './show.ts';
import { countProjects, oldestOf, planTeamQueue, searchProjects } from './team-queue.ts';
import { ORDER_LABEL, type Order, type Where, type Who } from './types.ts';

export async function startRound(c: RoundContext, where: Where, who: Who, now: number, opts: { size?: number; order?: Order }): Promise<Reply[]> {
  const { repo, client, settings: s } = c.d;
  refuseRunning(c, where);
  const size = Math.min(Math.max(1, opts.size ?? s.count), s.maxCount);
  const order = opts.order ?? s.order;
  const projects = teamProjects(s);
  let search;
  try {
    search = await searchProjects(client, projects, queueQuery(s, order));
  } catch (err) {
    throw asCommandError(err, rich`no round started, nothing changed; try ${command('triage start')} again later`);
  }
  const halfTriaged = s.halfTriaged ? await countProjects(client, projects, HALF_TRIAGED) : null;
  const oldest = await oldestOf(client, search, queueQuery(s));
  const plan = await planTeamQueue({
    search,
    carried: (p) => repo.carried(p),
    handled: (p) => repo.handledBugs(p),
    size,
    order,
    details: (id) => client.bug(id).catch(() => null),
  });
  // Another team's round may have started in this (shared) channel while Launchpad answered.
  refuseRunning(c, where);
  for (const { project, result } of search.searches) repo.upsertTasks(project, result.tasks, now);
  // Compared with the last round only: a count taken at start-up or by cron is no "last time".
  const previous = repo.backlog(s.project, 50, now + 1).find((p) => p.source === 'round');
  const tasks = search.searches.flatMap((x) => x.result.tasks);
  const newSince = previous && search.complete ? tasks.filter((t) => Date.parse(t.created) > previous.takenAt).length : null;
  repo.recordBacklog(s.project, { takenAt: now, untriaged: search.total, halfTriaged, query: queueLabel(s), source: 'round' });
  for (const [project, bugs] of plan.uncarry) repo.uncarry(project, bugs);
  const carried = plan.items.filter((i) => i.carried).length;
  const header = headerText({
    project: projectsLabel(s),
    label: queueLabel(s),
    total: search.total,
    halfTriaged,
    previous,
    newSince,
    oldest,
    size: plan.items.length,
    order,
    carried,
    now,
  });
  if (plan.items.length === 0) {
    return [
      text(
        header.slice(0, header.lastIndexOf(' This round: ')) /* headerText ends with it; no regex over a label */,
        'nothing to review: every untriaged bug has a recorded decision; no round started',
      ),
    ];
  }
  // A team of one project keeps its queue rows as before: the project is the round's.
  const queue = newQueue(projects.length > 1 ? plan.items : plan.items.map(({ bugId, carried }) => ({ bugId, carried })));
  const round: Round = {
    id: 0,
    project: s.project,
    transport: where.transport,
    room: where.room,
    order,
    size: queue.length,
    query: queueLabel(s),
    startedAt: now,
    startedBy: who,
    meeting: meetingOf(c, where),
    backlog: search.total,
    halfTriaged,
    endedAt: null,
    queue,
  };
  round.id = repo.createRound(round);
  c.d.log?.info({ round: round.id, room: where.room, bugs: queue.map((q) => q.bugId), requests: search.requests }, 'triage round started');
  // In a meeting the header is the minutes' #info line: said once, not twice.
  const head = minutesOn(c, where) ? minutesReply(startMinutes(header)) : [text(header)];
  return [...head, await showCurrent(c, round, now, who, true)];
}

function refuseRunning(c: RoundContext, where: Where): void {
  const running = c.d.repo.runningRound(where.transport, where.room);
  if (running)
    throw new CommandError(
      rich`a triage round is already running here (${progress(running)}); ${command('triage status')} shows it, ${command('triage end')} closes it`,
    );
}

export async function roundStatus(c: RoundContext, where: Where, now: number): Promise<Reply[]> {
  const round = c.d.repo.runningRound(where.transport, where.room);
  if (!round) {
    const last = c.d.repo.lastRound(c.d.settings.project);
    const before = last ? ` The last round was on ${isoDay(last.startedAt)} (${last.startedBy.display}).` : '';
    return [text(rich`no triage round is running here.${before} A chair starts one with ${command('triage start [N] [newest|most-voted|oldest]')}`)];
  }
  const flushed = await c.writer.flush();
  const head = `Triage round running (${projectsLabel(c.d.settings)}, ${ORDER_LABEL[round.order]}, started ${hhmm(round.startedAt)} UTC by ${round.startedBy.display}): ${progress(round)}; ${tally(round)}`;
  const cur = currentItem(round.queue);
  // Seen since this process started (decisions naming no bug may go on), but not "just came up":
  // a status shows no new bug, so it never arms the two-chairs guard.
  if (cur && !c.shown.has(round.id)) c.shown.set(round.id, { bugId: cur.bugId, at: -Infinity, by: '' });
  return [
    text(head, ...flushed),
    cur
      ? await currentBugReply(c.d.repo, c.d.client, round, now, false, teamProjects(c.d.settings).length > 1)
      : text(rich`no bug left in this round: ${command('triage end')} closes it with a summary`),
  ];
}
