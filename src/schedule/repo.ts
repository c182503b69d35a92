// Release cycles, schedule events and the reminder ledger. All SQL about schedules lives here.
import type { Db } from '../store/db.ts';
import type { Cycle, EventSource, Kind, ScheduleEvent } from './types.ts';

interface CycleRow {
  name: string;
  release_id: string | null;
  start_date: string;
  end_date: string;
  release_date: string | null;
  source: string | null;
  source_hash: string | null;
  imported_at: number;
}

interface EventRow {
  key: string;
  cycle: string;
  event_id: string | null;
  title: string;
  kind: Kind;
  project: string | null;
  date: string;
  time: string | null;
  end_date: string | null;
  week: string | null;
  description: string;
  source: EventSource;
  added_by: string | null;
  updated_at: number;
}

export interface LedgerKey {
  channel: string;
  eventKey: string;
  offset: string;
  occurrence: string;
}

export type LedgerState = 'claimed' | 'sent' | 'failed' | 'skipped';

export interface LedgerRow extends LedgerKey {
  dueAt: number;
  state: LedgerState;
  claimedAt: number | null;
  doneAt: number | null;
  attempts: number;
  message: string | null;
  note: string | null;
}

const toCycle = (r: CycleRow): Cycle => ({ name: r.name, releaseId: r.release_id, startDate: r.start_date, endDate: r.end_date, releaseDate: r.release_date });

const toEvent = (r: EventRow): ScheduleEvent => ({
  key: r.key,
  cycle: r.cycle,
  eventId: r.event_id,
  title: r.title,
  kind: r.kind,
  project: r.project,
  date: r.date,
  time: r.time,
  endDate: r.end_date,
  week: r.week,
  description: r.description,
  source: r.source,
  addedBy: r.added_by,
});

export const ledgerId = (k: LedgerKey): string => `${k.channel}\u0000${ledgerEventKey(k.eventKey)}\u0000${k.offset}\u0000${k.occurrence}`;

/**
 * The event part of a reminder's ledger identity: the event key without its occurrence suffix
 * ("@<week>", or "#<n>" as older versions wrote it). The occurrence (the event's date) tells the
 * occurrences of one id apart, so an id that gains a week at a re-import (its key then gains a
 * suffix) keeps the reminders already sent.
 */
