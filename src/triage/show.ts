// The current bug of a round as one chat line: id, importance and status, title, facts, link,
// then its place in the round and what is missing ("2 of 5: no tag · has a patch"). Details
// come from the cache or one GET; when Launchpad cannot say, a second line says why.
import { command, rich } from '../core/rich.ts';
import type { Reply, RichLine } from '../core/types.ts';
import type { TriageRepo } from './repo.ts';
import { sanitizeLine } from '../core/text.ts';
import { bugLine, hintLine, safeText } from './format.ts';
import { LaunchpadError } from './http.ts';
import type { LaunchpadClient } from './launchpad-client.ts';
import { currentItem, type QueueItem, type Round } from './round.ts';
import type { BugDetails, DecisionInput, Who } from './types.ts';

/** When, and after whose command, a round's current bug was shown; `previous` was current before. */
export interface Shown {
  bugId: number;
  at: number;
  by: string;
  previous?: number;
}

/**
 * Two chairs typing at once: a decision that names no bug, arriving within `withinMs` of a new bug
 * being shown after someone else's command, may be meant for the bug before. It is refused with
 * how to name the bug (the same person deciding again is taken as is). Null when it may go on.
 */
export function raceRefusal(shown: Shown | undefined, bugId: number, who: Who, now: number, input: DecisionInput, withinMs: number): RichLine | null {
  if (input.bugId !== undefined || !shown || shown.bugId !== bugId || shown.by === who.key) return null;
  const ago = now - shown.at;
  if (ago >= withinMs) return null;
  const example = (bug: number) => namedExample(input, bug, bug === bugId);
  const before = shown.previous ? rich` (or ${command(`triage ${example(shown.previous)}`)} for bug ${shown.previous}, just decided)` : [];
  return [
    ...rich`bug ${bugId} came up ${Math.max(0, Math.round(ago / 1000))} s ago: to be sure which bug you mean, name it: ${command(`triage ${example(bugId)}`)}`,
    ...before,
    '; nothing recorded',
  ];
}

/** The decision as typed, naming the bug: "confirm 2106001 high". */
function namedExample(input: DecisionInput, bug: number, withReason = true): string {
  return [input.kind, String(bug), input.value?.toLowerCase(), withReason ? input.reason?.slice(0, 40) : undefined].filter(Boolean).join(' ');
}

/**
 * After a restart the round resumes at its current bug, but nobody has seen it come up since: the
 * line that showed it may have been lost with the process, and a chair retyping a decision that
 * got no answer would decide the next bug unseen. A decision naming no bug is refused until the
 * bug has been shown again (this refusal shows it).
 */
export function restartRefusal(bugId: number, input: DecisionInput): RichLine {
  return rich`cyclebot restarted since bug ${bugId} came up; nothing recorded. It is the current bug (below): to decide on it, name it (${command(`triage ${namedExample(input, bugId)}`)}) or repeat the decision`;
}

/** The hint shown with the first bug: every decision, and how to name the bug (two chairs at once). */
export function decideHint(bugId: number): RichLine {
  return rich`decide: ${command('triage confirm [importance] | incomplete [why] | invalid | opinion | wontfix | dup <bug> | defer | skip')}; also importance, tag, assign. To be sure of the bug, name it: ${command(`triage confirm ${bugId} low`)}. ${command('triage undo')} takes back the last decision; ${command('triage end')}`;
}

/**
 * The current bug's line; `projects`: the team triages several Launchpad projects, so the line
 * names the project whose task of the bug is reviewed ("Bug 2105896 in networking-ovn [Undecided,New] …").
 */
export async function currentBugReply(
  repo: TriageRepo,
  client: LaunchpadClient,
  round: Round,
  now: number,
  firstTime: boolean,
  projects = false,
): Promise<Reply> {
  const cur = currentItem(round.queue) as QueueItem;
  const project = cur.project ?? round.project;
  const task = repo.task(project, cur.bugId);
  if (!task) return { lines: [[...safeText(`Bug ${cur.bugId}: not in the local cache;`), ' ', command('triage skip'), ' moves on']] };
  let details: BugDetails | null = null;
  let problem: RichLine | null = null;
  try {
    details = await client.bug(cur.bugId);
  } catch (err) {
    if (!(err instanceof LaunchpadError)) throw err;
    problem =
      err.kind === 'not-found'
        ? [...safeText(`Launchpad does not show bug ${cur.bugId} (404: deleted or private);`), ' ', command('triage skip'), ' moves on']
        : [...safeText(`${err.userMessage}: tags, heat and comments are missing;`), ' ', command('triage status'), ' tries again'];
  }
  // "2 of 5: no tag · has a patch" after the link: the bug and its hints in one line.
  const hint = hintLine(cur.position, round.queue.length, cur.carried, details)
    .map((p) => (typeof p === 'string' ? p : ''))
    .join('')
    .replace(' — ', ': ');
  const [bug, ...rest] = bugLine(task, details, now);
  const lines: RichLine[] = [[bug, ...(projects ? [` in ${sanitizeLine(project)}`] : []), ...rest, ` — ${hint}`]];
  if (problem) lines.push(problem);
  if (firstTime) lines.push(decideHint(cur.bugId));
  return { lines };
}
