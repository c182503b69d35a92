// Word splitting shared by the index vocabulary and query analysis; matches the FTS5 tokenizer
// (unicode61 with '_' as a token character), so a phrase built here matches what was indexed,
// except that a word also ends where Chinese, Japanese or Korean script starts or stops.

export function words(text: string): string[] {
  const out: string[] = [];
  eachWord(text, (w) => out.push(w));
  return out;
}

// ASCII character classes after lower-casing: 1 = part of a word (a-z, 0-9, '_'), 0 = separator.
const WORD_CHAR = new Uint8Array(128).map((_, c) => (/[a-z0-9_]/.test(String.fromCharCode(c)) ? 1 : 0));

/**
 * Calls fn with each word of text, in order, without building arrays. ASCII separators split the
 * text into runs; only runs with non-ASCII characters take the Unicode path (NFKD and property
 * classes cost several times more), which is exact because normalisation never reaches across an
 * ASCII character. The whole text is lower-cased at once: final sigma depends on its neighbours.
 */
export function eachWord(text: string, fn: (word: string) => void): void {
  const lower = text.toLowerCase();
  const n = lower.length;
  let start = -1;
  let wide = false;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? lower.charCodeAt(i) : 32;
    if (c >= 128) {
      if (start < 0) start = i;
      wide = true;
    } else if (WORD_CHAR[c] === 1) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      const run = lower.slice(start, i);
      if (wide) unicodeWords(run, fn);
      else emit(run, fn);
      start = -1;
      wide = false;
    }
  }
}

function unicodeWords(run: string, fn: (word: string) => void): void {
  // Diacritics folded like the index's remove_diacritics.
  for (const part of run
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^\p{L}\p{N}_]+/u)) {
    if (CJK.test(part)) for (const m of part.matchAll(SCRIPT_RUNS)) emit(m[0], fn);
    else emit(part, fn);
  }
}

/**
 * Chinese, Japanese and Korean are written without spaces, and English names sit right against
 * them ("Keystone提出了global roles的概念"): a word ends where the script changes, so "global"
 * and "keystone" are words of that text as they are of an English one.
 */
const CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u;
const SCRIPT_RUNS = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]+|[^\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]+/gu;

function emit(raw: string, fn: (word: string) => void): void {
  const w = raw.includes('_') ? raw.replace(/^_+|(?<!_)_+$/g, '') /* lookbehind: a trailing run is tried once */ : raw;
  if (w.length > 0) fn(w);
}

/** Text as the FTS5 index should see it: "_emphasis_" underscores around words dropped. */
export function indexable(text: string): string {
  // Most texts have no '_': skip the Unicode regex scan (and a copy of the text).
  if (!text.includes('_')) return text;
  return text.replace(/(?<![\p{L}\p{N}_])_+|(?<!_)_+(?![\p{L}\p{N}_])/gu, ' '); // (?<!_): a run is tried once, not from each '_'
}

// Rows of the distance table, reused: allocating three arrays per call was most of its cost.
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];
const counts = new Int32Array(128);

/** Damerau-Levenshtein (optimal string alignment) distance, stopping early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (bagDistance(a, b) > 2 * max) return max + 1;
  if (rows[0].length <= b.length) rows = rows.map(() => new Int32Array(b.length * 2 + 1));
  let [prev2, prev, cur] = rows;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[b.length], max + 1);
}

/**
 * Characters in one word and not the other (ASCII only; 0 otherwise). Each edit changes this by
 * at most 2, so it bounds the distance from below for a fraction of the table's cost.
 */
function bagDistance(a: string, b: string): number {
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    if (c > 127) return (reset(a, i), 0);
    counts[c]++;
  }
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    if (c > 127) return (reset(a, a.length), reset(b, i), 0);
    counts[c]--;
  }
  for (let i = 0; i < a.length; i++) ((diff += Math.abs(counts[a.charCodeAt(i)])), (counts[a.charCodeAt(i)] = 0));
  for (let i = 0; i < b.length; i++) ((diff += Math.abs(counts[b.charCodeAt(i)])), (counts[b.charCodeAt(i)] = 0));
  return diff;
}

function reset(s: string, upTo: number): void {
  for (let i = 0; i < upTo; i++) counts[s.charCodeAt(i)] = 0;
}
