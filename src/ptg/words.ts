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

/** Damerau-Levenshtein (optimal string alignment) distance, stopping early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    for (let j = 0; j <= b.length; j++) prev2[j] = prev[j];
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}
