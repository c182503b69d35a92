// The running OpenDev meetings (schema 7): the MeetingTracker's persisted state.
import type { Meeting, MeetingStore } from './tracker.ts';
import type { Db } from '../store/db.ts';

export class MeetingRepo implements MeetingStore {
  constructor(private readonly db: Db) {}

  load(): Meeting[] {
    const rows = this.db.prepare('SELECT transport, room, started_at, name, last_line_at FROM meeting_running').all() as {
      transport: string;
      room: string;
      started_at: number;
      name: string | null;
      last_line_at: number;
    }[];
    return rows.map((r) => ({
      transport: r.transport,
      room: r.room,
      startedAt: new Date(r.started_at),
      lastLineAt: new Date(r.last_line_at),
      ...(r.name ? { name: r.name } : {}),
    }));
  }

  save(m: Meeting): void {
    this.db
      .prepare(
        `INSERT INTO meeting_running (transport, room, started_at, name, last_line_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (transport, room) DO UPDATE SET started_at = excluded.started_at, name = excluded.name, last_line_at = excluded.last_line_at`,
      )
      .run(m.transport, m.room, +m.startedAt, m.name ?? null, +m.lastLineAt);
  }

  remove(transport: string, room: string): void {
    this.db.prepare('DELETE FROM meeting_running WHERE transport = ? AND room = ?').run(transport, room);
  }
}
