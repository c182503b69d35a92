// What the index knows: its words with topic counts (for typo correction) and the acronyms its
// texts define ("One-Time-Use (OTU)"). Computed per document at import, assembled at search.
import { BUILTIN_ACRONYMS, STOP_WORDS } from './lexicon.ts';
import { eachWord, editDistance } from './words.ts';
import type { Topic } from './types.ts';

export interface Vocabulary {
  /** word → number of topics containing it */
  df: Map<string, number>;
  /** words bucketed by length, for fast candidate scans */
  byLength: Map<number, string[]>;
  /** words of letters bucketed by their first DERIVED_PREFIX letters: the other forms of a word (query.ts) */
  byPrefix: Map<string, string[]>;
  /** acronym (lower case) → expansions (lower-case phrases) */
  acronyms: Map<string, Set<string>>;
  /** expansion → the first acronym that has it: a lookup per typed phrase, not a scan of all acronyms */
  abbreviations: Map<string, string>;
  topicCount: number;
}

/** What one document contributes: word → topics containing it, and the acronyms it defines. */
export interface DocumentVocabulary {
  df: Map<string, number>;
  acronyms: [string, string][];
}

/** The texts of a topic that feed its vocabulary. */
export type TopicTexts = Pick<Topic, 'title' | 'subtopics' | 'decisions' | 'owners' | 'body'>;

export function documentVocabulary(topics: TopicTexts[]): DocumentVocabulary {
  // word → [topics containing it, last topic that counted it]: no Set per topic.
  const seen = new Map<string, [number, number]>();
  const acronyms = new Map<string, [string, string]>();
  let i = 0;
  const count = (w: string) => {
    const e = seen.get(w);
    if (!e) seen.set(w, [1, i]);
    else if (e[1] !== i) (e[0]++, (e[1] = i));
  };
  for (; i < topics.length; i++) {
    const t = topics[i];
    const parts = [t.title, ...t.subtopics, ...t.decisions, ...t.owners];
    eachWord(t.body, count);
    // Decisions, subtopics and owners are mostly copies of body text: their words are counted already.
    for (const part of parts) if (!inBody(t.body, part)) eachWord(part, count);
    // "(ABBR)" never spans texts: join them (the long form may) only for the few topics that have one.
    if (!HAS_ABBR.test(t.body) && !parts.some((p) => HAS_ABBR.test(p))) continue;
    for (const pair of learnAcronyms([...parts, t.body].join('\n'))) acronyms.set(pair.join('\u0000'), pair);
  }
  const df = new Map<string, number>();
  for (const [w, [n]] of seen) df.set(w, n);
  return { df, acronyms: [...acronyms.values()] };
}

/**
 * True when part occurs in body between ASCII whitespace (or the ends), so it splits into exactly
 * the words body has there: runs stop at whitespace, and lower-casing (final sigma) never looks across it.
 */
function inBody(body: string, part: string): boolean {
  if (part === '') return true;
  // A few tries: a short name may first occur inside a longer word.
  for (let at = body.indexOf(part), tries = 0; at >= 0 && tries < 8; at = body.indexOf(part, at + 1), tries++) {
    if (spaceAt(body, at - 1) && spaceAt(body, at + part.length)) return true;
  }
  return false;
}

