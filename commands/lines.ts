// Packing short items into chat lines: "head: a · b · c", each line at most LINE_CHARS characters
// (an IRC line's text budget with room for the server's prefix).
import type { RichLine } from '../src/core/types.ts';

export const LINE_CHARS = 380;

/** Joins items with " · " into lines of at most LINE_CHARS characters. */
export function packLines(head: string, items: string[]): RichLine[] {
  const lines: RichLine[] = [];
  let current = head;
  for (const item of items) {
    const sep = current === head ? '' : ' · ';
    if (current.length + sep.length + item.length > LINE_CHARS && current !== head) {
      lines.push([current]);
      current = item;
    } else current += sep + item;
  }
  lines.push([current]);
  return lines;
}
