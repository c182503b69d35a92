// Writing decisions back to Launchpad (launchpad.write on) or showing what would be sent
// (dry-run), through the write journal so each request is sent at most once. A correction that
// undoes a decision sends the requests that put the bug's fields back.
import type { Reply } from '../core/types.ts';
import type { TriageRepo } from './repo.ts';
import type { WriteJournalRepo } from './write-journal-repo.ts';
import { revertWrites } from './corrections.ts';
import { plural, safeText } from './format.ts';
import { LaunchpadError } from './http.ts';
import { runJournaled } from './journal.ts';
import type { LaunchpadClient } from './launchpad-client.ts';
import type { Decision } from './round.ts';
import { describeOp, outcomeText, planWrites, writeFailure, type WriteOp } from './writeback.ts';

export interface WriterDeps {
  repo: TriageRepo;
  journal: WriteJournalRepo;
  client: LaunchpadClient;
  /** The team's projects: their decisions' writes a crash or an outage left are finished by flush. */
  projects: readonly string[];
  write: 'off' | 'dry-run' | 'on';
  log?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

export class TriageWriter {
  constructor(private readonly d: WriterDeps) {}

  /** The requests a decision needs; for an undo, those that revert the decision it undoes. */
  plan(dec: Decision, room: string): WriteOp[] {
    const { repo, client } = this.d;
    const task = repo.task(dec.project, dec.bugId);
    if (!task) return [];
    const tags = repo.getBug(dec.bugId)?.details.tags ?? [];
    if (dec.kind === 'undo') {
      const undone = dec.corrects === null ? undefined : repo.decision(dec.corrects);
      return undone ? revertWrites(undone, dec, task, client, room, tags) : [];
    }
    return planWrites(dec, task, client, room, tags);
  }

  /** Sends a decision's requests (resuming through the journal); returns the failure line or null. */
  async write(dec: Decision, room: string): Promise<string | null> {
    const { repo, client } = this.d;
    if (!repo.task(dec.project, dec.bugId)) {
      repo.setWrite(dec.id, 'failed', 'the bug task is not in the local cache');
      return `bug ${dec.bugId} is not in the local cache; not written`;
    }
    try {
      // The journal sends the stored plan (planned now only at the first attempt) and never
      // repeats a step Launchpad already applied.
      await runJournaled(client, this.d.journal, dec.id, dec.bugId, () => this.plan(dec, room));
      repo.setWrite(dec.id, 'written', null);
      return null;
    } catch (err) {
      if (!(err instanceof LaunchpadError)) throw err;
      repo.setWrite(dec.id, err.transient ? 'pending' : 'failed', err.userMessage);
      this.d.log?.warn({ bug: dec.bugId, err: err.userMessage }, 'write-back failed');
      return writeFailure(err, dec.bugId, dec.project);
    }
  }

  /** Retries writes that failed because Launchpad was down; stops at the first failure. */
  async flush(): Promise<string[]> {
    if (this.d.write !== 'on') return [];
    const pending = this.d.projects.flatMap((p) => this.d.repo.pendingWrites(p)).sort((a, b) => a.id - b.id);
    let written = 0;
    for (const p of pending) {
      const failure = await this.write(p, this.d.repo.round(p.roundId ?? -1)?.room ?? 'chat');
      if (failure) return [...(written ? [`wrote ${plural(written, 'kept decision')} to Launchpad`] : []), `still not written: ${failure}`];
      written++;
    }
    return written ? [`wrote ${plural(written, 'kept decision')} to Launchpad`] : [];
  }

  /**
   * A decision that is undone or amended before its writes began is never sent (it would land
   * after, or instead of, the correction). Returns whether there is anything on Launchpad to undo.
   */
  supersede(dec: Decision): boolean {
    if (dec.writeState === 'written') return true;
    if (dec.writeState !== 'pending' && dec.writeState !== 'failed') return false;
    if (this.d.journal.begun(dec.id)) return true;
    this.d.repo.setWrite(dec.id, 'failed', 'corrected before it was written; not sent');
    return false;
  }

  /** What would be sent, for the decider privately; nothing is sent. */
  dryRun(dec: Decision, room: string): Reply {
    const described = this.plan(dec, room).map(describeOp);
    this.d.repo.setWrite(dec.id, 'dry-run', described.join('\n'));
    this.d.log?.info({ bug: dec.bugId, ops: described }, 'dry-run: Launchpad not changed');
    const lines = described.length ? described.map((l) => `dry-run, not sent: ${l}`) : ['dry-run: nothing to send'];
    return { lines: lines.map((l) => safeText(l)), private: true, notice: true };
  }

  /** A dry-run decision taken back: what it was, and that its requests are not to be applied. */
  dryRunUndone(undone: Decision): Reply {
    const ops = (undone.writeNote ?? '').split('\n').filter(Boolean);
    const head = `dry-run: undid bug ${undone.bugId}: ${outcomeText(undone)}; nothing was sent, so nothing to revert on Launchpad`;
    const lines = [head, ...ops.map((l) => `dry-run, undone, do not apply: ${l}`)];
    return { lines: lines.map((l) => safeText(l)), private: true, notice: true };
  }
}
