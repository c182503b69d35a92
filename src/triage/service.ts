// The triage round in a room: start, show, decide, correct, end. State is read from and written
// to SQLite on every command (so a restart mid-round loses nothing); Launchpad is asked for one
// search at the start and one bug entry per bug shown. When Launchpad is down the round says so
// in one line and keeps everything it has. During an OpenDev meeting the minutes lines are the
// acknowledgements, so each bug costs the channel at most four lines.
import type { Reply, RichLine } from '../core/types.ts';
import { command, rich } from '../core/rich.ts';
import { CommandError } from '../errors.ts';
import type { TriageRepo } from './repo.ts';
import type { WriteJournalRepo } from './write-journal-repo.ts';
import { HALF_TRIAGED, headerText, oldestCreated, queueLabel, queueQuery, recordDailyBacklog, statsText, type QueueSettings } from './backlog.ts';
import { amendTarget, correctionText, movedQueue } from './corrections.ts';
import { hhmm, isoDay, safeText } from './format.ts';
import { LaunchpadError } from './http.ts';
import type { LaunchpadClient } from './launchpad-client.ts';
import { correctionMinutes, decisionMinutes, minutesReply, startMinutes } from './minutes.ts';
import { advance, currentItem, effectOf, effective, lastStanding, newQueue, planQueue, reopen, type Decision, type Round } from './round.ts';
import { endRound } from './round-end.ts';
import { currentBugReply, raceRefusal, type Shown } from './show.ts';
import { isAnnotation, isOutcome, ORDER_LABEL, type DecisionInput, type MeetingLookup, type MeetingRef, type Order, type Where, type Who } from './types.ts';
import { outcomeText } from './writeback.ts';
import { TriageWriter } from './writer.ts';

export interface TriageSettings extends QueueSettings {
  count: number;
  maxCount: number;
  order: Order;
  minutes: boolean;
  write: 'off' | 'dry-run' | 'on';
  /** A decision naming no bug this soon after another person's command showed a new bug is refused (two chairs at once). */
  nameBugWithinMs: number;
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

// Rich lines are built here and name commands as elements (rendered with the prefix); text from
// elsewhere is made safe.
const text = (...lines: (string | RichLine)[]): Reply => ({ lines: lines.map((l) => (typeof l === 'string' ? safeText(l) : l)) });

export class TriageService {
  /** Commands run one at a time: two quick decisions must not both see the same current bug. */
  private queue: Promise<unknown> = Promise.resolve();
  /** When, and after whose command, each round's current bug was shown (kept in memory only). */
  private readonly shown = new Map<number, Shown>();
  private readonly writer: TriageWriter;

  constructor(private readonly d: TriageServiceDeps) {
    this.writer = new TriageWriter({ repo: d.repo, journal: d.journal, client: d.client, project: d.settings.project, write: d.settings.write, log: d.log });
  }

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

  /** Takes back the round's last standing decision; others' only with `chair` (a chair or admin). */
  undo(where: Where, who: Who, now: number, chair: boolean): Promise<Reply[]> {
    return this.serial(() => this.doUndo(where, who, now, chair));
  }

  end(where: Where, who: Who, now: number): Promise<Reply[]> {
    return this.serial(async () => {
      const round = this.running(where, 'no triage round is running here');
      this.shown.delete(round.id);
      return endRound({ repo: this.d.repo, settings: this.d.settings, log: this.d.log }, round, who, now, this.minutesOn(where));
    });
  }

