// Correcting a round: what `!triage undo` takes back, which earlier decision a named bug amends,
// the Launchpad requests that put an undone decision's fields back, and the wording of both.
import type { LaunchpadClient } from './launchpad-client.ts';
import { effective, type Decision } from './round.ts';
import { isAnnotation, isOutcome, type BugTask, type DecisionKind } from './types.ts';
import { commentRef, commentText, outcomeText, type WriteOp } from './writeback.ts';

/**
 * The decision a new one on an already decided bug replaces: for an outcome, defer or skip the
 * bug's standing outcome (or defer/skip); for importance, tag or assign the standing one of
 * that kind. Undefined when there is none (then it is simply added).
 */
export function amendTarget(ofRound: Decision[], bugId: number, kind: DecisionKind): Decision | undefined {
  const standing = effective(ofRound).filter((d) => d.bugId === bugId);
  const moves = (k: DecisionKind) => isOutcome(k) || k === 'defer' || k === 'skip';
  if (moves(kind)) return standing.filter((d) => moves(d.kind)).at(-1);
  if (kind === 'importance' || kind === 'assign') return standing.filter((d) => d.kind === kind).at(-1);
  return undefined; // a second tag is added, not swapped
}

/**
 * Requests that undo what `undone` changed on Launchpad: the task's status and importance as
 * Launchpad listed them when the round started (the cached task), the tag removed, the
 * assignee or duplicate link cleared; then a comment saying so. Nothing for skip and defer.
 */
export function revertWrites(undone: Decision, undo: Decision, before: BugTask, client: LaunchpadClient, room: string, knownTags: string[]): WriteOp[] {
  const taskLink = client.local(before.taskLink);
  const bugUrl = client.bugUrl(before.id);
  const comment: WriteOp = { kind: 'comment', url: bugUrl, content: commentText(undo, room), marker: commentRef(undo) };
  if (undone.kind === 'dup') return [{ kind: 'patch-bug', url: bugUrl, body: { duplicate_of_link: null } }, comment];
  if (isOutcome(undone.kind)) {
    const body: Record<string, string | null> = { status: before.status };
    if (undone.kind === 'confirm' && undone.value) body.importance = before.importance;
    return [{ kind: 'patch-task', url: taskLink, body }, comment];
  }
  if (undone.kind === 'importance') return [{ kind: 'patch-task', url: taskLink, body: { importance: before.importance } }, comment];
  if (undone.kind === 'tag') return [{ kind: 'remove-tag', url: bugUrl, tag: undone.value ?? '', knownTags }];
  if (undone.kind === 'assign') return [{ kind: 'patch-task', url: taskLink, body: { assignee_link: null } }];
  return [];
}

/** "Bug 2122650: undid "Confirmed, importance Low" (gibi)" — the chat line and the minutes' #info. */
export function correctionText(d: Decision, previous: Decision | undefined): string {
  if (d.kind === 'undo') return `Correction: bug ${d.bugId} ${outcomeText(d)} (${d.by.display})`;
  const was = previous ? ` (was: ${outcomeText(previous)})` : '';
  return `Correction: bug ${d.bugId} ${outcomeText(d)}${d.reason ? `: ${d.reason}` : ''}${was} (${d.by.display})`;
}

/** Whether an undone or amended decision moved the queue when it was taken. */
export function movedQueue(d: Decision): boolean {
  return !isAnnotation(d.kind) && d.kind !== 'undo';
}
