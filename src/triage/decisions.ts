// Deciding on bugs during a round: a decision on the current bug (recorded with the queue it
// leaves in one transaction, then written back), an amendment of a bug decided earlier in the
// round, and undo of the last standing decision; with the refusals that keep two chairs from
// deciding on the wrong bug.
import { command, rich } from '../core/rich.ts';
import type { Reply } from '../core/types.ts';
import { CommandError } from '../errors.ts';
import { correction, noOutputs, replies, writeBack } from './acknowledge.ts';
import { amendTarget, movedQueue } from './corrections.ts';
import { decisionMinutes } from './minutes.ts';
import { advance, currentItem, effectOf, effective, itemProject, lastStanding, reopen, type Decision, type Round } from './round.ts';
import { meetingOf, minutesOn, runningRound, showCurrent, tally, text, type RoundContext } from './round-context.ts';
import { raceRefusal, restartRefusal } from './show.ts';
import { isAnnotation, isOutcome, type DecisionInput, type Where, type Who } from './types.ts';
import { outcomeText } from './writeback.ts';

export async function decide(c: RoundContext, where: Where, who: Who, now: number, input: DecisionInput): Promise<Reply[]> {
  const { repo, settings: s } = c.d;
  const round = runningRound(c, where, rich`no triage round is running here; a chair starts one with ${command('triage start')}`);
  const ofRound = repo.decisionsOfRound(round.id);
  const item = input.bugId === undefined ? undefined : round.queue.find((q) => q.bugId === input.bugId);
  if (item && item.state !== 'current' && item.state !== 'pending' && input.kind !== 'next') return amend(c, round, where, who, now, input, ofRound);
  const cur = currentItem(round.queue);
  if (!cur)
    throw new CommandError(
      rich`every bug of this round has been reviewed; ${command('triage end')} closes it with a summary (or name a bug of this round to amend its decision)`,
    );
  if (input.bugId !== undefined && input.bugId !== cur.bugId)
    throw new CommandError(`bug ${input.bugId} is not the current bug (bug ${cur.bugId} is) nor one decided in this round; nothing recorded`);
  guardRace(c, round, cur.bugId, who, now, input);
  // Resumed after a restart and not shown since: say which bug is current before deciding on it unseen.
  if (input.bugId === undefined && !c.shown.has(round.id)) return [text(restartRefusal(cur.bugId, input)), await showCurrent(c, round, now, who, false)];
  if (input.kind === 'dup' && Number(input.value) === cur.bugId) throw new CommandError(`bug ${cur.bugId} cannot be a duplicate of itself; nothing recorded`);
  if (input.kind === 'tag') refuseKnownTag(c, cur.bugId, input.value ?? '', ofRound);
  const flushed = await c.writer.flush();
  const annotated = effective(ofRound).some((x) => x.bugId === cur.bugId && isAnnotation(x.kind));
  const effect = effectOf(input.kind, annotated);
  // The queue moves before Launchpad is written to, in the same transaction as the decision.
  if (effect !== 'stay') round.queue = advance(round.queue, effect === 'advance-decided' ? 'decided' : effect === 'advance-skipped' ? 'skipped' : 'deferred');
  const queue = effect !== 'stay' ? { roundId: round.id, items: round.queue } : undefined;
  const out = noOutputs();
  if (input.kind === 'next') {
    if (queue) repo.saveQueue(queue.roundId, queue.items);
    out.chat.push(`Bug ${cur.bugId}: ${annotated ? 'reviewed' : 'no decision recorded, skipped'}`);
  } else {
    const saved = record(c, round, where, who, now, cur.bugId, input, null, queue);
    const task = repo.task(itemProject(round, cur.bugId), cur.bugId)!;
    if (minutesOn(c, where))
      out.minutes.push(...decisionMinutes(saved, task, !ofRound.some((x) => x.bugId === cur.bugId && x.kind !== 'skip'), s.write !== 'on'));
    // In a meeting the minutes line is the acknowledgement; a separate one only when there is none.
    if (out.minutes.length === 0)
      out.chat.push(`Bug ${cur.bugId}: ${outcomeText(saved)}${saved.reason ? ` (${saved.reason})` : ''} — recorded for ${who.display}`);
    await writeBack(c, saved, where, out);
  }
  out.chat.push(...flushed);
  let next: Reply | null = null;
  if (effect !== 'stay') {
    if (currentItem(round.queue)) next = await showCurrent(c, round, now, who, false);
    else out.chat.push(rich`that was the last bug of the round (${tally(round)}); ${command('triage end')} closes it with a summary`);
  }
  return replies(out, next);
}

