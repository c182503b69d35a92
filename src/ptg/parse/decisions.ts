// Decisions and action items: lines that start with a marker ("✅", "AGREED:", "AI(nick):", "#action" ...).
//
// Continuation rule: a decision goes on over the lines directly below it (no blank line between)
// that are list items ("- ", "* ", "• ", "+ ", "1. ") or indented text, as long as they are more
// indented than the decision when the decision is itself a list item (siblings are separate points),
// and over a plain line below a line of 60-80 characters that ends no sentence (a mail wrapped there).
// Those lines, markers stripped, are appended with single spaces:
//   "✅ Split the work into two steps:" + "- Fix existing bug (can be backported)." + "- Incrementally ..."
//   → "Split the work into two steps: Fix existing bug (can be backported). Incrementally ..."
// A decision ending with ':' promises more: when no list follows, the plain lines directly below
// it (up to a blank line or the next decision) are appended instead.
// A marker with no text ("Decisions:", "AGREED:") introduces a list, each item directly below it
// being a decision of its own, or else a paragraph, which is one decision. Its list may come after
// a blank line ("Action Items:", blank, "* …"); a paragraph may not.

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
// Marker words, each optionally in emphasis ("*Agreement*:", "**AI**:") and with owners in
// parentheses ("AI(gibi):"). Every quantifier is bounded or separated by a literal, so no input
// backtracks; lines are capped at MAX_MARKER_LINE before the regex.
const MARKER =
  /^(?:(✅)\uFE0F?[ \t]*|#(agreed|action|agree|decided)\b:?[ \t]*|[*_]{0,2}(agreed|agreements?|decisions?|decided|conclusions?|outcomes?|resolutions?|actions?|action items?|next steps|ar|ai)[*_]{0,2}(?:[ \t]{0,3}\(([^()\n]{0,80})\))?[*_]{0,2}[ \t]{0,3}:[*_]{0,2}[ \t]*|(AGREED|DECIDED|DECISION|ACTION)\b[ \t]{0,3}[-–—]?[ \t]*)/i;
/** A list heading on its own line: "Action items", "Decisions", "Agreements" (each item below is one). */
const LIST_MARKER = /^[*_]{0,2}(agreed|agreements|decisions|conclusions|outcomes|actions|action items|next steps)[*_]{0,2}[ \t]*$/i;
const MAX_MARKER_LINE = 2000;
// What a marker can start with (its /i is not /u: no other character folds to these), to skip the regex.
const MARKER_START = new Set([...'✅#aAdDcCoOrRnN*_']);
const ITEM_START = new Set([...'-*+•']);
/** "-Action item: …": a bullet typed without its space. */
const TIGHT_BULLET = /^[-•]\p{L}/u;
const ACTION_WORDS = /^(action|actions|action items?|ar|ai|next steps)$/;

interface Marked {
  rest: string;
  kind: Decision['kind'];
  meetbot: boolean;
  markerOwners: string[];
}

// The first two letters of every marker word, lower case: most lines are ruled out by these.
const PREFIXES = new Set(['ag', 'de', 'co', 'ou', 're', 'ac', 'ar', 'ai', 'ne']);

function mayBeMarker(body: string): boolean {
  let i = 0;
  while (i < 2 && (body[i] === '*' || body[i] === '_')) i++;
  const c = body[i];
  if (c === '✅' || c === '#') return true;
  return PREFIXES.has(body.slice(i, i + 2).toLowerCase());
}

function matchMarker(line: string): Marked | undefined {
  let start = 0;
  while (start < line.length && (line[start] === ' ' || line[start] === '\t')) start++;
  if (ITEM_START.has(line[start]) && (line[start + 1] === ' ' || line[start + 1] === '\t')) {
    start++;
    while (start < line.length && (line[start] === ' ' || line[start] === '\t')) start++;
  } else if (TIGHT_BULLET.test(line.slice(start, start + 3))) {
    start++;
  }
  if (!MARKER_START.has(line[start]) || !mayBeMarker(line.slice(start, start + 4))) return undefined;
  const body = line.slice(start, start + MAX_MARKER_LINE).trim();
  const list = LIST_MARKER.exec(body);
  if (list) return { rest: '', kind: ACTION_WORDS.test(list[1].toLowerCase()) ? 'action' : 'agreed', meetbot: false, markerOwners: [] };
  const m = MARKER.exec(body);
  if (!m) return undefined;
  // The bare upper-case form ("AGREED we keep…") must really be upper case; "Agreed that…" is prose.
  if (m[5] && m[5] !== m[5].toUpperCase()) return undefined;
  const word = (m[2] ?? m[3] ?? m[5] ?? '').toLowerCase();
  const kind = ACTION_WORDS.test(word) || word === 'action' ? 'action' : 'agreed';
  const markerOwners = (m[4] ?? '')
    .split(/\s*(?:,|&|\/|\band\b)\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
  return { rest: body.slice(m[0].length).trim(), kind, meetbot: m[2] !== undefined && kind === 'action', markerOwners };
}

export function isDecisionLine(line: string): boolean {
  return matchMarker(line) !== undefined;
}

/** A marker with nothing after it: "Action items", "Decisions:", "AI(gibi):" (a list follows). */
export function bareMarker(line: string): boolean {
  return matchMarker(line)?.rest === '';
}

export function extractDecisions(lines: string[]): Decision[] {
  const out: Decision[] = [];
  for (let i = 0; i < lines.length; i++) {
    const marked = matchMarker(lines[i]);
    if (!marked) continue;
    let { items, end } = followingItems(lines, i);
    // "Action Items:" / "Actions" over a blank line and then a list: the list is still its items.
    if (!items.length && marked.rest === '') ({ items, end } = listAfterBlank(lines, i));
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
  const baseIsItem = BULLET.test(lines[start].trim()) || TIGHT_BULLET.test(lines[start].trim());
  const items: string[][] = [];
  let itemIndent = -1;
  let end = start;
  for (let j = start + 1; j < lines.length; j++) {
    const line = lines[j];
    const text = line.trim();
    if (!text || isDecisionLine(line)) break;
    const isItem = BULLET.test(text);
    const deeper = indent(line) > base;
    const wrapped = !isItem && wrappedAbove(lines[j - 1]);
    if (!(deeper || (isItem && !baseIsItem) || wrapped)) break;
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

/**
 * A mail's wrapped line: as long as mail programs wrap at (60-80 characters), and ending no
 * sentence, so the line below goes on with it. Longer lines were not wrapped: the text keeps one
 * statement a line.
 */
const WRAP_MIN = 60;
const WRAP_MAX = 80;
function wrappedAbove(line: string): boolean {
  const t = line.trim();
  return t.length >= WRAP_MIN && t.length <= WRAP_MAX && !/[.!?:;]["'’”)\]]?$/.test(t);
}

/** The list below a blank line after the bare marker at `start`, read as if the blank were not there. */
function listAfterBlank(lines: string[], start: number): { items: string[][]; end: number } {
  let j = start + 1;
  while (j < lines.length && !lines[j].trim()) j++;
  if (j === start + 1 || j >= lines.length || !BULLET.test(lines[j].trim())) return { items: [], end: start };
  const { items, end } = followingItems([lines[start], ...lines.slice(j)], 0);
  return { items, end: items.length ? end - 1 + j : start };
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
