// Stems words as FTS5 does (porter over unicode61), through a scratch FTS5
// table in the temp schema: the in-memory search index stems with SQLite's own tokenizer.
import type Database from 'better-sqlite3';
import type { Db } from '../store/db.ts';

/** The tokenizer the index stems with: ptg_fts's (migration 1, dropped in 12). */
export const PTG_TOKENIZE = "porter unicode61 remove_diacritics 2 tokenchars '_'";

const SINGLE_TOKEN = /^[\p{L}\p{N}_]+$/u;

export class FtsStemmer {
  private readonly insert: Database.Statement;
  private readonly read: Database.Statement;
  private readonly clear: Database.Statement;
  private readonly batch: (rows: string[]) => { doc: number; offset: number; term: string }[];

  constructor(db: Db) {
    // temp: nothing is written to the bot's database file, which may be opened read-only.
    db.exec(`
      CREATE VIRTUAL TABLE IF NOT EXISTS temp.ptg_stem USING fts5(w, tokenize = "${PTG_TOKENIZE.replace(/"/g, '""')}");
      CREATE VIRTUAL TABLE IF NOT EXISTS temp.ptg_stem_terms USING fts5vocab(temp, ptg_stem, instance);
    `);
    this.insert = db.prepare('INSERT INTO temp.ptg_stem (rowid, w) VALUES (?, ?)');
    this.read = db.prepare('SELECT doc, offset, term FROM temp.ptg_stem_terms');
    this.clear = db.prepare('DELETE FROM temp.ptg_stem');
    this.batch = db.transaction((texts: string[]) => {
      texts.forEach((w, i) => this.insert.run(i, w));
      const rows = this.read.all() as { doc: number; offset: number; term: string }[];
      this.clear.run();
      return rows;
    });
  }

  /** The index term of each word; a word that is not exactly one token keeps its own spelling. */
  stems(words: string[]): string[] {
    const out = [...words];
    // One row of space-separated words is 20x faster than a row each; words made only of token
    // characters are one token each, so their offsets line up. The rest go a row each.
    const simple: number[] = [];
    const other: number[] = [];
    words.forEach((w, i) => (SINGLE_TOKEN.test(w) ? simple : other).push(i));
    if (simple.length > 0) {
      const rows = this.batch([simple.map((i) => words[i]).join(' ')]);
      if (rows.length === simple.length) for (const { offset, term } of rows) out[simple[offset]] = term;
      else other.push(...simple);
    }
    if (other.length > 0) {
      const found = new Map<number, string | null>();
      for (const { doc, term } of this.batch(other.map((i) => words[i]))) found.set(doc, found.has(doc) ? null : term);
      other.forEach((wi, k) => (out[wi] = found.get(k) ?? words[wi]));
    }
    return out;
  }
}
