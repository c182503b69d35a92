// The triage round in a room: start, show, decide, end. State is read from and written to SQLite
// on every command (so a restart mid-round loses nothing); Launchpad is asked for one search at
// the start and one bug entry per bug shown. When Launchpad is down the round says so in one
// line and keeps everything it has.
import type { Reply, RichLine } from '../core/types.ts';
import { CommandError } from '../errors.ts';
import type { TriageRepo } from '../store/triage-repo.ts';
import type { WriteJournalRepo } from '../store/write-journal-repo.ts';
import { HALF_TRIAGED, headerText, oldestCreated, queueLabel, queueQuery, recordDailyBacklog, statsText, type QueueSettings } from './backlog.ts';
import { bugLine, hhmm, hintLine, isoDay, plural, safeText } from './format.ts';
import { LaunchpadError } from './http.ts';
import type { LaunchpadClient } from './launchpad-client.ts';
import { decisionMinutes, endMinutes, minutesReply, startMinutes } from './minutes.ts';
import { advance, carryAtEnd, currentItem, effectOf, newQueue, planQueue, summarize, type Decision, type QueueItem, type Round } from './round.ts';
import { isAnnotation, isOutcome, ORDER_LABEL, OUTCOME_STATUS, type BugDetails, type DecisionInput, type DecisionKind, type MeetingLookup, type MeetingRef, type Order, type Where, type Who } from './types.ts';
import { runJournaled } from './journal.ts';
import { describeOp, outcomeText, planWrites, writeFailure } from './writeback.ts';

export interface TriageSettings extends QueueSettings {
  count: number;
  maxCount: number;
  order: Order;
  minutes: boolean;
  write: 'off' | 'dry-run' | 'on';
}