function spaceAt(text: string, at: number): boolean {
  if (at < 0 || at >= text.length) return true;
  const c = text.charCodeAt(at);
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** The searchable vocabulary from stored (term, df) and (abbr, expansion) rows plus the built-ins. */
export function assembleVocabulary(
  terms: Iterable<{ term: string; df: number }>,
  acronymRows: Iterable<{ abbr: string; expansion: string }>,
  topicCount: number,
): Vocabulary {
  const df = new Map<string, number>();
  for (const { term, df: n } of terms) df.set(term, (df.get(term) ?? 0) + n);
  const acronyms = new Map<string, Set<string>>();
  for (const [k, v] of Object.entries(BUILTIN_ACRONYMS)) acronyms.set(k, new Set(v));
  for (const { abbr, expansion } of acronymRows) {
    const set = acronyms.get(abbr) ?? new Set<string>();
    set.add(expansion);
    acronyms.set(abbr, set);
  }
  const byLength = new Map<number, string[]>();
  for (const w of df.keys()) {
    const list = byLength.get(w.length) ?? [];
    list.push(w);
    byLength.set(w.length, list);
  }
  const byPrefix = new Map<string, string[]>();
  for (const w of df.keys()) {
    if (w.length < DERIVED_PREFIX || !/^\p{L}+$/u.test(w)) continue;
    const key = w.slice(0, DERIVED_PREFIX);
    const list = byPrefix.get(key);
    if (list) list.push(w);
    else byPrefix.set(key, [w]);
  }
  const abbreviations = new Map<string, string>();
  for (const [abbr, longs] of acronyms) for (const long of longs) if (!abbreviations.has(long)) abbreviations.set(long, abbr);
  return { df, byLength, byPrefix, acronyms, abbreviations, topicCount };
}

/** Shortest stem whose other forms are looked for ("contribut" / "contributor"; "oper" is too short to tell). */
export const DERIVED_PREFIX = 6;

const ABBR_IN_PARENS = /\(([\p{Lu}][\p{L}\p{N}]{1,7})\)/gu;
const HAS_ABBR = new RegExp(ABBR_IN_PARENS.source, 'u');
const SKIPPABLE = new Set(['of', 'and', 'for', 'the', 'a', 'to', 'in', 'on']);

/** "Long Form (ABBR)" pairs whose initials spell the abbreviation. */
export function learnAcronyms(text: string): [string, string][] {
  const out: [string, string][] = [];
  // Scan only around "(ABBR)": a regex over the words before every position is quadratic.
  for (const m of text.matchAll(ABBR_IN_PARENS)) {
    const abbr = m[1];
    const letters = abbr.replace(/[^\p{Lu}]/gu, '').toLowerCase();
    if (letters.length < 2) continue;
    const lead = trailingWords(text.slice(Math.max(0, m.index - 120), m.index));
    if (lead === null) continue;
    const before = lead.trim().split(/[\s-]+/);
    const long = matchInitials(before, letters);
    if (long) out.push([abbr.toLowerCase(), long.join(' ').toLowerCase()]);
  }
  return out;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const SEP_CHAR = /[\s-]/u;

/**
 * The last one to eight "word + separators" groups of `t`, as /((?:[\p{L}\p{N}]+[\s-]+){1,8})$/u
 * matched them, by one walk back from the end: that regex retried the words from every letter
 * (quadratic, and cubic with the group bound). Null when `t` does not end in a separator after a word.
 */
function trailingWords(t: string): string | null {
  const cs = Array.from(t);
  let start = -1;
  for (let groups = 0, i = cs.length; groups < 8; groups++) {
    let j = i;
    while (j > 0 && SEP_CHAR.test(cs[j - 1])) j--;
    let k = j;
    while (k > 0 && WORD_CHAR.test(cs[k - 1])) k--;
    if (j === i || k === j) break;
    start = i = k;
  }
  return start < 0 ? null : cs.slice(start).join('');
}

// Walks back from the parenthesis: each abbreviation letter must start a word, stop words may be skipped.
function matchInitials(before: string[], letters: string): string[] | null {
  let li = letters.length - 1;
  let wi = before.length - 1;
  while (li >= 0 && wi >= 0) {
    const w = before[wi].toLowerCase();
    if (w[0] === letters[li]) li--;
    else if (!SKIPPABLE.has(w)) return null;
    wi--;
  }
  return li < 0 ? before.slice(wi + 1) : null;
}

/** Allowed edits for a typo of this length: short words must be exact. */
export function maxTypoDistance(len: number): number {
  if (len < 4) return 0;
  return len < 8 ? 1 : 2;
}

/** Words shorter than this are corrected only for two swapped letters ("vtmp"): "rust" is not a typo of "rest". */
const SWAP_ONLY_BELOW = 5;

/** Same letters, two neighbours swapped. */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/**
 * Closest known words to a word the index lacks; best first, most frequent on ties. People rarely
 * mistype a word's first letter, so a correction keeps it (or swaps the first two): "replication"
 * is not a typo of "application".
 */
export function corrections(vocab: Vocabulary, word: string, limit = 2): { word: string; distance: number }[] {
  const max = maxTypoDistance(word.length);
  if (max === 0 || STOP_WORDS.has(word)) return [];
  const found: { word: string; distance: number; df: number }[] = [];
  for (let len = word.length - max; len <= word.length + max; len++) {
    for (const cand of vocab.byLength.get(len) ?? []) {
      if (STOP_WORDS.has(cand) || /^\d+$/.test(cand)) continue;
      if (cand[0] !== word[0] && !(cand[0] === word[1] && cand[1] === word[0])) continue;
      if (word.length < SWAP_ONLY_BELOW && !swapped(word, cand)) continue;
      const d = editDistance(word, cand, max);
      if (d <= max) found.push({ word: cand, distance: d, df: vocab.df.get(cand) ?? 0 });
    }
  }
  found.sort((a, b) => a.distance - b.distance || b.df - a.df);
  const best = found[0]?.distance;
  return found
    .filter((f) => f.distance === best)
    .slice(0, limit)
    .map(({ word: w, distance }) => ({ word: w, distance }));
}
