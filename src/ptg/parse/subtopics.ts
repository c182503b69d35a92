// Subtopics that plain text marks without heading syntax.
//
// Rules (applied to a topic's own lines, in order of appearance):
//  1. A short title line standing alone: blank line (or topic start) before it, blank line after it,
//     more text after that; at most 6 words, starts with a capital letter or digit, no colon, not
//     ending in . ! ? ; , and not a bullet, decision or URL. ("Intel TDX", "Arm CCA")
//  2. A numbered item at the start of a line ("1. Live-migratable flag handling ...") that opens a
//     block: blank line (or topic start) before it, the next line is not another numbered item,
//     at most 15 words and no final period. Tight numbered lists ("1. a / 2. b") are lists, not subtopics.
import { isDecisionLine } from './decisions.ts';

const NUMBERED = /^\d{1,2}[.)]\s+\S/;

export function standaloneSubtopics(lines: string[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const text = line.trim();
    if (!text || /^\s/.test(line)) continue;
    const blankBefore = i === 0 || lines[i - 1].trim() === '';
    if (!blankBefore) continue;
    const next = lines[i + 1]?.trim() ?? '';
    if (NUMBERED.test(text)) {
      if (!NUMBERED.test(next) && words(text) <= 15 && !/\.$/.test(text)) found.push(text);
      continue;
    }
    if (next === '' && hasTextAfter(lines, i + 1) && isShortTitle(text)) found.push(text);
  }
  return found;
}

function isShortTitle(text: string): boolean {
  return (
    words(text) <= 6 &&
    /^[\p{Lu}\p{N}]/u.test(text) &&
    !text.includes(':') &&
    !/[.!?;,]$/.test(text) &&
    !/^[-*+•]\s/.test(text) &&
    !/https?:\/\//.test(text) &&
    !isDecisionLine(text)
  );
}

function hasTextAfter(lines: string[], from: number): boolean {
  for (let i = from; i < lines.length; i++) if (lines[i].trim() !== '') return true;
  return false;
}

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
