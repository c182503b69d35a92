// Collects command specs; a duplicate name or alias is a programming error, caught at start.
import type { CommandSpec } from './types.ts';

export class Registry {
  private readonly byName = new Map<string, CommandSpec>();
  private readonly specs: CommandSpec[] = [];

  constructor(specs: CommandSpec[] = []) {
    for (const spec of specs) this.add(spec);
  }

  add(spec: CommandSpec): void {
    for (const word of [spec.name, ...(spec.aliases ?? [])]) {
      const key = word.toLowerCase();
      const clash = this.byName.get(key);
      if (clash) throw new Error(`command word "${word}" of ${spec.name} is already used by ${clash.name}`);
      this.byName.set(key, spec);
    }
    this.specs.push(spec);
  }

  find(word: string): CommandSpec | undefined {
    return this.byName.get(word.toLowerCase());
  }

  all(): readonly CommandSpec[] {
    return this.specs;
  }

  /** The closest command word within edit distance 2, for "did you mean". */
  suggest(word: string): string | undefined {
    let best: { name: string; d: number } | undefined;
    for (const name of this.byName.keys()) {
      const d = levenshtein(word.toLowerCase(), name);
      if (d <= 2 && (!best || d < best.d)) best = { name, d };
    }
    return best?.name;
  }
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