export interface TriageServiceDeps {
  repo: TriageRepo;
  /** Each Launchpad write step, before and after it is sent. */
  journal: WriteJournalRepo;
  client: LaunchpadClient;
  settings: TriageSettings;
  meetings?: MeetingLookup;
  log?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

const text = (...lines: string[]): Reply => ({ lines: lines.map((l) => safeText(l)) });

export class TriageService {
  /** Commands run one at a time: two quick decisions must not both see the same current bug. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly d: TriageServiceDeps) {}

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  get settings(): TriageSettings {
    return this.d.settings;
  }

  start(where: Where, who: Who, now: number, opts: { size?: number; order?: Order } = {}): Promise<Reply[]> {
    return this.serial(() => this.doStart(where, who, now, opts));
  }

  status(where: Where, now: number): Promise<Reply[]> {
    return this.serial(() => this.doStatus(where, now));
  }

  decide(where: Where, who: Who, now: number, input: DecisionInput): Promise<Reply[]> {
    return this.serial(() => this.doDecide(where, who, now, input));
  }

  end(where: Where, who: Who, now: number): Promise<Reply[]> {
    return this.serial(() => this.doEnd(where, who, now));
  }

  private async doStart(where: Where, who: Who, now: number, opts: { size?: number; order?: Order }): Promise<Reply[]> {
    const { repo, client, settings: s } = this.d;
    const running = repo.runningRound(where.transport, where.room);
    if (running) throw new CommandError(`a triage round is already running here (${progress(running)}); !triage status shows it, !triage end closes it`);
    const size = Math.min(Math.max(1, opts.size ?? s.count), s.maxCount);
    const order = opts.order ?? s.order;
    let search;
    try {
      search = await client.search(queueQuery(s, order));
    } catch (err) {
      throw asCommandError(err, 'no round started, nothing changed; try !triage start again later');
    }
    const halfTriaged = s.halfTriaged ? await client.count(HALF_TRIAGED).catch(() => null) : null;
    const oldest = search.complete ? oldestCreated(search.tasks) : ((await client.first(queueQuery(s, 'oldest')).catch(() => null))?.created ?? null);
    repo.upsertTasks(s.project, search.tasks, now);
    const previous = repo.backlog(s.project, 20, now + 1).find((p) => p.source === 'round') ?? repo.backlog(s.project, 1, now + 1)[0];
    const newSince = previous && search.complete ? search.tasks.filter((t) => Date.parse(t.created) > previous.takenAt).length : null;
    repo.recordBacklog(s.project, { takenAt: now, untriaged: search.total, halfTriaged, query: queueLabel(s), source: 'round' });

    const plan = planQueue({ candidates: search.tasks, complete: search.complete, carried: repo.carried(s.project), handled: repo.handledBugs(s.project), size });
    repo.uncarry(s.project, [...plan.items.filter((i) => i.carried).map((i) => i.bugId), ...plan.dropped]);
    const carried = plan.items.filter((i) => i.carried).length;
    const header = headerText({ project: s.project, label: queueLabel(s), total: search.total, halfTriaged, previous, newSince, oldest, size: plan.items.length, order, carried, now });
    if (plan.items.length === 0) {
      return [text(header.replace(/ This round: .*$/, ''), 'nothing to review: every untriaged bug has a recorded decision; no round started')];
    }
    const meeting = this.meeting(where);
    const queue = newQueue(plan.items);
    const round: Round = { id: 0, project: s.project, transport: where.transport, room: where.room, order, size: queue.length, query: queueLabel(s), startedAt: now, startedBy: who, meeting, backlog: search.total, halfTriaged, endedAt: null, queue };
    round.id = repo.createRound(round);
    this.d.log?.info({ round: round.id, room: where.room, bugs: queue.map((q) => q.bugId), requests: search.requests }, 'triage round started');
    const replies: Reply[] = [text(header), await this.showCurrent(round, now, true)];
    if (this.minutesOn(where)) replies.push(...minutesReply(startMinutes(`Bug triage round: ${search.total} untriaged ${s.project} bugs (${queueLabel(s)}); reviewing ${queue.length}, ${ORDER_LABEL[order]}`)));
    return replies;
  }

  private async doStatus(where: Where, now: number): Promise<Reply[]> {
    const round = this.d.repo.runningRound(where.transport, where.room);
    if (!round) {
      const last = this.d.repo.lastRound(this.d.settings.project);
      const before = last ? ` The last round was on ${isoDay(last.startedAt)} (${last.startedBy.display}).` : '';
      return [text(`no triage round is running here.${before} A chair starts one with !triage start [N] [newest|most-voted|oldest]`)];
    }
    const flushed = await this.flushWrites();
    const counts = tally(round.queue);
    const head = `Triage round running (${round.project}, ${ORDER_LABEL[round.order]}, started ${hhmm(round.startedAt)} UTC by ${round.startedBy.display}): ${progress(round)}; ${counts}`;
    const replies = [text(head, ...flushed)];
    replies.push(currentItem(round.queue) ? await this.showCurrent(round, now, false) : text('no bug left in this round: !triage end closes it with a summary'));
    return replies;
  }

  private async doDecide(where: Where, who: Who, now: number, input: DecisionInput): Promise<Reply[]> {
    const { repo, settings: s } = this.d;
    const round = repo.runningRound(where.transport, where.room);
    if (!round) throw new CommandError('no triage round is running here; a chair starts one with !triage start');
    const cur = currentItem(round.queue);
    if (!cur) throw new CommandError('every bug of this round has been reviewed; !triage end closes it with a summary');
    if (input.bugId !== undefined && input.bugId !== cur.bugId) throw new CommandError(`bug ${input.bugId} is not the current bug (bug ${cur.bugId} is); nothing recorded`);
    if (input.kind === 'dup' && Number(input.value) === cur.bugId) throw new CommandError(`bug ${cur.bugId} cannot be a duplicate of itself; nothing recorded`);
    const flushed = await this.flushWrites();
    const task = repo.task(round.project, cur.bugId)!;
    const ofRound = repo.decisionsOfRound(round.id);
    const annotated = ofRound.some((x) => x.bugId === cur.bugId && isAnnotation(x.kind));
    const effect = effectOf(input.kind, annotated);
    const lines: string[] = [];
    const replies: Reply[] = [];
    const minutes: RichLine[] = [];
    // The queue moves before Launchpad is written to, in the same transaction as the decision.
    if (effect !== 'stay') round.queue = advance(round.queue, effect === 'advance-decided' ? 'decided' : effect === 'advance-skipped' ? 'skipped' : 'deferred');
    const queue = effect !== 'stay' ? { roundId: round.id, items: round.queue } : undefined;
    if (input.kind !== 'next') {
      const meeting = this.meeting(where); // the one running now: never an ended or expired one
      const writes = isOutcome(input.kind) || isAnnotation(input.kind) ? s.write : 'off';
      const decision: Omit<Decision, 'id'> = {
        roundId: round.id, project: round.project, bugId: cur.bugId, kind: input.kind, value: input.value ?? null, reason: input.reason ?? null,
        by: who, at: now, meeting, writeState: writes === 'off' ? 'none' : writes === 'dry-run' ? 'dry-run' : 'pending', writeNote: null,
      };
      const id = repo.recordDecision(decision, queue);
      const saved = { ...decision, id };
      lines.push(`Bug ${cur.bugId}: ${outcomeText(saved)}${saved.reason ? ` (${saved.reason})` : ''} — recorded for ${who.display}`);
      if (writes === 'dry-run') replies.push(this.dryRun(saved, where));
      if (writes === 'on') {
        const failure = await this.write(saved, where.room);
        lines.push(failure ?? 'written to Launchpad');
      }
      if (this.minutesOn(where)) minutes.push(...decisionMinutes(saved, task, !ofRound.some((x) => x.bugId === cur.bugId && x.kind !== 'skip'), s.write !== 'on'));
    } else {
      if (queue) repo.saveQueue(queue.roundId, queue.items);
      lines.push(`Bug ${cur.bugId}: ${annotated ? 'reviewed' : 'no decision recorded, skipped'}`);
    }
    lines.push(...flushed);
    let nextBug: Reply | null = null;
    if (effect !== 'stay') {
      if (currentItem(round.queue)) nextBug = await this.showCurrent(round, now, false);
      else lines.push(`that was the last bug of the round (${tally(round.queue)}); !triage end closes it with a summary`);
    }
    // Acknowledgement, the minutes of this decision, then the next bug; dry-run privately. The
    // acknowledgement is kept across a reconnect like the minutes (Reply.kind).
    return [{ ...text(...lines), kind: 'ack' }, ...minutesReply(minutes), ...(nextBug ? [nextBug] : []), ...replies];
  }

  private async doEnd(where: Where, who: Who, now: number): Promise<Reply[]> {
    const { repo, settings: s } = this.d;
    const round = repo.runningRound(where.transport, where.room);
    if (!round) throw new CommandError('no triage round is running here');
    const decisions = repo.decisionsOfRound(round.id);
    const cur = currentItem(round.queue);
    // The current bug got importance/tag/assign but no "next": it was reviewed.
    if (cur && decisions.some((x) => x.bugId === cur.bugId && isAnnotation(x.kind))) round.queue = advance(round.queue, 'decided');
    const carry = carryAtEnd(round.queue);
    for (const q of round.queue) if (q.state === 'current') q.state = 'pending';
    repo.saveQueue(round.id, round.queue);
    repo.carry(round.project, carry, round.id, now);
    repo.endRound(round.id, now, who.display);
    const sum = summarize(round.queue, decisions, (k) => this.leavesQueue(k));
    const outcomes = sum.outcomes.length ? ` — ${sum.outcomes.map(([label, n]) => `${n} ${label}`).join(', ')}` : '';
    const annotated = sum.annotated ? `, ${sum.annotated} given only a tag, importance or assignee` : '';
    const left = round.backlog - sum.leaving;
    const applied = s.write === 'on' ? `${left} left on Launchpad` : `${left} once these outcomes are applied on Launchpad (writes are ${s.write})`;
    const summary = `Triage round ended: ${plural(sum.reviewed, 'bug')} reviewed${outcomes}${annotated}; ${sum.deferred} deferred, ${sum.skipped} skipped, ${sum.unreviewed} not reached (${carry.length} carried to the next round). Untriaged: ${round.backlog} at the start, ${applied}.`;
    const replies: Reply[] = [text(summary)];
    this.d.log?.info({ round: round.id, ...sum }, 'triage round ended');
    if (this.minutesOn(where)) {
      const tallyText = [sum.outcomes.map(([label, n]) => `${n} ${label}`).join(', '), sum.deferred ? `${sum.deferred} deferred` : ''].filter(Boolean).join('; ');
      replies.push(...minutesReply(endMinutes(`Bug triage done: ${sum.reviewed} reviewed${tallyText ? ` (${tallyText})` : ''}; ${left} untriaged ${round.project} bugs remain`)));
    }
    return replies;
  }

  stats(now: number): Reply {
    return text(statsText(this.d.repo, this.d.settings, now));
  }

  /** For the running bot's scheduler: one backlog count per UTC day. */
  recordDailyBacklog(now: Date = new Date()): Promise<{ recorded: boolean; untriaged?: number }> {
    return recordDailyBacklog(this.d.repo, this.d.client, this.d.settings, now.getTime(), this.d.log);
  }

