// Sends a decision's Launchpad writes through the write journal, so a kill -9, a SIGTERM or an
// answer lost on the wire never doubles a write: each step is recorded as intended before it is
// sent and done after Launchpad answered; a step whose outcome is unknown (intended, no answer) is
// first checked against Launchpad's state (the task's fields, the bug's tags or duplicate link,
// the bug's messages for the comment's unique ref) and sent again only when it is not there.
import type { WriteJournalRepo } from './write-journal-repo.ts';
import { LaunchpadError } from './http.ts';
import { bugIdOf, type LaunchpadClient } from './launchpad-client.ts';
import { sendWrite, type WriteOp } from './writeback.ts';

/** Pages of a bug's messages read at most when looking for a comment (300 each). */
const MAX_MESSAGE_PAGES = 10;

export interface JournalRun {
  /** Steps whose unknown outcome turned out to be applied already (not sent again). */
  confirmed: number;
  /** Requests sent. */
  sent: number;
}

/**
 * Runs the decision's steps in order; `plan` is called only when the journal has no plan for the
 * decision yet (a retry sends exactly the stored requests). The first failure stops the rest and is
 * thrown; the journal then says what a later call must check or send.
 */
export async function runJournaled(
  client: LaunchpadClient,
  journal: WriteJournalRepo,
  decisionId: number,
  bugId: number,
  plan: () => WriteOp[],
): Promise<JournalRun> {
  const run: JournalRun = { confirmed: 0, sent: 0 };
  for (const s of journal.steps(decisionId, plan)) {
    if (s.state === 'done') continue;
    if (s.state === 'intended' && (await isApplied(client, s.op, bugId))) {
      journal.mark(decisionId, s.step, 'done');
      run.confirmed++;
      continue;
    }
    journal.intend(decisionId, s.step);
    try {
      run.sent++;
      await sendWrite(client, s.op, bugId);
    } catch (err) {
      if (!(err instanceof LaunchpadError)) throw err;
      if (err.status !== undefined) {
        // Launchpad answered with an error: nothing was applied, the step may simply be sent again.
        journal.mark(decisionId, s.step, 'planned');
        throw err;
      }
      // No answer (timeout, reset): it may have been applied. Look now; if not visible yet, the
      // step stays intended and is looked at again before any resend.
      const applied = await isApplied(client, s.op, bugId).catch(() => false);
      if (!applied) throw err;
      run.confirmed++;
    }
    journal.mark(decisionId, s.step, 'done');
  }
  return run;
}

/** Whether Launchpad already shows the effect of `op`. Read errors propagate (outcome still unknown). */
export async function isApplied(client: LaunchpadClient, op: WriteOp, bugId: number): Promise<boolean> {
  switch (op.kind) {
    case 'patch-task': {
      const task = await readEntry(client, op.url, `the task of bug ${bugId}`);
      return Object.entries(op.body).every(([k, v]) => (k === 'assignee_link' ? personOf(task[k]) === personOf(v) : task[k] === v));
    }
    case 'patch-bug': {
      const bug = await readEntry(client, op.url, `bug ${bugId}`);
      return Object.entries(op.body).every(([k, v]) => (k === 'duplicate_of_link' ? bugIdOf(str(bug[k])) === bugIdOf(v) : bug[k] === v));
    }
    case 'add-tag':
    case 'remove-tag': {
      const bug = await readEntry(client, op.url, `bug ${bugId}`);
      return Array.isArray(bug.tags) && bug.tags.includes(op.tag) === (op.kind === 'add-tag');
    }
    case 'comment':
      return hasMessage(client, op.url, op.marker ?? op.content, bugId);
  }
}

async function hasMessage(client: LaunchpadClient, bugUrl: string, needle: string, bugId: number): Promise<boolean> {
  let url: string | null = `${client.local(bugUrl)}/messages?ws.size=300`;
  for (let page = 0; url && page < MAX_MESSAGE_PAGES; page++) {
    const body = await readEntry(client, url, `the comments of bug ${bugId}`);
    const entries = Array.isArray(body.entries) ? (body.entries as Record<string, unknown>[]) : [];
    if (entries.some((e) => typeof e?.content === 'string' && e.content.includes(needle))) return true;
    url = typeof body.next_collection_link === 'string' ? client.local(body.next_collection_link) : null;
  }
  return false;
}

async function readEntry(client: LaunchpadClient, url: string, what: string): Promise<Record<string, unknown>> {
  const res = await client.http.request(client.local(url), { what });
  try {
    const v = JSON.parse(res.text) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new LaunchpadError('http', `Launchpad sent something that is not a JSON object for ${what}`);
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
/**
 * "…/~name" → "name", as /~([^/]+)$/ said, by a scan: that regex rescanned to the end from every '~'
 * (quadratic on a long field of '~'). The last path segment, from its first '~'.
 */
const personOf = (v: unknown): string | null => {
  const s = str(v);
  if (s === null) return null;
  const segment = s.slice(s.lastIndexOf('/') + 1);
  const at = segment.indexOf('~');
  return at >= 0 && at < segment.length - 1 ? segment.slice(at + 1) : null;
};