export function ledgerEventKey(eventKey: string): string {
  return eventKey.replace(/(?:#\d+|@\d{4}-\d{2}-\d{2})$/, '');
}

export class ScheduleRepo {
  private readonly listeners: (() => void)[] = [];
  /**
   * Bumped by this repo's own writes to events: data_version does not change for the
   * connection's own commits, so with it the pair says when the events may have changed.
   */
  private writes = 0;
  /** Every event, shared by every caller (60 team schedulers held a copy each, ~6 MB). */
  private all: { key: string; events: readonly ScheduleEvent[] } | null = null;

  constructor(private readonly db: Db) {}

  /** Runs fn in one transaction (nested calls become savepoints): a sync and what it records. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** Called after every change to cycles or events (the scheduler re-plans). */
  onChange(fn: () => void): () => void {
    this.listeners.push(fn);
    return () => {
      const i = this.listeners.indexOf(fn);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Changes when another connection (another process, the CLI) committed to the database. */
  dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  private changed(): void {
    this.writes++;
    for (const fn of [...this.listeners]) fn();
  }

  // ---- cycles and events ----

  cycles(): Cycle[] {
    return (this.db.prepare('SELECT * FROM schedule_cycle ORDER BY start_date').all() as CycleRow[]).map(toCycle);
  }

  cycle(name: string): Cycle | undefined {
    const row = this.db.prepare('SELECT * FROM schedule_cycle WHERE name = ?').get(name) as CycleRow | undefined;
    return row ? toCycle(row) : undefined;
  }

  cycleSourceHash(name: string): string | null {
    const row = this.db.prepare('SELECT source_hash FROM schedule_cycle WHERE name = ?').get(name) as { source_hash: string | null } | undefined;
    return row?.source_hash ?? null;
  }

  /** Replaces a cycle and its official events in one transaction; the team's own events stay. */
  replaceCycle(cycle: Cycle, events: ScheduleEvent[], source: string | null, hash: string | null, now = Date.now()): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO schedule_cycle (name, release_id, start_date, end_date, release_date, source, source_hash, imported_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET release_id = excluded.release_id, start_date = excluded.start_date, end_date = excluded.end_date,
             release_date = excluded.release_date, source = excluded.source, source_hash = excluded.source_hash, imported_at = excluded.imported_at`,
        )
        .run(cycle.name, cycle.releaseId, cycle.startDate, cycle.endDate, cycle.releaseDate, source, hash, now);
      this.db.prepare("DELETE FROM schedule_event WHERE cycle = ? AND source = 'official'").run(cycle.name);
      for (const e of events) this.insertEvent(e, now);
    })();
    this.changed();
  }

  /**
   * The events by date, frozen: callers copy before sorting or adding. Every event (no cycle)
   * is one array shared until the events change, here or through another connection.
   */
  events(filter: { cycle?: string } = {}): readonly ScheduleEvent[] {
    if (filter.cycle)
      return Object.freeze(
        (this.db.prepare('SELECT * FROM schedule_event WHERE cycle = ? ORDER BY date, time, key').all(filter.cycle) as EventRow[]).map(toEvent),
      );
    const read = () => Object.freeze((this.db.prepare('SELECT * FROM schedule_event ORDER BY date, time, key').all() as EventRow[]).map(toEvent));
    // Inside a caller's transaction the rows may be uncommitted (and rolled back): not cached.
    if (this.db.inTransaction) return read();
    // One read transaction: the version and the rows are of the same snapshot.
    return this.db.transaction(() => {
      const key = `${this.writes}:${this.dataVersion()}`;
      if (this.all?.key !== key) this.all = { key, events: read() };
      return this.all.events;
    })();
  }

  event(key: string): ScheduleEvent | undefined {
    const row = this.db.prepare('SELECT * FROM schedule_event WHERE key = ?').get(key) as EventRow | undefined;
    return row ? toEvent(row) : undefined;
  }

  /** Adds or replaces one event (the team's own); returns the previous version. */
  putEvent(e: ScheduleEvent, now = Date.now()): ScheduleEvent | undefined {
    const before = this.event(e.key);
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM schedule_event WHERE key = ?').run(e.key);
      this.insertEvent(e, now);
    })();
    this.changed();
    return before;
  }

  /** When each of the team's own events (not official ones) was last written, epoch ms by key. */
  ownEventTimes(): Map<string, number> {
    const rows = this.db.prepare("SELECT key, updated_at FROM schedule_event WHERE source <> 'official'").all() as { key: string; updated_at: number }[];
    return new Map(rows.map((r) => [r.key, r.updated_at]));
  }

  deleteEvent(key: string): boolean {
    const gone = this.db.prepare('DELETE FROM schedule_event WHERE key = ?').run(key).changes > 0;
    if (gone) this.changed();
    return gone;
  }

  /** Makes the config's events the only ones from the config; unchanged rows are left alone. */
  syncConfigEvents(events: ScheduleEvent[], now = Date.now()): { added: number; removed: number; changed: number } {
    const current = new Map(
      this.events()
        .filter((e) => e.source === 'config')
        .map((e) => [e.key, e]),
    );
    let added = 0;
    let changed = 0;
    const same = (a: ScheduleEvent, b: ScheduleEvent) => JSON.stringify({ ...a, addedBy: null }) === JSON.stringify({ ...b, addedBy: null });
    const result = this.db.transaction(() => {
      for (const e of events) {
        const old = current.get(e.key);
        current.delete(e.key);
        if (old && same(old, e)) continue;
        this.db.prepare('DELETE FROM schedule_event WHERE key = ?').run(e.key);
        this.insertEvent(e, now);
        if (old) changed++;
        else added++;
      }
      for (const key of current.keys()) this.db.prepare('DELETE FROM schedule_event WHERE key = ?').run(key);
      return { added, removed: current.size, changed };
    })();
    if (result.added + result.removed + result.changed > 0) this.changed();
    return result;
  }

  private insertEvent(e: ScheduleEvent, now: number): void {
    this.db
      .prepare(
        `INSERT INTO schedule_event (key, cycle, event_id, title, kind, project, date, time, end_date, week, description, source, added_by, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(e.key, e.cycle, e.eventId, e.title, e.kind, e.project, e.date, e.time, e.endDate, e.week, e.description, e.source, e.addedBy, now);
  }

  // ---- the reminder ledger ----

  /** Ledger rows of a channel for reminders due at or after `sinceMs`. */
  ledger(channel: string, sinceMs: number): LedgerRow[] {
    const rows = this.db.prepare('SELECT * FROM schedule_ledger WHERE channel = ? AND due_at >= ? ORDER BY due_at').all(channel, sinceMs) as Record<
      string,
      unknown
    >[];
    return rows.map(toLedger);
  }

  /** Every row in a state (e.g. 'claimed' ones left by a crash). */
  /** Reminders per ledger state, and those sent more than `lateMs` after they were due (for /metrics). */
  ledgerCounts(lateMs: number): { states: { state: LedgerState; count: number }[]; late: number } {
    const states = this.db.prepare('SELECT state, count(*) AS count FROM schedule_ledger GROUP BY state ORDER BY state').all() as {
      state: LedgerState;
      count: number;
    }[];
    const late = (this.db.prepare("SELECT count(*) AS n FROM schedule_ledger WHERE state = 'sent' AND done_at > due_at + ?").get(lateMs) as { n: number }).n;
    return { states, late };
  }

  ledgerInState(state: LedgerState): LedgerRow[] {
    return (this.db.prepare('SELECT * FROM schedule_ledger WHERE state = ? ORDER BY due_at').all(state) as Record<string, unknown>[]).map(toLedger);
  }

  /** Records reminders that will never be posted (missed, superseded, event over). */
  skip(rows: (LedgerKey & { dueAt: number; note: string })[], now: number): number {
    const ins = this.db.prepare(
      `INSERT INTO schedule_ledger (channel, event_key, offset_name, occurrence, due_at, state, done_at, note)
       VALUES (?, ?, ?, ?, ?, 'skipped', ?, ?)
       ON CONFLICT DO UPDATE SET state = 'skipped', done_at = excluded.done_at, note = excluded.note WHERE state = 'failed'`,
    );
    return this.db.transaction(() => rows.reduce((n, r) => n + ins.run(r.channel, r.eventKey, r.offset, r.occurrence, r.dueAt, now, r.note).changes, 0))();
  }

  /**
   * Claims reminders for one message, in one transaction: a new row, or a 'failed' one being
   * retried, becomes 'claimed'. Returns the keys this caller now owns (another instance, or an
   * earlier run that crashed after claiming, keeps its rows and they are never posted again).
   */
  claim(rows: (LedgerKey & { dueAt: number })[], message: string, now: number): LedgerKey[] {
    const ins = this.db.prepare(
      `INSERT INTO schedule_ledger (channel, event_key, offset_name, occurrence, due_at, state, claimed_at, attempts, message)
       VALUES (?, ?, ?, ?, ?, 'claimed', ?, 1, ?)
       ON CONFLICT DO UPDATE SET state = 'claimed', claimed_at = excluded.claimed_at, attempts = attempts + 1, message = excluded.message, note = NULL
       WHERE state = 'failed'`,
    );
    return this.db.transaction(() => rows.filter((r) => ins.run(r.channel, r.eventKey, r.offset, r.occurrence, r.dueAt, now, message).changes === 1))();
  }

  markSent(keys: LedgerKey[], now: number): void {
    this.setState(keys, 'sent', now, null);
  }

  markFailed(keys: LedgerKey[], now: number, note: string): void {
    this.setState(keys, 'failed', now, note);
  }

  private setState(keys: LedgerKey[], state: LedgerState, now: number, note: string | null): void {
    const up = this.db.prepare(
      "UPDATE schedule_ledger SET state = ?, done_at = ?, note = ? WHERE channel = ? AND event_key = ? AND offset_name = ? AND occurrence = ? AND state = 'claimed'",
    );
    this.db.transaction(() => {
      for (const k of keys) up.run(state, now, note, k.channel, k.eventKey, k.offset, k.occurrence);
    })();
  }

  /** The dates (occurrences) of an event the channel was reminded of (claimed or sent), latest reminder first. */
  remindedOccurrences(channel: string, eventKey: string): string[] {
    return this.db
      .prepare(
        "SELECT occurrence FROM schedule_ledger WHERE channel = ? AND event_key = ? AND state IN ('claimed','sent') GROUP BY occurrence ORDER BY MAX(claimed_at) DESC",
      )
      .pluck()
      .all(channel, eventKey) as string[];
  }

  /** The reminder messages a channel got (claimed or sent) since `sinceMs`, by when they were claimed. */
  messagesSince(channel: string, sinceMs: number): string[] {
    return this.db
      .prepare("SELECT DISTINCT message FROM schedule_ledger WHERE channel = ? AND state IN ('claimed','sent') AND claimed_at >= ? AND message IS NOT NULL")
      .pluck()
      .all(channel, sinceMs) as string[];
  }

  /** When the channel last got a reminder message (claimed or sent), epoch ms. */
  lastPostAt(channel: string): number | null {
    const row = this.db.prepare("SELECT MAX(claimed_at) AS at FROM schedule_ledger WHERE channel = ? AND state IN ('claimed','sent')").get(channel) as {
      at: number | null;
    };
    return row.at;
  }
}

function toLedger(r: Record<string, unknown>): LedgerRow {
  return {
    channel: r.channel as string,
    eventKey: r.event_key as string,
    offset: r.offset_name as string,
    occurrence: r.occurrence as string,
    dueAt: r.due_at as number,
    state: r.state as LedgerState,
    claimedAt: (r.claimed_at as number | null) ?? null,
    doneAt: (r.done_at as number | null) ?? null,
    attempts: r.attempts as number,
    message: (r.message as string | null) ?? null,
    note: (r.note as string | null) ?? null,
  };
}