  /** Retries writes that failed because Launchpad was down; stops at the first failure. */
  private async flushWrites(): Promise<string[]> {
    if (this.d.settings.write !== 'on') return [];
    const pending = this.d.repo.pendingWrites(this.d.settings.project);
    let written = 0;
    for (const p of pending) {
      const failure = await this.write(p, this.d.repo.round(p.roundId ?? -1)?.room ?? 'chat');
      if (failure) return [...(written ? [`wrote ${plural(written, 'kept decision')} to Launchpad`] : []), `still not written: ${failure}`];
      written++;
    }
    return written ? [`wrote ${plural(written, 'kept decision')} to Launchpad`] : [];
  }

  private async write(dec: Decision, room: string): Promise<string | null> {
    const { repo, client, settings: s } = this.d;
    const task = repo.task(dec.project, dec.bugId);
    if (!task) {
      repo.setWrite(dec.id, 'failed', 'the bug task is not in the local cache');
      return `bug ${dec.bugId} is not in the local cache; not written`;
    }
    try {
      // The journal sends the stored plan (planned now only at the first attempt) and never
      // repeats a step Launchpad already applied.
      await runJournaled(client, this.d.journal, dec.id, dec.bugId, () => planWrites(dec, task, client, room, repo.getBug(dec.bugId)?.details.tags ?? []));
      repo.setWrite(dec.id, 'written', null);
      return null;
    } catch (err) {
      if (!(err instanceof LaunchpadError)) throw err;
      repo.setWrite(dec.id, err.transient ? 'pending' : 'failed', err.userMessage);
      this.d.log?.warn({ bug: dec.bugId, err: err.userMessage }, 'write-back failed');
      return writeFailure(err, dec.bugId, s.project);
    }
  }

