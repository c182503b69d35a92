// Remembers the unread pages of a long answer per asker, for "more". Bounded and expiring.
import type { RichLine } from '../core/types.ts';

interface Entry {
  pages: RichLine[][];
  /** Builds the pages on the first "more" (pages is empty until then). */
  build?: () => RichLine[][];
  next: number;
  at: number;
}

export class Pager {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries = 500,
    private readonly ttlMs = 30 * 60 * 1000,
  ) {}

  /** Stores pages after the first (already shown) and returns how many remain. */
  save(key: string, pages: RichLine[][], nowMs: number): number {
    this.entries.delete(key);
    if (pages.length <= 1) return 0;
    this.remember(key, { pages, next: 1, at: nowMs });
    return pages.length - 1;
  }

  /** Stores the pages after the one shown as a builder, run on the first "more" (if any). */
  saveLater(key: string, build: () => RichLine[][], nowMs: number): void {
    this.entries.delete(key);
    this.remember(key, { pages: [], build, next: 0, at: nowMs });
  }

  private remember(key: string, entry: Entry): void {
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** The next page, or null when nothing is left (or it expired). */
  next(key: string, nowMs: number): { page: RichLine[]; remaining: number } | null {
    const e = this.entries.get(key);
    if (!e || nowMs - e.at > this.ttlMs) {
      this.entries.delete(key);
      return null;
    }
    if (e.build) {
      e.pages = e.build();
      e.build = undefined;
    }
    if (e.next >= e.pages.length) {
      this.entries.delete(key);
      return null;
    }
    const page = e.pages[e.next++];
    e.at = nowMs;
    const remaining = e.pages.length - e.next;
    if (remaining <= 0) this.entries.delete(key);
    return { page, remaining };
  }
}
