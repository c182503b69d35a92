// The search index as built, and the documents' summed vocabulary, kept in the database (migration
// 19) so that a start reads them instead of deriving them from every topic's text and every
// document's vocabulary again. Used only when nothing they derive from changed since they were
// stored: triggers count every write to the documents' tables up (ptg_index_version) and drop
// them; and only by the program and SQLite that built them.
import type Database from 'better-sqlite3';
import { randomInt } from 'node:crypto';
import type { Db } from '../store/db.ts';
import { decodeIndex, encodeIndex, PART_BYTES } from './index-codec.ts';
import { programFingerprint } from './program-fingerprint.ts';
import { TopicIndex, type Stem } from './topic-index.ts';

/** Bump when the stored form changes (index-codec.ts, IndexSnapshot). */
const FORMAT = 1;
/** Smaller indexes build in a tenth of a second or less: not worth a write. */
const MIN_TOPICS = 2000;

interface Row {
  version: number;
  key: string;
  meta: string;
  parts: number;
  terms: string;
  first: number;
}

/** What a start reads instead of building: the index, and every word with its topic count (vocabulary.ts). */
export interface StoredIndex {
  index: TopicIndex;
  terms: { term: string; df: number }[];
}

export class IndexStore {
  private readonly statements = new Map<string, Database.Statement>();
  private keyMemo: string | undefined;

  private readonly minTopics: number;
  private readonly partBytes: number;

  /** `minTopics`: smaller indexes are not stored; `partBytes`: about this many bytes a stored part. */
  constructor(
    private readonly db: Db,
    opts: { minTopics?: number; partBytes?: number } = {},
  ) {
    this.minTopics = opts.minTopics ?? MIN_TOPICS;
    this.partBytes = opts.partBytes ?? PART_BYTES;
  }

  private stmt(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) this.statements.set(sql, (st = this.db.prepare(sql)));
    return st;
  }

  /** What built an index: a stored one from another format, SQLite (its stemmer) or program is not used. */
  private key(): string {
    this.keyMemo ??= `${FORMAT}:${this.stmt('SELECT sqlite_version()').pluck().get() as string}:${programFingerprint()}`;
    return this.keyMemo;
  }

  /** The documents' version: counts up on every write to them, by any process; -1 when unknown (an older schema). */
  version(): number {
    try {
      return this.stmt('SELECT n FROM ptg_index_version').pluck().get() as number;
    } catch {
      return -1;
    }
  }

  /** The stored index of the documents as they are now; null when there is none (or it cannot be read). */
  load(stem: Stem): StoredIndex | null {
    try {
      return this.db.transaction(() => {
        const r = this.stmt('SELECT version, key, meta, parts, terms, first FROM ptg_index').get() as Row | undefined;
        if (!r || r.version !== this.version() || r.key !== this.key()) return null;
        const rows = this.stmt('SELECT data FROM ptg_index_part WHERE seq >= ? AND seq < ? ORDER BY seq')
          .pluck()
          .iterate(r.first, r.first + r.parts) as IterableIterator<Uint8Array>;
        let read = 0;
        try {
          const snapshot = decodeIndex(r.meta, {
            next: () => {
              const row = rows.next();
              if (!row.done) read++;
              return row;
            },
          });
          if (read !== r.parts) return null;
          const terms = (JSON.parse(r.terms) as [string, number][]).map(([term, df]) => ({ term, df }));
          return { index: TopicIndex.restore(snapshot, stem), terms };
        } finally {
          rows.return?.(); // an unfinished read keeps the connection busy
        }
      })();
    } catch {
      return null; // no such table (an older schema), or data that does not decode: build instead
    }
  }

  /**
   * Stores what was built from the documents at `version` (read before the build began), unless
   * they changed since (the build may then have read some of each) or it is small. False when
   * not stored; a database that cannot be written (read-only, full, busy) only costs the next
   * start a build.
   */
  save(version: number, stored: StoredIndex): boolean {
    try {
      return this.db.transaction(() => runAll(this.saving(version, stored))).immediate();
    } catch {
      return false;
    }
  }

  /**
   * save() a part per step, each write its own transaction: a running bot stores between other
   * work. The header that names the parts goes first and comes back last, only if the documents
   * are still at `version` and the parts table holds this writer's parts and no others (a change
   * of the documents or another writer cleared it meanwhile: then nothing is stored).
   */
  *saving(version: number, { index, terms }: StoredIndex): Generator<void, boolean, void> {
    if (index.size < this.minTopics || version < 0) return false;
    try {
      const key = this.key();
      const cleared = this.db
        .transaction(() => {
          if (this.version() !== version) return false;
          this.stmt('DELETE FROM ptg_index').run();
          this.stmt('DELETE FROM ptg_index_part').run();
          return true;
        })
        .immediate();
      if (!cleared) return false;
      // Numbered from a seq of this writer's own: another writer's parts never stand in for one.
      const first = randomInt(0, 2 ** 47);
      const insert = this.stmt('INSERT INTO ptg_index_part (seq, data) VALUES (?, ?)');
      const encoding = encodeIndex(index.snapshot(), this.partBytes);
      let parts = 0;
      let r = encoding.next();
      for (; !r.done; r = encoding.next()) {
        // SQLite copies the bytes: the byte form is never whole in memory.
        insert.run(first + parts++, Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength));
        yield;
      }
      const meta = r.value;
      const words = JSON.stringify(terms.map(({ term, df }) => [term, df]));
      return this.db
        .transaction(() => {
          if (this.version() !== version) return false;
          const counts = this.stmt('SELECT count(*) AS total, count(*) FILTER (WHERE seq >= ? AND seq < ?) AS mine FROM ptg_index_part').get(
            first,
            first + parts,
          ) as {
            total: number;
            mine: number;
          };
          if (counts.total !== parts || counts.mine !== parts) return false;
          this.stmt('INSERT OR REPLACE INTO ptg_index (id, version, key, meta, parts, terms, first) VALUES (1, ?, ?, ?, ?, ?, ?)').run(
            version,
            key,
            meta,
            parts,
            words,
            first,
          );
          return true;
        })
        .immediate();
    } catch {
      return false;
    }
  }
}

function runAll<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
