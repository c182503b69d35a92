// Triage rounds, their queues, decisions, carry-overs, backlog history and the Launchpad bug
// cache. All SQL about triage lives here.
import type { Db } from '../store/db.ts';
import type { BugCache } from './launchpad-client.ts';
import type { Carry, Decision, HandledBug, ItemState, QueueItem, Round, WriteState } from './round.ts';
import type { BugDetails, BugTask, MeetingRef, Order } from './types.ts';

interface RoundRow {
  id: number;
  project: string;
  transport: string;
  room: string;
  bug_order: string;
  size: number;
  query: string;
  started_at: number;
  started_by_key: string;
  started_by: string;
  meeting_name: string | null;
  meeting_at: number | null;
  backlog: number;
  half_triaged: number | null;
  ended_at: number | null;
}

interface DecisionRow {
  id: number;
  round_id: number | null;
  project: string;
  bug_id: number;
  kind: string;
  value: string | null;
  reason: string | null;
  decided_by_key: string;
  decided_by: string;
  decided_at: number;
  meeting_name: string | null;
  meeting_at: number | null;
  write_state: string;
  write_note: string | null;
  corrects: number | null;
}

export interface BacklogPoint {
  takenAt: number;
  untriaged: number;
  halfTriaged: number | null;
  query: string;
  source: 'round' | 'daily';
}

const meetingOf = (name: string | null, at: number | null): MeetingRef | null => (at === null ? null : { name, startedAt: at });

export class TriageRepo implements BugCache {
  constructor(private readonly db: Db) {}

  // ---- Launchpad facts ----

  upsertTasks(project: string, tasks: BugTask[], now: number): void {
    const st = this.db.prepare(`
      INSERT INTO triage_task (project, bug_id, title, status, importance, created, web_link, task_link, bug_link, seen_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (project, bug_id) DO UPDATE SET title = excluded.title, status = excluded.status,
        importance = excluded.importance, created = excluded.created, web_link = excluded.web_link,
        task_link = excluded.task_link, bug_link = excluded.bug_link, seen_at = excluded.seen_at`);
    this.db.transaction(() => {
      for (const t of tasks) st.run(project, t.id, t.title, t.status, t.importance, t.created, t.webLink, t.taskLink, t.bugLink, now);
    })();
  }

  task(project: string, bugId: number): BugTask | undefined {
    const r = this.db.prepare('SELECT * FROM triage_task WHERE project = ? AND bug_id = ?').get(project, bugId) as
      { bug_id: number; title: string; status: string; importance: string; created: string; web_link: string; task_link: string; bug_link: string } | undefined;
    if (!r) return undefined;
    return {
      id: r.bug_id,
      title: r.title,
      status: r.status,
      importance: r.importance,
      created: r.created,
      webLink: r.web_link,
      taskLink: r.task_link,
      bugLink: r.bug_link,
      assigneeLink: null,
    };
  }

  getBug(id: number): { etag: string | null; details: BugDetails; fetchedAt: number } | undefined {
    const r = this.db.prepare('SELECT etag, details, fetched_at FROM lp_bug_cache WHERE bug_id = ?').get(id) as
      { etag: string | null; details: string; fetched_at: number } | undefined;
    return r ? { etag: r.etag, details: JSON.parse(r.details) as BugDetails, fetchedAt: r.fetched_at } : undefined;
  }

  putBug(id: number, etag: string | null, details: BugDetails, fetchedAt: number): void {
    this.db
      .prepare(
        'INSERT INTO lp_bug_cache (bug_id, etag, details, fetched_at) VALUES (?, ?, ?, ?) ON CONFLICT (bug_id) DO UPDATE SET etag = excluded.etag, details = excluded.details, fetched_at = excluded.fetched_at',
      )
      .run(id, etag, JSON.stringify(details), fetchedAt);
  }

  // ---- rounds ----

  runningRound(transport: string, room: string): Round | undefined {
    const r = this.db.prepare('SELECT * FROM triage_round WHERE transport = ? AND room = ? AND ended_at IS NULL').get(transport, room) as RoundRow | undefined;
    return r ? this.toRound(r) : undefined;
  }

  round(id: number): Round | undefined {
    const r = this.db.prepare('SELECT * FROM triage_round WHERE id = ?').get(id) as RoundRow | undefined;
    return r ? this.toRound(r) : undefined;
  }

