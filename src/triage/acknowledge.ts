// How a decision is answered: the chat line (or, in a meeting, the minutes lines that replace
// it), the Launchpad write-back with its outcome, what only the decider sees (a dry run, "written
// to Launchpad" in a meeting), and the order these replies go out in.
import type { Reply, RichLine } from '../core/types.ts';
import { correctionText } from './corrections.ts';
import { correctionMinutes, minutesReply } from './minutes.ts';
import type { Decision } from './round.ts';
import { minutesOn, text, type RoundContext } from './round-context.ts';
import type { Where } from './types.ts';

/** What a command says: in the channel, in the minutes, and to the decider only. */
export interface Outputs {
  chat: (string | RichLine)[];
  minutes: RichLine[];
  personal: Reply[];
}

export const noOutputs = (): Outputs => ({ chat: [], minutes: [], personal: [] });

/**
 * The chat (or minutes) line of an undo or amendment, and its write-back; `undone`: the decision
 * an undo takes back (in dry-run, the decider is told which of its requests not to apply).
 */
export async function correction(
  c: RoundContext,
  saved: Decision,
  previous: Decision | undefined,
  where: Where,
  undone?: Decision,
  next: Reply | null = null,
): Promise<Reply[]> {
  const line = correctionText(saved, previous);
  const out = noOutputs();
  if (undone?.writeState === 'dry-run') out.personal.push(c.writer.dryRunUndone(undone));
  if (minutesOn(c, where)) out.minutes.push(...correctionMinutes(line));
  else out.chat.push(line);
  await writeBack(c, saved, where, out);
  return replies(out, next);
}

/** Writes on: sent now (the journal makes it once); dry-run: shown to the decider. */
export async function writeBack(c: RoundContext, saved: Decision, where: Where, out: Outputs): Promise<void> {
  if (saved.writeState === 'dry-run') out.personal.push(c.writer.dryRun(saved, where.room));
  if (saved.writeState !== 'pending') return;
  const failure = await c.writer.write(saved, where.room);
  if (failure) out.chat.push(failure);
  else if (out.minutes.length) out.personal.push({ lines: [['written to Launchpad']], private: true, notice: true });
  else out.chat.push('written to Launchpad');
}

export function replies(out: Outputs, next: Reply | null): Reply[] {
  // The minutes (the acknowledgement in a meeting) first, then other news, the next bug, and what is for the decider only.
  // The acknowledgement is kept across a reconnect like the minutes (Reply.kind).
  return [...minutesReply(out.minutes), ...(out.chat.length ? [{ ...text(...out.chat), kind: 'ack' as const }] : []), ...(next ? [next] : []), ...out.personal];
}
