// MeetBot lines for the official minutes while an OpenDev meeting runs in the room. Only the
// commands any participant may use: #link, #info, #action. Never #topic, #agreed, #startmeeting,
// #endmeeting, #chair or #undo: agreeing is the human chair's job.
import type { Reply, RichLine } from '../core/types.ts';
import { sanitizeLine } from '../core/text.ts';
import { shortTitle } from './format.ts';
import type { Decision } from './round.ts';
import { OUTCOME_STATUS, isOutcome, type BugTask } from './types.ts';

export const MINUTES_COMMANDS = ['#link', '#info', '#action'] as const;
type MinutesCommand = (typeof MINUTES_COMMANDS)[number];

/** A reply whose lines are meant for the meeting bot: transports must send them unguarded. */
export type MinutesReply = Reply & { minutes: true }; // see Reply.minutes

function line(cmd: MinutesCommand, text: string): RichLine {
  return [`${cmd} ${sanitizeLine(text)}`];
}

export function minutesReply(lines: RichLine[]): MinutesReply[] {
  return lines.length ? [{ lines, minutes: true }] : [];
}

export function startMinutes(text: string): RichLine[] {
  return [line('#info', text)];
}

export function endMinutes(text: string): RichLine[] {
  return [line('#info', text)];
}

/** An undo or amendment: its own #info line, so the minutes read the correction after the decision. */
export function correctionMinutes(text: string): RichLine[] {
  return [line('#info', text)];
}

/** What one decision puts in the minutes; `withLink` for the bug's first decision in the round. */
export function decisionMinutes(d: Decision, task: BugTask, withLink: boolean, actionForIncomplete: boolean): RichLine[] {
  const out: RichLine[] = [];
  if (d.kind === 'skip') return out;
  if (withLink && d.kind !== 'defer') out.push(line('#link', `${task.webLink} Bug ${task.id}: ${shortTitle(task.title)}`));
  const who = d.by.display;
  const reason = d.reason ? `: ${d.reason}` : '';
  if (isOutcome(d.kind)) {
    if (d.kind === 'dup') out.push(line('#info', `Bug ${task.id} is a duplicate of bug ${d.value} (${who})`));
    else
      out.push(line('#info', `Bug ${task.id} ${OUTCOME_STATUS[d.kind]}${d.kind === 'confirm' && d.value ? `, importance ${d.value}` : ''}${reason} (${who})`));
    if (d.kind === 'incomplete' && actionForIncomplete) out.push(line('#action', `${who} ask the reporter of bug ${task.id} for more information${reason}`));
  } else if (d.kind === 'importance') {
    out.push(line('#info', `Bug ${task.id} importance ${d.value} (${who})`));
  } else if (d.kind === 'tag') {
    out.push(line('#info', `Bug ${task.id} tagged ${d.value} (${who})`));
  } else if (d.kind === 'assign') {
    out.push(line('#action', `${d.value} to work on bug ${task.id} ${task.webLink}`));
  } else if (d.kind === 'defer') {
    out.push(line('#info', `Bug ${task.id} deferred to the next triage round (${who})`));
  }
  return out;
}
