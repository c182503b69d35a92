// Small persistent key-value state, one namespace per user (e.g. "matrix").
import type { Db } from './db.ts';

export class KvRepo {
  constructor(
    private readonly db: Db,
    private readonly namespace: string,
  ) {}

  get(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM kv WHERE namespace = ? AND key = ?').get(this.namespace, key) as { value: string } | undefined;
    return row?.value;
  }

  set(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO kv (namespace, key, value, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
      )
      .run(this.namespace, key, value, Date.now());
  }

  delete(key: string): void {
    this.db.prepare('DELETE FROM kv WHERE namespace = ? AND key = ?').run(this.namespace, key);
  }
}
