// Writing a decision back to Launchpad: status/importance/assignee in one PATCH on the task
// (209), tags and duplicates on the bug (tags read-modify-write with If-Match), and a comment
// naming the meeting and who decided. Planned as data first, so dry-run can print it.
import { safeMeetingName } from '../meetings/tracker.ts';
import { LaunchpadError } from './http.ts';
import type { LaunchpadClient } from './launchpad-client.ts';
import type { Decision } from './round.ts';
import { OUTCOME_STATUS, isOutcome, type BugTask } from './types.ts';

export type WriteOp =
  // null clears a field (an undone assignee or duplicate).
  | { kind: 'patch-task'; url: string; body: Record<string, string | null> }
  | { kind: 'patch-bug'; url: string; body: Record<string, string | null> }
  | { kind: 'add-tag'; url: string; tag: string; knownTags: string[] }
  | { kind: 'remove-tag'; url: string; tag: string; knownTags: string[] }
  /** marker: a unique ref inside content, looked for in the bug's messages before a resend. */
  | { kind: 'comment'; url: string; content: string; marker?: string };

/** The words of a decision for people ("Confirmed, importance High"). */
export function outcomeText(d: Pick<Decision, 'kind' | 'value'>): string {
  if (d.kind === 'undo') return `undid "${d.value}"`;
  if (d.kind === 'dup') return `duplicate of bug ${d.value}`;
  if (isOutcome(d.kind)) return `${OUTCOME_STATUS[d.kind]}${d.kind === 'confirm' && d.value ? `, importance ${d.value}` : ''}`;
  if (d.kind === 'importance') return `importance ${d.value}`;
  if (d.kind === 'tag') return `tagged ${d.value}`;
  if (d.kind === 'assign') return `assigned to ${d.value}`;
  if (d.kind === 'defer') return 'deferred';
  return 'skipped';
}

/** A ref unique to one decision (its id and the instant it was taken), written into its comment. */
export function commentRef(d: Pick<Decision, 'id' | 'at'>): string {
  return `cyclebot-${d.id}-${d.at.toString(36)}`;
}

/** The comment posted with a status or importance change; it ends with the decision's ref. */
export function commentText(d: Decision, room: string): string {
  const day = new Date(d.at).toISOString().slice(0, 10);
  const where = d.meeting
    ? `the ${safeMeetingName(d.meeting.name) ?? 'team'} meeting on ${new Date(d.meeting.startedAt).toISOString().slice(0, 10)}`
    : `a triage round in ${room} on ${day}`;
  const reason = d.reason ? ` Reason: ${d.reason}` : '';
  if (d.kind === 'undo')
    return `Correction in ${where}: the triage decision "${d.value}" is undone. Undone by ${d.by.display}.\n(posted by cyclebot, ref ${commentRef(d)})`;
  if (d.corrects !== null)
    return `Correction in ${where}: ${outcomeText(d)} instead. Decided by ${d.by.display}.${reason}\n(posted by cyclebot, ref ${commentRef(d)})`;
  return `Triaged in ${where}: ${outcomeText(d)}. Decided by ${d.by.display}.${reason}\n(posted by cyclebot, ref ${commentRef(d)})`;
}

export function planWrites(d: Decision, bugTask: BugTask, client: LaunchpadClient, room: string, knownTags: string[]): WriteOp[] {
  const task = { ...bugTask, taskLink: client.local(bugTask.taskLink) };
  const comment = (): WriteOp => ({ kind: 'comment', url: client.bugUrl(task.id), content: commentText(d, room), marker: commentRef(d) });
  switch (d.kind) {
    case 'confirm':
      return [{ kind: 'patch-task', url: task.taskLink, body: { status: 'Confirmed', ...(d.value ? { importance: d.value } : {}) } }, comment()];
    case 'incomplete':
    case 'invalid':
    case 'opinion':
    case 'wontfix':
      return [{ kind: 'patch-task', url: task.taskLink, body: { status: OUTCOME_STATUS[d.kind] } }, comment()];
    case 'dup':
      return [{ kind: 'patch-bug', url: client.bugUrl(task.id), body: { duplicate_of_link: client.bugUrl(Number(d.value)) } }, comment()];
    case 'importance':
      return [{ kind: 'patch-task', url: task.taskLink, body: { importance: d.value ?? '' } }, comment()];
    case 'tag':
      return knownTags.includes(d.value ?? '') ? [] : [{ kind: 'add-tag', url: client.bugUrl(task.id), tag: d.value ?? '', knownTags }];
    case 'assign':
      return [{ kind: 'patch-task', url: task.taskLink, body: { assignee_link: client.personUrl(d.value ?? '') } }];
    default:
      return [];
  }
}

/** One line per request, as dry-run shows it. */
export function describeOp(op: WriteOp): string {
  switch (op.kind) {
    case 'patch-task':
    case 'patch-bug':
      return `PATCH ${op.url} ${JSON.stringify(op.body)}`;
    case 'add-tag':
      return `PATCH ${op.url} ${JSON.stringify({ tags: [...op.knownTags, op.tag] })} (If-Match: the bug's ETag)`;
    case 'remove-tag':
      return `PATCH ${op.url} ${JSON.stringify({ tags: op.knownTags.filter((t) => t !== op.tag) })} (If-Match: the bug's ETag)`;
    case 'comment':
      return `POST ${op.url} ws.op=newMessage content=${JSON.stringify(op.content.split('\n')[0])}`;
  }
}

/** Sends one request; the write journal (journal.ts) decides whether it may be sent. */
export async function sendWrite(client: LaunchpadClient, op: WriteOp, bugId: number): Promise<void> {
  switch (op.kind) {
    case 'patch-task':
      return client.patch(op.url, op.body, `the task of bug ${bugId}`);
    case 'patch-bug':
      return client.patch(op.url, op.body, `bug ${bugId}`);
    case 'comment':
      return client.post(op.url, { 'ws.op': 'newMessage', content: op.content }, `a comment on bug ${bugId}`);
    case 'add-tag':
      return editTags(client, bugId, op.tag, true);
    case 'remove-tag':
      return editTags(client, bugId, op.tag, false);
  }
}

/** Read the tags with their ETag, add (or remove) one, write with If-Match; once more on 412. */
async function editTags(client: LaunchpadClient, bugId: number, tag: string, add: boolean): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const fresh = await client.refreshBug(bugId);
    if (fresh.details.tags.includes(tag) === add) return;
    const tags = add ? [...fresh.details.tags, tag] : fresh.details.tags.filter((t) => t !== tag);
    try {
      await client.patch(client.bugUrl(bugId), { tags }, `the tags of bug ${bugId}`, fresh.etag ?? undefined);
      return;
    } catch (err) {
      if (!(err instanceof LaunchpadError) || err.kind !== 'conflict' || attempt >= 1) throw err;
    }
  }
}

/** The chat line for a refused write; 401 means the account lacks bug-supervisor rights. */
export function writeFailure(err: LaunchpadError, bugId: number, project: string): string {
  if (err.kind === 'unauthorized') {
    return `Launchpad refused to change bug ${bugId} (401): the bot account lacks bug-supervisor rights on ${project} (membership of ~${project}-bugs) or its token was revoked; the decision is kept here`;
  }
  if (err.transient) return `${err.userMessage}; the decision is kept and will be written at the next command`;
  return `${err.userMessage}; bug ${bugId} was not changed on Launchpad, the decision is kept here`;
}