  /** Rounds of a project started at or after `since` (ms), oldest first. */
  roundsSince(project: string, since: number): Round[] {
    const rows = this.db.prepare('SELECT * FROM triage_round WHERE project = ? AND started_at >= ? ORDER BY started_at, id').all(project, since) as RoundRow[];
    return rows.map((r) => this.toRound(r));
  }

  lastRound(project: string): Round | undefined {
    const r = this.db.prepare('SELECT * FROM triage_round WHERE project = ? ORDER BY started_at DESC, id DESC LIMIT 1').get(project) as RoundRow | undefined;
    return r ? this.toRound(r) : undefined;
  }

  createRound(r: Omit<Round, 'id'>): number {
    return this.db.transaction(() => {
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO triage_round (project, transport, room, bug_order, size, query, started_at, started_by_key, started_by,
                    meeting_name, meeting_at, backlog, half_triaged, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
        )
        .run(
          r.project,
          r.transport,
          r.room,
          r.order,
          r.size,
          r.query,
          r.startedAt,
          r.startedBy.key,
          r.startedBy.display,
          r.meeting?.name ?? null,
          r.meeting?.startedAt ?? null,
          r.backlog,
          r.halfTriaged,
        );
      const id = Number(lastInsertRowid);
      const ins = this.db.prepare('INSERT INTO triage_queue (round_id, position, bug_id, project, carried, state) VALUES (?, ?, ?, ?, ?, ?)');
      // NULL: the round's project (every round of a team of one).
      for (const q of r.queue) ins.run(id, q.position, q.bugId, q.project !== undefined && q.project !== r.project ? q.project : null, q.carried, q.state);
      return id;
    })();
  }

  saveQueue(roundId: number, queue: QueueItem[]): void {
    const st = this.db.prepare('UPDATE triage_queue SET state = ? WHERE round_id = ? AND position = ?');
    this.db.transaction(() => {
      for (const q of queue) st.run(q.state, roundId, q.position);
    })();
  }

  endRound(id: number, at: number, by: string): void {
    this.db.prepare('UPDATE triage_round SET ended_at = ?, ended_by = ? WHERE id = ?').run(at, by, id);
  }

  // ---- decisions ----

