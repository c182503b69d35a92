// The Launchpad write journal's SQL (schema 6): per decision, the planned requests and how far
// each got. See src/triage/journal.ts for what the states mean to the sender.
import type { Db } from '../store/db.ts';

export type StepState = 'planned' | 'intended' | 'done';

export interface JournalStep<Op> {
  step: number;
  op: Op;
  state: StepState;
  attempts: number;
}

export class WriteJournalRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** The stored plan of a decision; when there is none yet, `plan()` is stored (all planned) and returned. */
  steps<Op>(decisionId: number, plan: () => Op[]): JournalStep<Op>[] {
    return this.db.transaction(() => {
      const rows = this.db.prepare('SELECT step, op, state, attempts FROM triage_write_step WHERE decision_id = ? ORDER BY step').all(decisionId) as {
        step: number;
        op: string;
        state: StepState;
        attempts: number;
      }[];
      if (rows.length) return rows.map((r) => ({ step: r.step, op: JSON.parse(r.op) as Op, state: r.state, attempts: r.attempts }));
      const ops = plan();
      const ins = this.db.prepare("INSERT INTO triage_write_step (decision_id, step, op, state, attempts, updated_at) VALUES (?, ?, ?, 'planned', 0, ?)");
      ops.forEach((op, i) => ins.run(decisionId, i, JSON.stringify(op), this.now()));
      return ops.map((op, i) => ({ step: i, op, state: 'planned' as const, attempts: 0 }));
    })();
  }

  /** Before sending: the outcome is unknown from here until mark(…, 'done' | 'planned'). */
  intend(decisionId: number, step: number): void {
    this.db
      .prepare("UPDATE triage_write_step SET state = 'intended', attempts = attempts + 1, updated_at = ? WHERE decision_id = ? AND step = ?")
      .run(this.now(), decisionId, step);
  }

  mark(decisionId: number, step: number, state: 'done' | 'planned'): void {
    this.db.prepare('UPDATE triage_write_step SET state = ?, updated_at = ? WHERE decision_id = ? AND step = ?').run(state, this.now(), decisionId, step);
  }

  /** Whether any step of the decision was sent (or is being sent): its writes have begun. */
  begun(decisionId: number): boolean {
    return this.db.prepare("SELECT 1 FROM triage_write_step WHERE decision_id = ? AND state <> 'planned' LIMIT 1").get(decisionId) !== undefined;
  }
}
