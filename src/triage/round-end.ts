// Ending a round: what is carried to the next one, the summary line, and (in a meeting) the
// minutes' #info line that replaces it. Counts say whose they are: Launchpad's at the start, and
// what remains once this round's outcomes are applied (already, with writes on).
import type { Reply } from '../core/types.ts';
import { projectsLabel } from './backlog.ts';
import type { TriageRepo } from './repo.ts';
import { plural, safeText } from './format.ts';
import { endMinutes, minutesReply } from './minutes.ts';
import { advance, carryAtEnd, currentItem, effective, summarize, type Round } from './round.ts';
import { isAnnotation, isOutcome, OUTCOME_STATUS, type DecisionKind, type Who } from './types.ts';

export interface EndDeps {
  repo: TriageRepo;
  settings: { project: string; projects?: readonly string[]; statuses: readonly string[]; importances: readonly string[]; write: 'off' | 'dry-run' | 'on' };
  log?: { info(obj: object, msg: string): void };
}

export function endRound(d: EndDeps, round: Round, who: Who, now: number, minutesOn: boolean): Reply[] {
  const { repo, settings: s } = d;
  const decisions = effective(repo.decisionsOfRound(round.id));
  const cur = currentItem(round.queue);
  // The current bug got importance/tag/assign but no "next": it was reviewed.
  if (cur && decisions.some((x) => x.bugId === cur.bugId && isAnnotation(x.kind))) round.queue = advance(round.queue, 'decided');
  const carry = carryAtEnd(round.queue);
  for (const q of round.queue) if (q.state === 'current') q.state = 'pending';
  repo.saveQueue(round.id, round.queue);
  // Each bug is carried in the project whose task the round reviewed.
  for (const project of new Set(carry.map((c) => c.project ?? round.project)))
    repo.carry(
      project,
      carry.filter((c) => (c.project ?? round.project) === project),
      round.id,
      now,
    );
  repo.endRound(round.id, now, who.display);
  const sum = summarize(round.queue, decisions, (k) => leavesQueue(s, k));
  d.log?.info({ round: round.id, ...sum }, 'triage round ended');
  const left = round.backlog - sum.leaving;
  const label = projectsLabel(s);
  const counts =
    s.write === 'on'
      ? `Launchpad: ${round.backlog} untriaged ${label} bugs when the round started, ${left} left now that its outcomes are written`
      : `Launchpad: ${round.backlog} untriaged ${label} bugs when the round started (writes are ${s.write}: this round changed nothing there); ${left} once its outcomes are applied`;
  const outcomes = sum.outcomes.map(([label, n]) => `${n} ${label}`).join(', ');
  if (minutesOn) {
    // One line: it is the round's summary in the channel and in the minutes.
    const tallyText = [outcomes, sum.deferred ? `${sum.deferred} deferred` : '', sum.unreviewed ? `${sum.unreviewed} not reached` : '']
      .filter(Boolean)
      .join('; ');
    return minutesReply(endMinutes(`Bug triage done: ${sum.reviewed} reviewed${tallyText ? ` (${tallyText})` : ''}. ${counts}.`));
  }
  const annotated = sum.annotated ? `, ${sum.annotated} given only a tag, importance or assignee` : '';
  const summary = `Triage round ended: ${plural(sum.reviewed, 'bug')} reviewed${outcomes ? ` — ${outcomes}` : ''}${annotated}; ${sum.deferred} deferred, ${sum.skipped} skipped, ${sum.unreviewed} not reached (${carry.length} carried to the next round). ${counts}.`;
  return [{ lines: [safeText(summary)] }];
}

/** Whether a decision takes a bug out of the untriaged queue as configured. */
function leavesQueue(s: EndDeps['settings'], kind: DecisionKind): boolean {
  if (isOutcome(kind)) return !(s.statuses as readonly string[]).includes(OUTCOME_STATUS[kind]);
  return kind === 'importance' && s.importances.length > 0 && s.importances.every((i) => i === 'Undecided');
}
