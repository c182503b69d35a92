// What every triage command shares: the service's dependencies and settings, the Launchpad
// writer, the in-memory record of which bug was shown when, and small helpers over them (the
// running round, the meeting a room is in, showing the current bug, the progress wording).
import type { Reply, RichLine } from '../core/types.ts';
import { CommandError } from '../errors.ts';
import type { TriageRepo } from './repo.ts';
import type { WriteJournalRepo } from './write-journal-repo.ts';
import { teamProjects, type QueueSettings } from './backlog.ts';
import { safeText } from './format.ts';
import { LaunchpadError } from './http.ts';
import type { LaunchpadClient } from './launchpad-client.ts';
import { currentItem, type Round } from './round.ts';
import { currentBugReply, type Shown } from './show.ts';
import type { MeetingLookup, MeetingRef, Order, Where, Who } from './types.ts';
import type { TriageWriter } from './writer.ts';

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

/** The state a command runs against; the service owns it and runs commands one at a time. */
export interface RoundContext {
  d: TriageServiceDeps;
  writer: TriageWriter;
  /** When, and after whose command, each round's current bug was shown (kept in memory only). */
  shown: Map<number, Shown>;
}

// Rich lines are built in the triage commands and name commands as elements (rendered with the
// prefix); text from elsewhere is made safe.
export const text = (...lines: (string | RichLine)[]): Reply => ({ lines: lines.map((l) => (typeof l === 'string' ? safeText(l) : l)) });

export function runningRound(c: RoundContext, where: Where, none: string | RichLine): Round {
  const round = c.d.repo.runningRound(where.transport, where.room);
  if (!round) throw new CommandError(none);
  return round;
}

/** Shows the round's current bug and remembers who made it current, and when. */
export async function showCurrent(c: RoundContext, round: Round, now: number, who: Who, firstTime: boolean): Promise<Reply> {
  const cur = currentItem(round.queue);
  const previous = c.shown.get(round.id)?.bugId;
  if (cur) c.shown.set(round.id, { bugId: cur.bugId, at: now, by: who.key, previous: previous !== cur.bugId ? previous : undefined });
  return currentBugReply(c.d.repo, c.d.client, round, now, firstTime, teamProjects(c.d.settings).length > 1);
}

export function meetingOf(c: RoundContext, where: Where): MeetingRef | null {
  const m = c.d.meetings?.current(where.transport, where.room);
  return m ? { name: m.name ?? null, startedAt: m.startedAt.getTime() } : null;
}

/** During an OpenDev meeting (with minutes on) the minutes lines are the acknowledgements. */
export function minutesOn(c: RoundContext, where: Where): boolean {
  return c.d.settings.minutes && Boolean(c.d.meetings?.current(where.transport, where.room));
}

export function progress(round: Round): string {
  const cur = currentItem(round.queue);
  return cur ? `bug ${cur.position} of ${round.queue.length}` : `all ${round.queue.length} bugs reviewed`;
}

export function tally(round: Round): string {
  const n = (s: Round['queue'][number]['state']) => round.queue.filter((q) => q.state === s).length;
  return `${n('decided')} decided, ${n('deferred')} deferred, ${n('skipped')} skipped`;
}

/** A Launchpad failure becomes a refusal saying what happened, then `then`. */
export function asCommandError(err: unknown, then: RichLine): unknown {
  if (err instanceof LaunchpadError) return new CommandError([`${err.userMessage}; `, ...then], err.message);
  return err;
}