  private dryRun(dec: Decision, where: Where): Reply {
    const task = this.d.repo.task(dec.project, dec.bugId)!;
    const ops = planWrites(dec, task, this.d.client, where.room, this.d.repo.getBug(dec.bugId)?.details.tags ?? []);
    const described = ops.map(describeOp);
    this.d.repo.setWrite(dec.id, 'dry-run', described.join('\n'));
    this.d.log?.info({ bug: dec.bugId, ops: described }, 'dry-run: Launchpad not changed');
    const lines = described.length ? described.map((l) => `dry-run, not sent: ${l}`) : ['dry-run: nothing to send'];
    return { lines: lines.map((l) => safeText(l)), private: true, notice: true };
  }

  /** The current bug: one compact line plus hints; details from the cache or one GET. */
  private async showCurrent(round: Round, now: number, firstTime: boolean): Promise<Reply> {
    const cur = currentItem(round.queue) as QueueItem;
    const task = this.d.repo.task(round.project, cur.bugId);
    if (!task) return text(`Bug ${cur.bugId}: not in the local cache; !triage skip moves on`);
    let details: BugDetails | null = null;
    let problem: string | null = null;
    try {
      details = await this.d.client.bug(cur.bugId);
    } catch (err) {
      if (!(err instanceof LaunchpadError)) throw err;
      problem = err.kind === 'not-found' ? `Launchpad does not show bug ${cur.bugId} (404: deleted or private); !triage skip moves on` : `${err.userMessage}: tags, heat and comments are missing; !triage status tries again`;
    }
    const lines: RichLine[] = [bugLine(task, details, now), hintLine(cur.position, round.queue.length, cur.carried, details)];
    if (problem) lines.push(safeText(problem));
    if (firstTime) lines.push(['decide: !triage confirm [importance] | incomplete [why] | invalid | opinion | wontfix | dup <bug> | defer | skip; also importance, tag, assign; !triage end']);
    return { lines };
  }

  private meeting(where: Where): MeetingRef | null {
    const m = this.d.meetings?.current(where.transport, where.room);
    return m ? { name: m.name ?? null, startedAt: m.startedAt.getTime() } : null;
  }

  private minutesOn(where: Where): boolean {
    return this.d.settings.minutes && Boolean(this.d.meetings?.current(where.transport, where.room));
  }

  /** Whether a decision takes a bug out of the untriaged queue as configured. */
  private leavesQueue(kind: DecisionKind): boolean {
    if (isOutcome(kind)) return !(this.d.settings.statuses as readonly string[]).includes(OUTCOME_STATUS[kind]);
    return kind === 'importance' && this.d.settings.importances.length > 0 && this.d.settings.importances.every((i) => i === 'Undecided');
  }
}

function progress(round: Round): string {
  const cur = currentItem(round.queue);
  return cur ? `bug ${cur.position} of ${round.queue.length}` : `all ${round.queue.length} bugs reviewed`;
}

function tally(queue: QueueItem[]): string {
  const n = (s: QueueItem['state']) => queue.filter((q) => q.state === s).length;
  return `${n('decided')} decided, ${n('deferred')} deferred, ${n('skipped')} skipped`;
}

function asCommandError(err: unknown, then: string): unknown {
  if (err instanceof LaunchpadError) return new CommandError(`${err.userMessage}; ${then}`, err.message);
  return err;
}
