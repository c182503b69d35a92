// Word splitting shared by the index vocabulary and query analysis; matches the FTS5 tokenizer
// (unicode61 with '_' as a token character), so a phrase built here matches what was indexed.

export function words(text: string): string[] {
  const lower = text.toLowerCase();
  // ASCII text (most summaries) takes a plain regex; Unicode property classes cost 3-4x more.
  const ascii = !/[^\x00-\x7f]/.test(lower);
  // Diacritics folded like the index's remove_diacritics.
  const folded = ascii ? lower : lower.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const out: string[] = [];
  for (const raw of folded.split(ascii ? /[^a-z0-9_]+/ : /[^\p{L}\p{N}_]+/u)) {
    const w = raw.includes('_') ? raw.replace(/^_+|_+$/g, '') : raw;
    if (w.length > 0) out.push(w);
  }
  return out;
}

/** Text as the FTS5 index should see it: "_emphasis_" underscores around words dropped. */
export function indexable(text: string): string {
  return text.replace(/(?<![\p{L}\p{N}_])_+|_+(?![\p{L}\p{N}_])/gu, ' ');
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
    if (c > 127) return reset(a, i), 0;
    counts[c]++;
  }
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    if (c > 127) return reset(a, a.length), reset(b, i), 0;
    counts[c]--;
  }
  for (let i = 0; i < a.length; i++) (diff += Math.abs(counts[a.charCodeAt(i)])), (counts[a.charCodeAt(i)] = 0);
  for (let i = 0; i < b.length; i++) (diff += Math.abs(counts[b.charCodeAt(i)])), (counts[b.charCodeAt(i)] = 0);
  return diff;
}

function reset(s: string, upTo: number): void {
  for (let i = 0; i < upTo; i++) counts[s.charCodeAt(i)] = 0;
}