  addDecision(d: Omit<Decision, 'id'>): number {
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO triage_decision (round_id, project, bug_id, kind, value, reason, decided_by_key, decided_by, decided_at,
                  meeting_name, meeting_at, write_state, write_note, corrects) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        d.roundId,
        d.project,
        d.bugId,
        d.kind,
        d.value,
        d.reason,
        d.by.key,
        d.by.display,
        d.at,
        d.meeting?.name ?? null,
        d.meeting?.startedAt ?? null,
        d.writeState,
        d.writeNote,
        d.corrects,
      );
    return Number(lastInsertRowid);
  }

  /**
   * A decision and what it does to the round's queue, in one transaction: a kill -9 during the
   * Launchpad write that follows cannot bring the decided bug back as current.
   */
  recordDecision(d: Omit<Decision, 'id'>, queue?: { roundId: number; items: QueueItem[] }): number {
    return this.db.transaction(() => {
      const id = this.addDecision(d);
      if (queue) this.saveQueue(queue.roundId, queue.items);
      return id;
    })();
  }

  setWrite(id: number, state: WriteState, note: string | null): void {
    this.db.prepare('UPDATE triage_decision SET write_state = ?, write_note = ? WHERE id = ?').run(state, note, id);
  }

  decisionsOfRound(roundId: number): Decision[] {
    return (this.db.prepare('SELECT * FROM triage_decision WHERE round_id = ? ORDER BY id').all(roundId) as DecisionRow[]).map(toDecision);
  }

  decision(id: number): Decision | undefined {
    const r = this.db.prepare('SELECT * FROM triage_decision WHERE id = ?').get(id) as DecisionRow | undefined;
    return r ? toDecision(r) : undefined;
  }

  /** Decisions per state of their Launchpad write (for /metrics). */
  writeStates(project: string): { state: string; count: number }[] {
    return this.db
      .prepare('SELECT write_state AS state, count(*) AS count FROM triage_decision WHERE project = ? GROUP BY write_state ORDER BY write_state')
      .all(project) as { state: string; count: number }[];
  }

  /** Decisions whose write to Launchpad is still to be done (Launchpad was down). */
  pendingWrites(project: string): Decision[] {
    return (this.db.prepare("SELECT * FROM triage_decision WHERE project = ? AND write_state = 'pending' ORDER BY id").all(project) as DecisionRow[]).map(
      toDecision,
    );
  }

  /**
   * Bugs with an outcome or annotation that stands (not undone or amended); written = the last
   * one was written back.
   */
  handledBugs(project: string): Map<number, HandledBug> {
    const rows = this.db
      .prepare(
        `SELECT bug_id, write_state FROM triage_decision d WHERE project = ? AND kind NOT IN ('skip', 'defer', 'undo')
           AND NOT EXISTS (SELECT 1 FROM triage_decision c WHERE c.corrects = d.id) ORDER BY id`,
      )
      .all(project) as { bug_id: number; write_state: string }[];
    const out = new Map<number, HandledBug>();
    for (const r of rows) out.set(r.bug_id, { written: r.write_state === 'written' });
    return out;
  }

  // ---- carry-overs ----

  carried(project: string): { bugId: number; reason: Carry }[] {
    return (
      this.db.prepare('SELECT bug_id, reason FROM triage_carry WHERE project = ? ORDER BY added_at, rowid').all(project) as { bug_id: number; reason: Carry }[]
    ).map((r) => ({
      bugId: r.bug_id,
      reason: r.reason,
    }));
  }

  carry(project: string, items: { bugId: number; reason: Carry }[], roundId: number, now: number): void {
    const st = this.db.prepare(
      'INSERT INTO triage_carry (project, bug_id, reason, round_id, added_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (project, bug_id) DO UPDATE SET reason = excluded.reason, round_id = excluded.round_id',
    );
    this.db.transaction(() => {
      for (const it of items) st.run(project, it.bugId, it.reason, roundId, now);
    })();
  }

  uncarry(project: string, bugIds: number[]): void {
    const st = this.db.prepare('DELETE FROM triage_carry WHERE project = ? AND bug_id = ?');
    this.db.transaction(() => {
      for (const id of bugIds) st.run(project, id);
    })();
  }

  // ---- backlog history ----

  recordBacklog(project: string, p: BacklogPoint): void {
    this.db
      .prepare('INSERT INTO triage_backlog (project, taken_at, untriaged, half_triaged, query, source) VALUES (?, ?, ?, ?, ?, ?)')
      .run(project, p.takenAt, p.untriaged, p.halfTriaged, p.query, p.source);
  }

  /** Newest first. */
  backlog(project: string, limit: number, before = Number.MAX_SAFE_INTEGER): BacklogPoint[] {
    const rows = this.db
      .prepare(
        'SELECT taken_at, untriaged, half_triaged, query, source FROM triage_backlog WHERE project = ? AND taken_at < ? ORDER BY taken_at DESC, id DESC LIMIT ?',
      )
      .all(project, before, limit) as { taken_at: number; untriaged: number; half_triaged: number | null; query: string; source: 'round' | 'daily' }[];
    return rows.map((r) => ({ takenAt: r.taken_at, untriaged: r.untriaged, halfTriaged: r.half_triaged, query: r.query, source: r.source }));
  }

  private toRound(r: RoundRow): Round {
    const queue = (
      this.db.prepare('SELECT position, bug_id, project, carried, state FROM triage_queue WHERE round_id = ? ORDER BY position').all(r.id) as {
        position: number;
        bug_id: number;
        project: string | null;
        carried: Carry | null;
        state: ItemState;
      }[]
    ).map((q) => ({ position: q.position, bugId: q.bug_id, ...(q.project !== null ? { project: q.project } : {}), carried: q.carried, state: q.state }));
    return {
      id: r.id,
      project: r.project,
      transport: r.transport,
      room: r.room,
      order: r.bug_order as Order,
      size: r.size,
      query: r.query,
      startedAt: r.started_at,
      startedBy: { key: r.started_by_key, display: r.started_by },
      meeting: meetingOf(r.meeting_name, r.meeting_at),
      backlog: r.backlog,
      halfTriaged: r.half_triaged,
      endedAt: r.ended_at,
      queue,
    };
  }
}

function toDecision(r: DecisionRow): Decision {
  return {
    id: r.id,
    roundId: r.round_id,
    project: r.project,
    bugId: r.bug_id,
    kind: r.kind as Decision['kind'],
    value: r.value,
    reason: r.reason,
    by: { key: r.decided_by_key, display: r.decided_by },
    at: r.decided_at,
    meeting: meetingOf(r.meeting_name, r.meeting_at),
    writeState: r.write_state as WriteState,
    writeNote: r.write_note,
    corrects: r.corrects ?? null,
  };
}
