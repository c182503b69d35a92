// Announcements of moved and withdrawn milestones (schedule_notice). A notice is written in the
// sync's transaction as 'pending', claimed before it is posted and marked sent or failed after:
// a restart posts what is pending and never a claimed or sent one again (at most once, as the
// reminder ledger). All SQL about schedule_notice lives here.
import type { Db } from '../store/db.ts';

export interface Notice {
  id: number;
  channel: string;
  eventKey: string;
  change: 'moved' | 'removed';
  text: string;
  state: 'pending' | 'claimed' | 'sent' | 'failed' | 'skipped';
  createdAt: number;
  attempts: number;
}

interface Row {
  id: number;
  channel: string;
  event_key: string;
  change: Notice['change'];
  text: string;
  state: Notice['state'];
  created_at: number;
  attempts: number;
}

const toNotice = (r: Row): Notice => ({
  id: r.id,
  channel: r.channel,
  eventKey: r.event_key,
  change: r.change,
  text: r.text,
  state: r.state,
  createdAt: r.created_at,
  attempts: r.attempts,
});

export class NoticeRepo {
  constructor(private readonly db: Db) {}

  add(n: Pick<Notice, 'channel' | 'eventKey' | 'change' | 'text'>, now: number): void {
    this.db
      .prepare('INSERT INTO schedule_notice (channel, event_key, change, text, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(n.channel, n.eventKey, n.change, n.text, now);
  }

  /** Notices still to post (pending, or failed and to be tried again), oldest first. */
  unsent(): Notice[] {
    return (this.db.prepare("SELECT * FROM schedule_notice WHERE state IN ('pending', 'failed') ORDER BY id").all() as Row[]).map(toNotice);
  }

  all(): Notice[] {
    return (this.db.prepare('SELECT * FROM schedule_notice ORDER BY id').all() as Row[]).map(toNotice);
  }

  /** Claims notices before posting them; returns the ids this caller now owns. */
  claim(ids: number[], now: number): number[] {
    const up = this.db.prepare(
      "UPDATE schedule_notice SET state = 'claimed', done_at = ?, attempts = attempts + 1 WHERE id = ? AND state IN ('pending', 'failed')",
    );
    return this.db.transaction(() => ids.filter((id) => up.run(now, id).changes === 1))();
  }

  mark(ids: number[], state: 'sent' | 'failed' | 'skipped', now: number, note: string | null = null): void {
    const up = this.db.prepare('UPDATE schedule_notice SET state = ?, done_at = ?, note = ? WHERE id = ?');
    this.db.transaction(() => ids.forEach((id) => up.run(state, now, note, id)))();
  }
}
