// Decisions and action items: lines that start with a marker ("✅", "AGREED:", "AI(nick):", "#action" ...).
//
// Continuation rule: a decision goes on over the lines directly below it (no blank line between)
// that are list items ("- ", "* ", "• ", "+ ", "1. ") or indented text, as long as they are more
// indented than the decision when the decision is itself a list item (siblings are separate points).
// Those lines, markers stripped, are appended with single spaces:
//   "✅ Split the work into two steps:" + "- Fix existing bug (can be backported)." + "- Incrementally ..."
//   → "Split the work into two steps: Fix existing bug (can be backported). Incrementally ..."
// A decision ending with ':' promises more: when no list follows, the plain lines directly below
// it (up to a blank line or the next decision) are appended instead.
// A marker with no text ("Decisions:", "AGREED:") introduces a list, each item directly below it
// being a decision of its own, or else a paragraph, which is one decision.

export interface Decision {
  text: string;
  /** "action" markers (AI, AR, Action, #action) put the owner first; "agreed" ones do not. */
  kind: 'agreed' | 'action';
  /** Meetbot's "#action nick text": the first word is the owner by convention. */
  meetbot: boolean;
  /** Nicks named inside the marker: "AI(gibi):" → ["gibi"]. */
  markerOwners: string[];
}

const BULLET = /^[-*+•]\s+|^\d{1,2}[.)]\s+/;
const MARKER = /^(?:(✅)\uFE0F?\s*|#(agreed|action)\b:?\s*|(agreed|decisions?|actions?|action items?|ar|ai)\s*(?:\(([^)]*)\))?\s*:\s*)/i;
// What a marker can start with (its /i is not /u: no other character folds to these), to skip the regex.
const MARKER_START = new Set([...'✅#aAdD']);
const ITEM_START = new Set([...'-*+•']);

interface Marked {
  rest: string;
  kind: Decision['kind'];
  meetbot: boolean;
  markerOwners: string[];
}

function matchMarker(line: string): Marked | undefined {
  let body = line.trim();
  if (ITEM_START.has(body[0])) body = body.replace(/^[-*+•]\s+/, '');
  if (!MARKER_START.has(body[0])) return undefined;
  const m = MARKER.exec(body);
  if (!m) return undefined;
  const word = (m[2] ?? m[3] ?? '').toLowerCase();
  const kind = /^(action|actions|action items?|ar|ai)$/.test(word) ? 'action' : 'agreed';
  const markerOwners = (m[4] ?? '').split(/\s*(?:,|&|\/|\band\b)\s*/).map((s) => s.trim()).filter(Boolean);
  return { rest: body.slice(m[0].length).trim(), kind, meetbot: m[2] !== undefined && kind === 'action', markerOwners };
}

export function isDecisionLine(line: string): boolean {
  return matchMarker(line) !== undefined;
}

export function extractDecisions(lines: string[]): Decision[] {
  const out: Decision[] = [];
  for (let i = 0; i < lines.length; i++) {
    const marked = matchMarker(lines[i]);
    if (!marked) continue;
    let { items, end } = followingItems(lines, i);
    const listed = items.length > 0;
    if (!listed && (marked.rest === '' || marked.rest.endsWith(':'))) ({ items, end } = followingParagraph(lines, i));
    const { kind, meetbot, markerOwners } = marked;
    if (marked.rest === '' && listed) {
      for (const item of items) out.push({ text: item.join(' '), kind, meetbot, markerOwners });
    } else {
      const text = clean([marked.rest, ...items.flat()].join(' '));
      if (text) out.push({ text, kind, meetbot, markerOwners });
    }
    i = end;
  }
  return out;
}

/** Items continuing the decision at `start`: each top item with its own nested lines. */
function followingItems(lines: string[], start: number): { items: string[][]; end: number } {
  const base = indent(lines[start]);
  const baseIsItem = BULLET.test(lines[start].trim());
  const items: string[][] = [];
  let itemIndent = -1;
  let end = start;
  for (let j = start + 1; j < lines.length; j++) {
    const line = lines[j];
    const text = line.trim();
    if (!text || isDecisionLine(line)) break;
    const isItem = BULLET.test(text);
    const deeper = indent(line) > base;
    if (!(deeper || (isItem && !baseIsItem))) break;
    const stripped = clean(text.replace(BULLET, ''));
    // A new item starts at the first item's indentation; deeper lines belong to the current one.
    if (isItem && (itemIndent < 0 || indent(line) <= itemIndent)) {
      itemIndent = indent(line);
      items.push([stripped]);
    } else if (items.length) items[items.length - 1].push(stripped);
    else items.push([stripped]);
    end = j;
  }
  return { items: items.map((parts) => [clean(parts.join(' '))]), end };
}

function followingParagraph(lines: string[], start: number): { items: string[][]; end: number } {
  const items: string[][] = [];
  let end = start;
  for (let j = start + 1; j < lines.length && lines[j].trim() && !isDecisionLine(lines[j]); j++) {
    items.push([clean(lines[j])]);
    end = j;
  }
  return { items, end };
}

function indent(line: string): number {
  return /^\s*/.exec(line)![0].replace(/\t/g, '    ').length;
}

// Whitespace that clean() would change; most lines have none, and skipping the copy saves time.
const UNCLEAN = /\s\s|[^\S ]|^\s|\s$/;

function clean(s: string): string {
  return UNCLEAN.test(s) ? s.replace(/\s+/g, ' ').trim() : s;
}
