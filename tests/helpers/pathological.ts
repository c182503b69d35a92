// Adversarial inputs for regex-backed code: long runs of the characters a pattern quantifies, in
// the shapes that make backtracking engines explode, and a CPU-time meter to judge them by.

/**
 * Families of hostile strings built from `pieces` (what the regexes under test repeat): each
 * piece repeated, each pair alternated, each wrapped in the prefixes that reach the vulnerable
 * part and the suffixes that make the match fail at the very end. About `length` characters each.
 */
export function families(opts: { pieces: string[]; prefixes?: string[]; suffixes?: string[]; length?: number }): string[] {
  const length = opts.length ?? 20_000;
  const prefixes = ['', ...(opts.prefixes ?? [])];
  const suffixes = ['', '\u0000', ' x', '\n', ...(opts.suffixes ?? [])];
  const run = (unit: string) => unit.repeat(Math.max(1, Math.ceil(length / unit.length)));
  const out = new Set<string>();
  // Each piece repeated, in every wrapping; each pair alternated, bare and with a failing end.
  for (const p of opts.pieces) for (const pre of prefixes) for (const suf of suffixes) out.add(pre + run(p) + suf);
  for (const p of opts.pieces) for (const q of opts.pieces) if (p !== q) for (const suf of ['', '\u0000']) out.add(run(p + q) + suf);
  return [...out];
}

/** CPU milliseconds `fn` takes: unlike wall time, not inflated by other processes on the machine. */
export function cpuMs(fn: () => unknown): number {
  const start = process.cpuUsage();
  fn();
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

/**
 * The slowest of the inputs, with its time: [ms, a readable excerpt of the input]. An input whose
 * first run takes over `recheckMs` is run twice more and judged by its fastest run: a backtracking
 * regex is slow every time, while a garbage collection or a JIT compile on a loaded machine is not
 * (CI once saw 118 ms for an HTML input that takes 24 ms on a quiet one).
 */
export function slowest(inputs: string[], fn: (s: string) => unknown, recheckMs = 40): [number, string] {
  let worst: [number, string] = [0, ''];
  for (const s of inputs) {
    let ms = cpuMs(() => fn(s));
    for (let i = 0; i < 2 && ms > recheckMs; i++)
      ms = Math.min(
        ms,
        cpuMs(() => fn(s)),
      );
    if (ms > worst[0]) worst = [ms, JSON.stringify(s.slice(0, 40)) + `… (${s.length} chars)`];
  }
  return worst;
}
