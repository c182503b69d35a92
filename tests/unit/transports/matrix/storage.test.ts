import type { IStorageProvider } from 'matrix-bot-sdk';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../../src/store/db.ts';
import { KvRepo } from '../../../../src/store/kv-repo.ts';
import { SqliteStorageProvider } from '../../../../src/transports/matrix/storage.ts';

// Compile-time check: the storage class (which does not import the SDK) fits the SDK's interface.
const asSdkStorage = (s: SqliteStorageProvider): IStorageProvider => s;

describe('SqliteStorageProvider', () => {
  it('keeps the sync token, filter and values in the kv table, per namespace', () => {
    const db = openDb(':memory:');
    const storage = asSdkStorage(new SqliteStorageProvider(new KvRepo(db, 'matrix')));
    const other = new SqliteStorageProvider(new KvRepo(db, 'matrix-other'));
    expect(storage.getSyncToken()).toBeNull();
    expect(storage.getFilter()).toBeNull();
    expect(storage.readValue('x')).toBeNull();

    storage.setSyncToken('s42');
    storage.setFilter({ id: 7, filter: { presence: { not_types: ['*'] } } });
    storage.storeValue('x', 'y');
    expect(storage.getSyncToken()).toBe('s42');
    expect(storage.getFilter()).toEqual({ id: 7, filter: { presence: { not_types: ['*'] } } });
    expect(storage.readValue('x')).toBe('y');
    expect(other.getSyncToken()).toBeNull();

    storage.setSyncToken(null);
    storage.setFilter(null as never);
    expect(storage.getSyncToken()).toBeNull();
    expect(storage.getFilter()).toBeNull();
    db.close();
  });

  it('survives reopening the database file and ignores a damaged filter row', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cyclebot-kv-')), 'x.db');
    let db = openDb(file);
    new SqliteStorageProvider(new KvRepo(db, 'matrix')).setSyncToken('s9');
    new KvRepo(db, 'matrix').set('filter', '{not json');
    db.close();
    db = openDb(file);
    const storage = new SqliteStorageProvider(new KvRepo(db, 'matrix'));
    expect(storage.getSyncToken()).toBe('s9');
    expect(storage.filter()).toBeNull();
    db.close();
  });
});