/** A decision on a bug already decided in this round replaces its standing decision of that sort. */
async function amend(c: RoundContext, round: Round, where: Where, who: Who, now: number, input: DecisionInput, ofRound: Decision[]): Promise<Reply[]> {
  const bugId = input.bugId!;
  if (input.kind === 'tag') refuseKnownTag(c, bugId, input.value ?? '', ofRound);
  const target = amendTarget(ofRound, bugId, input.kind);
  if (target) c.writer.supersede(target);
  const item = round.queue.find((q) => q.bugId === bugId)!;
  const state = isOutcome(input.kind) ? 'decided' : input.kind === 'defer' ? 'deferred' : input.kind === 'skip' ? 'skipped' : item.state;
  round.queue = round.queue.map((q) => (q.bugId === bugId ? { ...q, state } : q));
  const saved = record(c, round, where, who, now, bugId, input, target?.id ?? null, { roundId: round.id, items: round.queue });
  return correction(c, saved, target, where);
}

/** Takes back the round's last standing decision; others' only with `chair` (a chair or admin). */
export async function undo(c: RoundContext, where: Where, who: Who, now: number, chair: boolean): Promise<Reply[]> {
  const round = runningRound(c, where, 'no triage round is running here: nothing to undo');
  const last = lastStanding(c.d.repo.decisionsOfRound(round.id));
  if (!last) throw new CommandError('no decision of this round to undo');
  if (!chair && last.by.key !== who.key)
    throw new CommandError(`the last decision (bug ${last.bugId}: ${outcomeText(last)}) is ${last.by.display}'s: only they or a chair can undo it`);
  const onLaunchpad = c.writer.supersede(last);
  if (movedQueue(last)) round.queue = reopen(round.queue, last.bugId);
  const input: DecisionInput = { kind: 'undo', value: outcomeText(last) };
  const saved = record(c, round, where, who, now, last.bugId, input, last.id, { roundId: round.id, items: round.queue }, onLaunchpad);
  const next = movedQueue(last) && currentItem(round.queue)?.bugId === last.bugId ? await showCurrent(c, round, now, who, false) : null;
  return correction(c, saved, undefined, where, last, next);
}

/** Records a decision (and the queue it leaves) in one transaction. */
function record(
  c: RoundContext,
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
  const mode = writes && (isOutcome(input.kind) || isAnnotation(input.kind) || input.kind === 'undo') ? c.d.settings.write : 'off';
  const decision: Omit<Decision, 'id'> = {
    roundId: round.id,
    // The project whose task of the bug the round reviews (a team of several projects).
    project: itemProject(round, bugId),
    bugId,
    kind: input.kind as Decision['kind'],
    value: input.value ?? null,
    reason: input.reason ?? null,
    by: who,
    at: now,
    meeting: meetingOf(c, where),
    writeState: mode === 'off' ? 'none' : mode === 'dry-run' ? 'dry-run' : 'pending',
    writeNote: null,
    corrects,
  };
  return { ...decision, id: c.d.repo.recordDecision(decision, queue) };
}

/** Two chairs at once: a decision naming no bug, just after someone else's command showed a new bug. */
function guardRace(c: RoundContext, round: Round, bugId: number, who: Who, now: number, input: DecisionInput): void {
  const refusal = raceRefusal(c.shown.get(round.id), bugId, who, now, input, c.d.settings.nameBugWithinMs);
  if (refusal) throw new CommandError(refusal);
}

function refuseKnownTag(c: RoundContext, bugId: number, tag: string, ofRound: Decision[]): void {
  const onLaunchpad = c.d.repo.getBug(bugId)?.details.tags ?? [];
  const inRound = effective(ofRound).some((x) => x.bugId === bugId && x.kind === 'tag' && x.value === tag);
  if (onLaunchpad.includes(tag) || inRound)
    throw new CommandError(`bug ${bugId} already has the tag ${tag}${inRound ? ' (given in this round)' : ' on Launchpad'}; nothing recorded`);
}
