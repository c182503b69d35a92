// The layout rules eslint cannot say: a purpose line atop each file, no cycles even through
// types, none between folders.
// Import directions, process.env, where matrix-bot-sdk loads, file sizes and runtime cycles
// are lint rules (eslint.config.js).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.ts';

function sources(dir: string, ext = /\.ts$/): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => ext.test(f) && !f.split(path.sep).includes('fixtures'))
    .map((f) => path.join(dir, f));
}

// Every relative specifier in `from '…'`, `import '…'` and `import('…')`, type-only ones included.
const SPECIFIER = /(?:\bfrom|\bimport)\s*\(?\s*'(\.[^'\n]*)'/g;

/** The files `file` imports, resolved against the repository. */
export function localImports(file: string, text = fs.readFileSync(path.join(ROOT, file), 'utf8')): string[] {
  return [...text.matchAll(SPECIFIER)].map((m) => path.normalize(path.join(path.dirname(file), m[1])));
}

/** One cycle per strongly connected component of more than one file (or a self-import). */
export function cycles(graph: Map<string, string[]>): string[][] {
  // Tarjan's algorithm: linear in files + imports, so it stays quick as the tree grows.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      scc.push(w);
    } while (w !== v);
    if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('architecture', () => {
  it('has no import cycles, type-only imports included', () => {
    // import-x/no-cycle skips `import type`; a cycle through types still ties two folders together.
    const files = ['src', 'commands', 'scripts', 'tests/helpers'].flatMap((d) => sources(d));
    const graph = new Map(files.map((f) => [f, localImports(f)]));
    expect(files.length).toBeGreaterThan(50);
    expect(cycles(graph)).toEqual([]);
  });

  it('has no import cycle between folders (store, features, transports, commands, config)', () => {
    // A node is a folder under src/ (src/transports/<name> each), a top-level file, or commands/.
    const node = (f: string) => {
      const p = f.split(/[\\/]/);
      if (p[0] === 'commands') return 'commands';
      return p.length > 2 ? p.slice(0, p[1] === 'transports' && p.length > 3 ? 3 : 2).join('/') : f;
    };
    const edges = new Map<string, string[]>();
    for (const f of [...sources('src'), ...sources('commands')]) {
      for (const target of localImports(f)) {
        const [a, b] = [node(f), node(target)];
        if (a !== b) edges.set(a, [...(edges.get(a) ?? []), b]);
      }
    }
    for (const n of new Set([...edges.values()].flat())) if (!edges.has(n)) edges.set(n, []);
    expect(edges.get('src/config.ts')?.length ?? 0).toBeGreaterThan(0);
    expect(cycles(edges)).toEqual([]);
  });

  it('finds a cycle through a type-only import', () => {
    const a = localImports('src/a.ts', "import type { B } from './b.ts';\nimport './c.ts';");
    const b = localImports('src/b.ts', "export { x } from\n  './a.ts';");
    expect(a).toEqual([path.normalize('src/b.ts'), path.normalize('src/c.ts')]);
    expect(
      cycles(
        new Map([
          ['src/a.ts', a],
          [path.normalize('src/b.ts'), b],
          ['src/c.ts', []],
        ]),
      ),
    ).toHaveLength(1);
  });

  it('opens each source file with a purpose line', () => {
    const files = ['src', 'commands', 'scripts', 'bin', 'tests/helpers'].flatMap((d) => sources(d, /\.(ts|js|mjs)$/));
    const bare = files.filter((f) => {
      const first = fs
        .readFileSync(path.join(ROOT, f), 'utf8')
        .replace(/^#!.*\n/, '')
        .split('\n', 1)[0];
      return !/^(\/\/|\/\*)\s*\S/.test(first);
    });
    expect(files.length).toBeGreaterThan(50);
    expect(bare).toEqual([]);
  });
});