  private async doStart(where: Where, who: Who, now: number, opts: { size?: number; order?: Order }): Promise<Reply[]> {
    const { repo, client, settings: s } = this.d;
    const running = repo.runningRound(where.transport, where.room);
    if (running)
      throw new CommandError(
        rich`a triage round is already running here (${progress(running)}); ${command('triage status')} shows it, ${command('triage end')} closes it`,
      );
    const size = Math.min(Math.max(1, opts.size ?? s.count), s.maxCount);
    const order = opts.order ?? s.order;
    let search;
    try {
      search = await client.search(queueQuery(s, order));
    } catch (err) {
      throw asCommandError(err, rich`no round started, nothing changed; try ${command('triage start')} again later`);
    }
    const halfTriaged = s.halfTriaged ? await client.count(HALF_TRIAGED).catch(() => null) : null;
    const oldest = search.complete ? oldestCreated(search.tasks) : ((await client.first(queueQuery(s, 'oldest')).catch(() => null))?.created ?? null);
    repo.upsertTasks(s.project, search.tasks, now);
    // Compared with the last round only: a count taken at start-up or by cron is no "last time".
    const previous = repo.backlog(s.project, 50, now + 1).find((p) => p.source === 'round');
    const newSince = previous && search.complete ? search.tasks.filter((t) => Date.parse(t.created) > previous.takenAt).length : null;
    repo.recordBacklog(s.project, { takenAt: now, untriaged: search.total, halfTriaged, query: queueLabel(s), source: 'round' });

    const plan = planQueue({
      candidates: search.tasks,
      complete: search.complete,
      carried: repo.carried(s.project),
      handled: repo.handledBugs(s.project),
      size,
    });
    repo.uncarry(s.project, [...plan.items.filter((i) => i.carried).map((i) => i.bugId), ...plan.dropped]);
    const carried = plan.items.filter((i) => i.carried).length;
    const header = headerText({
      project: s.project,
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
    const queue = newQueue(plan.items);
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
      meeting: this.meeting(where),
      backlog: search.total,
      halfTriaged,
      endedAt: null,
      queue,
    };
    round.id = repo.createRound(round);
    this.d.log?.info({ round: round.id, room: where.room, bugs: queue.map((q) => q.bugId), requests: search.requests }, 'triage round started');
    // In a meeting the header is the minutes' #info line: said once, not twice.
    const head = this.minutesOn(where) ? minutesReply(startMinutes(header)) : [text(header)];
    return [...head, await this.show(round, now, who, true)];
  }

  private async doStatus(where: Where, now: number): Promise<Reply[]> {
    const round = this.d.repo.runningRound(where.transport, where.room);
    if (!round) {
      const last = this.d.repo.lastRound(this.d.settings.project);
      const before = last ? ` The last round was on ${isoDay(last.startedAt)} (${last.startedBy.display}).` : '';
      return [text(rich`no triage round is running here.${before} A chair starts one with ${command('triage start [N] [newest|most-voted|oldest]')}`)];
    }
    const flushed = await this.writer.flush();
    const head = `Triage round running (${round.project}, ${ORDER_LABEL[round.order]}, started ${hhmm(round.startedAt)} UTC by ${round.startedBy.display}): ${progress(round)}; ${tally(round)}`;
    const cur = currentItem(round.queue);
    return [
      text(head, ...flushed),
      cur
        ? await currentBugReply(this.d.repo, this.d.client, round, now, false)
        : text(rich`no bug left in this round: ${command('triage end')} closes it with a summary`),
    ];
  }

  private async doDecide(where: Where, who: Who, now: number, input: DecisionInput): Promise<Reply[]> {
    const { repo, settings: s } = this.d;
    const round = this.running(where, rich`no triage round is running here; a chair starts one with ${command('triage start')}`);
    const ofRound = repo.decisionsOfRound(round.id);
    const item = input.bugId === undefined ? undefined : round.queue.find((q) => q.bugId === input.bugId);
    if (item && item.state !== 'current' && item.state !== 'pending' && input.kind !== 'next') return this.amend(round, where, who, now, input, ofRound);
    const cur = currentItem(round.queue);
    if (!cur)
      throw new CommandError(
        rich`every bug of this round has been reviewed; ${command('triage end')} closes it with a summary (or name a bug of this round to amend its decision)`,
      );
    if (input.bugId !== undefined && input.bugId !== cur.bugId)
      throw new CommandError(`bug ${input.bugId} is not the current bug (bug ${cur.bugId} is) nor one decided in this round; nothing recorded`);
    this.guardRace(round, cur.bugId, who, now, input);
    if (input.kind === 'dup' && Number(input.value) === cur.bugId) throw new CommandError(`bug ${cur.bugId} cannot be a duplicate of itself; nothing recorded`);
    if (input.kind === 'tag') this.refuseKnownTag(cur.bugId, input.value ?? '', ofRound);
    const flushed = await this.writer.flush();
    const annotated = effective(ofRound).some((x) => x.bugId === cur.bugId && isAnnotation(x.kind));
    const effect = effectOf(input.kind, annotated);
    // The queue moves before Launchpad is written to, in the same transaction as the decision.
    if (effect !== 'stay') round.queue = advance(round.queue, effect === 'advance-decided' ? 'decided' : effect === 'advance-skipped' ? 'skipped' : 'deferred');
    const queue = effect !== 'stay' ? { roundId: round.id, items: round.queue } : undefined;
    const out: Outputs = { chat: [], minutes: [], personal: [] };
    if (input.kind === 'next') {
      if (queue) repo.saveQueue(queue.roundId, queue.items);
      out.chat.push(`Bug ${cur.bugId}: ${annotated ? 'reviewed' : 'no decision recorded, skipped'}`);
    } else {
      const saved = this.record(round, where, who, now, cur.bugId, input, null, queue);
      const task = repo.task(round.project, cur.bugId)!;
      if (this.minutesOn(where))
        out.minutes.push(...decisionMinutes(saved, task, !ofRound.some((x) => x.bugId === cur.bugId && x.kind !== 'skip'), s.write !== 'on'));
      // In a meeting the minutes line is the acknowledgement; a separate one only when there is none.
      if (out.minutes.length === 0)
        out.chat.push(`Bug ${cur.bugId}: ${outcomeText(saved)}${saved.reason ? ` (${saved.reason})` : ''} — recorded for ${who.display}`);
      await this.writeBack(saved, where, out);
    }
    out.chat.push(...flushed);
    let next: Reply | null = null;
    if (effect !== 'stay') {
      if (currentItem(round.queue)) next = await this.show(round, now, who, false);
      else out.chat.push(rich`that was the last bug of the round (${tally(round)}); ${command('triage end')} closes it with a summary`);
    }
    return this.replies(out, next);
  }

  /** A decision on a bug already decided in this round replaces its standing decision of that sort. */
  private async amend(round: Round, where: Where, who: Who, now: number, input: DecisionInput, ofRound: Decision[]): Promise<Reply[]> {
    const bugId = input.bugId!;
    if (input.kind === 'tag') this.refuseKnownTag(bugId, input.value ?? '', ofRound);
    const target = amendTarget(ofRound, bugId, input.kind);
    if (target) this.writer.supersede(target);
    const item = round.queue.find((q) => q.bugId === bugId)!;
    const state = isOutcome(input.kind) ? 'decided' : input.kind === 'defer' ? 'deferred' : input.kind === 'skip' ? 'skipped' : item.state;
    round.queue = round.queue.map((q) => (q.bugId === bugId ? { ...q, state } : q));
    const saved = this.record(round, where, who, now, bugId, input, target?.id ?? null, { roundId: round.id, items: round.queue });
    return this.correction(saved, target, where);
  }

  private async doUndo(where: Where, who: Who, now: number, chair: boolean): Promise<Reply[]> {
    const round = this.running(where, 'no triage round is running here: nothing to undo');
    const last = lastStanding(this.d.repo.decisionsOfRound(round.id));
    if (!last) throw new CommandError('no decision of this round to undo');
    if (!chair && last.by.key !== who.key)
      throw new CommandError(`the last decision (bug ${last.bugId}: ${outcomeText(last)}) is ${last.by.display}'s: only they or a chair can undo it`);
    const onLaunchpad = this.writer.supersede(last);
    if (movedQueue(last)) round.queue = reopen(round.queue, last.bugId);
    const input: DecisionInput = { kind: 'undo', value: outcomeText(last) };
    const saved = this.record(round, where, who, now, last.bugId, input, last.id, { roundId: round.id, items: round.queue }, onLaunchpad);
    const replies = await this.correction(saved, undefined, where);
    if (movedQueue(last) && currentItem(round.queue)?.bugId === last.bugId) replies.push(await this.show(round, now, who, false));
    return replies;
  }

  /** Records a decision (and the queue it leaves) in one transaction. */
  private record(
    round: Round,
    where: Where,
    who: Who,
    now: number,
    bugId: number,
    input: DecisionInput,
    corrects: number | null,
    queue: { roundId: number; items: Round['queue'] } | undefined,
    writes = true,
  ): Decision {
    const mode = writes && (isOutcome(input.kind) || isAnnotation(input.kind) || input.kind === 'undo') ? this.d.settings.write : 'off';
    const decision: Omit<Decision, 'id'> = {
      roundId: round.id,
      project: round.project,
      bugId,
      kind: input.kind as Decision['kind'],
      value: input.value ?? null,
      reason: input.reason ?? null,
      by: who,
      at: now,
      meeting: this.meeting(where),
      writeState: mode === 'off' ? 'none' : mode === 'dry-run' ? 'dry-run' : 'pending',
      writeNote: null,
      corrects,
    };
    return { ...decision, id: this.d.repo.recordDecision(decision, queue) };
  }

  /** The chat (or minutes) line of an undo or amendment, and its write-back. */
  private async correction(saved: Decision, previous: Decision | undefined, where: Where): Promise<Reply[]> {
    const line = correctionText(saved, previous);
    const out: Outputs = { chat: [], minutes: [], personal: [] };
    if (this.minutesOn(where)) out.minutes.push(...correctionMinutes(line));
    else out.chat.push(line);
    await this.writeBack(saved, where, out);
    return this.replies(out, null);
  }

  /** Writes on: sent now (the journal makes it once); dry-run: shown to the decider. */
  private async writeBack(saved: Decision, where: Where, out: Outputs): Promise<void> {
    if (saved.writeState === 'dry-run') out.personal.push(this.writer.dryRun(saved, where.room));
    if (saved.writeState !== 'pending') return;
    const failure = await this.writer.write(saved, where.room);
    if (failure) out.chat.push(failure);
    else if (out.minutes.length) out.personal.push({ lines: [['written to Launchpad']], private: true, notice: true });
    else out.chat.push('written to Launchpad');
  }

  private replies(out: Outputs, next: Reply | null): Reply[] {
    // The minutes (the acknowledgement in a meeting) first, then other news, the next bug, and what is for the decider only.
    // The acknowledgement is kept across a reconnect like the minutes (Reply.kind).
    return [
      ...minutesReply(out.minutes),
      ...(out.chat.length ? [{ ...text(...out.chat), kind: 'ack' as const }] : []),
      ...(next ? [next] : []),
      ...out.personal,
    ];
  }

  /** Two chairs at once: a decision naming no bug, just after someone else's command showed a new bug. */
  private guardRace(round: Round, bugId: number, who: Who, now: number, input: DecisionInput): void {
    const refusal = raceRefusal(this.shown.get(round.id), bugId, who, now, input, this.d.settings.nameBugWithinMs);
    if (refusal) throw new CommandError(refusal);
  }

  private refuseKnownTag(bugId: number, tag: string, ofRound: Decision[]): void {
    const onLaunchpad = this.d.repo.getBug(bugId)?.details.tags ?? [];
    const inRound = effective(ofRound).some((x) => x.bugId === bugId && x.kind === 'tag' && x.value === tag);
    if (onLaunchpad.includes(tag) || inRound)
      throw new CommandError(`bug ${bugId} already has the tag ${tag}${inRound ? ' (given in this round)' : ' on Launchpad'}; nothing recorded`);
  }

  private async show(round: Round, now: number, who: Who, firstTime: boolean): Promise<Reply> {
    const cur = currentItem(round.queue);
    const previous = this.shown.get(round.id)?.bugId;
    if (cur) this.shown.set(round.id, { bugId: cur.bugId, at: now, by: who.key, previous: previous !== cur.bugId ? previous : undefined });
    return currentBugReply(this.d.repo, this.d.client, round, now, firstTime);
  }

  private running(where: Where, none: string | RichLine): Round {
    const round = this.d.repo.runningRound(where.transport, where.room);
    if (!round) throw new CommandError(none);
    return round;
  }

  stats(now: number): Reply {
    return text(statsText(this.d.repo, this.d.settings, now));
  }

  /** For the running bot's scheduler: one backlog count per UTC day. */
  recordDailyBacklog(now: Date = new Date()): Promise<{ recorded: boolean; untriaged?: number }> {
    return recordDailyBacklog(this.d.repo, this.d.client, this.d.settings, now.getTime(), this.d.log);
  }

  /** For the running bot (at start, then every few hours): finishes writes a crash or an outage left, unprompted. */
  finishWrites(): Promise<string[]> {
    return this.serial(() => this.writer.flush());
  }

  private meeting(where: Where): MeetingRef | null {
    const m = this.d.meetings?.current(where.transport, where.room);
    return m ? { name: m.name ?? null, startedAt: m.startedAt.getTime() } : null;
  }

  private minutesOn(where: Where): boolean {
    return this.d.settings.minutes && Boolean(this.d.meetings?.current(where.transport, where.room));
  }
}

interface Outputs {
  chat: (string | RichLine)[];
  minutes: RichLine[];
  personal: Reply[];
}

function progress(round: Round): string {
  const cur = currentItem(round.queue);
  return cur ? `bug ${cur.position} of ${round.queue.length}` : `all ${round.queue.length} bugs reviewed`;
}

function tally(round: Round): string {
  const n = (s: Round['queue'][number]['state']) => round.queue.filter((q) => q.state === s).length;
  return `${n('decided')} decided, ${n('deferred')} deferred, ${n('skipped')} skipped`;
}

function asCommandError(err: unknown, then: RichLine): unknown {
  if (err instanceof LaunchpadError) return new CommandError([`${err.userMessage}; `, ...then], err.message);
  return err;
}
