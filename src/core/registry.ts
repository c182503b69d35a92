// Collects command specs and their sub-commands; a duplicate name or alias is a programming
// error, caught at start. Finds the longest match of the words a user typed.
import type { CommandSpec, SubcommandSpec } from './types.ts';

/** What a command text names: the command, the sub-command when one matched, and the words used. */
export interface Match {
  spec: CommandSpec;
  sub?: SubcommandSpec;
  /** Words of the text taken by the command and sub-command names. */
  words: number;
}

const wordsOf = (name: string) => name.toLowerCase().split(' ').filter(Boolean);

export class Registry {
  private readonly byName = new Map<string, CommandSpec>();
  private readonly specs: CommandSpec[] = [];
  /** Per command: "confirm" / "dup" / "remove" → sub-command, keyed by its lower-case words. */
  private readonly subs = new Map<CommandSpec, Map<string, SubcommandSpec>>();
  private longestSub = 0;

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
    const subs = new Map<string, SubcommandSpec>();
    for (const sub of spec.subcommands ?? []) {
      for (const name of [sub.name, ...(sub.aliases ?? [])]) {
        const key = wordsOf(name).join(' ');
        const clash = subs.get(key);
        if (!key || clash) throw new Error(`sub-command word "${name}" of ${spec.name} ${key ? `is already used by ${spec.name} ${clash!.name}` : 'is empty'}`);
        subs.set(key, sub);
        this.longestSub = Math.max(this.longestSub, wordsOf(name).length);
      }
    }
    this.subs.set(spec, subs);
    this.specs.push(spec);
  }

  /** The command named by the first word and the longest sub-command the next words name. */
  match(words: readonly string[]): Match | undefined {
    const spec = words[0] === undefined ? undefined : this.find(words[0]);
    if (!spec) return undefined;
    const subs = this.subs.get(spec)!;
    for (let n = Math.min(this.longestSub, words.length - 1); n >= 1; n--) {
      const sub = subs.get(
        words
          .slice(1, 1 + n)
          .join(' ')
          .toLowerCase(),
      );
      if (sub) return { spec, sub, words: 1 + n };
    }
    return { spec, words: 1 };
  }

  /** Most words a command text can match: the command's name and the longest sub-command's. */
  maxWords(): number {
    return 1 + this.longestSub;
  }

  /** A sub-command of spec by name or alias ("confirm", "duplicate"). */
  subcommand(spec: CommandSpec, name: string): SubcommandSpec | undefined {
    return this.subs.get(spec)?.get(wordsOf(name).join(' '));
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
