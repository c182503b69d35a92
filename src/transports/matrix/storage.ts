// matrix-bot-sdk's storage (sync token, filter, free values) kept in the bot's SQLite kv table,
// so a restart resumes /sync from the stored token instead of replaying the room history.
//
// The shape matches matrix-bot-sdk 0.7.1's IStorageProvider (six methods) structurally, so this
// file loads without the SDK; tests/unit/transports/matrix/storage.test.ts checks the assignment
// at compile time.
import type { KeyValueStore } from '../../core/transport-plugin.ts';

/** What the SDK stores for a server-side filter: its id and the filter definition it was made from. */
export interface StoredFilter {
  id: number;
  filter: unknown;
}

const SYNC_TOKEN = 'sync_token';
const FILTER = 'filter';
const VALUE = 'value:';

export class SqliteStorageProvider {
  constructor(private readonly kv: KeyValueStore) {}

  setSyncToken(token: string | null): void {
    if (token === null || token === undefined) this.kv.delete(SYNC_TOKEN);
    else this.kv.set(SYNC_TOKEN, token);
  }

  getSyncToken(): string | null {
    return this.kv.get(SYNC_TOKEN) ?? null;
  }

  /** The SDK passes null (never in its types) to forget a filter; we accept it. */
  setFilter(filter: StoredFilter | null): void {
    if (!filter) this.kv.delete(FILTER);
    else this.kv.set(FILTER, JSON.stringify({ id: filter.id, filter: filter.filter }));
  }

  /** The stored filter, or null. */
  filter(): StoredFilter | null {
    const raw = this.kv.get(FILTER);
    if (raw === undefined) return null;
    try {
      const parsed = JSON.parse(raw) as Partial<StoredFilter>;
      // Servers hand out string filter ids although the SDK types them as numbers; keep either.
      return parsed.id === undefined || parsed.id === null ? null : { id: parsed.id, filter: parsed.filter ?? null };
    } catch {
      return null; // a damaged row means "no filter": the SDK creates a new one
    }
  }

  /**
   * SDK-facing: the SDK's (non-strict) interface types a missing filter as IFilterInfo and checks
   * for null at run time, so null is returned through this one cast. Use filter() in our code.
   */
  getFilter(): StoredFilter {
    return this.filter() as StoredFilter;
  }

  storeValue(key: string, value: string): void {
    this.kv.set(VALUE + key, value);
  }

  readValue(key: string): string | null {
    return this.kv.get(VALUE + key) ?? null;
  }

  /** Not in the SDK's interface: lets the transport forget values (e.g. a left DM). */
  deleteValue(key: string): void {
    this.kv.delete(VALUE + key);
  }
}
