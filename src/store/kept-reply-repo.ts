// Replies kept across a crash until delivered (schema 15): the bot's outbox on disk. The reply is
// stored as JSON; the store neither reads nor checks it.
import { randomUUID } from 'node:crypto';
import type { Db } from './db.ts';

export interface KeptRow<R> {
  id: number;
  transport: string;
  room: string;
  reply: R;
  /** Leading lines already written: a re-send starts after them. */
  linesDone: number;
  queuedAt: number;
  /** Stable across re-sends (the Matrix transaction id, which the homeserver deduplicates). */
  txn: string;
}

interface Raw {
  id: number;
  transport: string;
  room: string;
  reply: string;
  lines_done: number;
  queued_at: number;
  txn: string;
}

export class KeptReplyRepo<R = unknown> {
  constructor(private readonly db: Db) {}

  add(transport: string, room: string, reply: R, queuedAt: number): KeptRow<R> {
    const txn = randomUUID();
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO kept_reply (transport, room, reply, queued_at, txn) VALUES (?, ?, ?, ?, ?)')
      .run(transport, room, JSON.stringify(reply), queuedAt, txn);
    return { id: Number(lastInsertRowid), transport, room, reply, linesDone: 0, queuedAt, txn };
  }

  /** Records that the reply's first `linesDone` lines were written. */
  progress(id: number, linesDone: number): void {
    this.db.prepare('UPDATE kept_reply SET lines_done = max(lines_done, ?) WHERE id = ?').run(linesDone, id);
  }

  remove(id: number): void {
    this.db.prepare('DELETE FROM kept_reply WHERE id = ?').run(id);
  }

  /** Every kept reply, oldest first. */
  all(): KeptRow<R>[] {
    const rows = this.db.prepare('SELECT * FROM kept_reply ORDER BY id').all() as Raw[];
    return rows.map((r) => ({
      id: r.id,
      transport: r.transport,
      room: r.room,
      reply: JSON.parse(r.reply) as R,
      linesDone: r.lines_done,
      queuedAt: r.queued_at,
      txn: r.txn,
    }));
  }
}
