// What the bot remembers about each live source between fetches and restarts: the validators of
// the last good answer, when it was checked, read and changed, and its last error. All SQL about
// source_state lives here.
import type { Db } from '../store/db.ts';
import type { Validators } from './http.ts';

export interface SourceState {
  key: string;
  documentId: string | null;
  etag: string | null;
  lastModified: string | null;
  checkedAt: number | null;
  successAt: number | null;
  changedAt: number | null;
  error: string | null;
  errorAt: number | null;
  failingSince: number | null;
}

interface Row {
  key: string;
  document_id: string | null;
  etag: string | null;
  last_modified: string | null;
  checked_at: number | null;
  success_at: number | null;
  changed_at: number | null;
  error: string | null;
  error_at: number | null;
  failing_since: number | null;
}

const toState = (r: Row): SourceState => ({
  key: r.key,
  documentId: r.document_id,
  etag: r.etag,
  lastModified: r.last_modified,
  checkedAt: r.checked_at,
  successAt: r.success_at,
  changedAt: r.changed_at,
  error: r.error,
  errorAt: r.error_at,
  failingSince: r.failing_since,
});

export class SourceStateRepo {
  constructor(private readonly db: Db) {}

  get(key: string): SourceState | undefined {
    const row = this.db.prepare('SELECT * FROM source_state WHERE key = ?').get(key) as Row | undefined;
    return row ? toState(row) : undefined;
  }

  all(): SourceState[] {
    return (this.db.prepare('SELECT * FROM source_state ORDER BY key').all() as Row[]).map(toState);
  }

  /**
   * A good answer (200 or 304). `validators` replace the stored ones when given (a 200); `changed`
   * says the text changed and was imported. Run it inside the import's transaction, so the
   * validators never describe a text that was not stored.
   */
  succeeded(key: string, now: number, o: { validators?: Validators; documentId?: string; changed?: boolean }): void {
    this.ensure(key);
    this.db
      .prepare(
        `UPDATE source_state SET checked_at = @now, success_at = @now, error = NULL, error_at = NULL, failing_since = NULL,
           changed_at = CASE WHEN @changed THEN @now ELSE changed_at END,
           document_id = coalesce(@doc, document_id),
           etag = CASE WHEN @setValidators THEN @etag ELSE etag END,
           last_modified = CASE WHEN @setValidators THEN @lm ELSE last_modified END
         WHERE key = @key`,
      )
      .run({
        key,
        now,
        changed: o.changed ? 1 : 0,
        doc: o.documentId ?? null,
        setValidators: o.validators ? 1 : 0,
        etag: o.validators?.etag ?? null,
        lm: o.validators?.lastModified ?? null,
      });
  }

  /** A failed attempt: the last good version and its validators stay. */
  failed(key: string, now: number, error: string): void {
    this.ensure(key);
    this.db
      .prepare('UPDATE source_state SET checked_at = ?, error = ?, error_at = ?, failing_since = coalesce(failing_since, ?) WHERE key = ?')
      .run(now, error.slice(0, 300), now, now, key);
  }

  /** Forget the validators (the document they describe is gone): the next fetch is unconditional. */
  forgetValidators(key: string): void {
    this.db.prepare('UPDATE source_state SET etag = NULL, last_modified = NULL WHERE key = ?').run(key);
  }

  /** `key` now owns the document another source wrote at `changedAt` (see ownership.ts); it stays due. */
  handOver(key: string, documentId: string, changedAt: number): void {
    this.ensure(key);
    this.db.prepare('UPDATE source_state SET document_id = ?, changed_at = ? WHERE key = ?').run(documentId, changedAt, key);
  }

  /** Forgets a source (no longer configured). */
  remove(key: string): void {
    this.db.prepare('DELETE FROM source_state WHERE key = ?').run(key);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  private ensure(key: string): void {
    this.db.prepare('INSERT INTO source_state (key) VALUES (?) ON CONFLICT (key) DO NOTHING').run(key);
  }
}
