// The layout's rules, checked: strict types, import directions, env access in one place.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.ts';

function sources(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));
}
const imports = (file: string) => [...fs.readFileSync(path.join(ROOT, file), 'utf8').matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);

describe('architecture', () => {
  it('type-checks under strict TypeScript', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', ROOT], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);

  it('keeps chat platforms out of core, commands and domains', () => {
    const bad: string[] = [];
    for (const dir of ['src/core', 'commands', 'src/ptg', 'src/store', 'src/triage', 'src/schedule', 'src/meetings', 'src/render']) {
      for (const f of sources(dir)) {
        for (const i of imports(f)) if (/irc-framework|matrix-bot-sdk|transports\//.test(i)) bad.push(`${f} imports ${i}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('keeps commands and domains out of transports', () => {
    const bad = sources('src/transports').flatMap((f) => imports(f).filter((i) => /commands\/|\/(ptg|triage|schedule)\//.test(i)).map((i) => `${f} imports ${i}`));
    expect(bad).toEqual([]);
  });

  it('keeps src/store a leaf: it imports only itself and packages', () => {
    // Each feature owns its tables (src/ptg/repo.ts, …); the store is the database, the
    // key-value state and the migrations, so it never needs a feature's types.
    const bad = sources('src/store').flatMap((f) =>
      imports(f)
        .filter((i) => i.startsWith('.') && !path.normalize(path.join(path.dirname(f), i)).startsWith(`src${path.sep}store${path.sep}`))
        .map((i) => `${f} imports ${i}`),
    );
    expect(sources('src/store').length).toBeGreaterThan(0);
    expect(bad).toEqual([]);
  });

  it('loads matrix-bot-sdk only through sdk-patches.ts (elsewhere: types only)', () => {
    // A value import elsewhere would load the SDK's full index before the patches, undoing the
    // lean load and the request replacement without any error (src/transports/matrix/sdk-patches.ts).
    const bad = sources('src').filter((f) => !f.endsWith(path.join('matrix', 'sdk-patches.ts'))).flatMap((f) => {
      const src = fs.readFileSync(path.join(ROOT, f), 'utf8');
      return [...src.matchAll(/^(import|export)\s+(?!type\s)[^;]*?from\s+'(matrix-bot-sdk[^']*)'|\b(?:import|require)\(\s*'(matrix-bot-sdk[^']*)'/gm)].map((m) => `${f}: ${m[0]}`);
    });
    expect(bad).toEqual([]);
  });

  it('composes the config from each section\'s own config.ts, importing no feature internals', () => {
    const bad = imports('src/config.ts').filter((i) => i.startsWith('.') && i !== './errors.ts' && !i.endsWith('/config.ts'));
    expect(bad).toEqual([]);
  });

  it('has no import cycle between folders (store, features, transports, commands, config)', () => {
    // A node is a folder under src/ (src/transports/<name> each), a top-level file, or commands/.
    const node = (f: string) => {
      const p = f.split(/[\\/]/);
      if (p[0] === 'commands') return 'commands';
      return p.length > 2 ? p.slice(0, p[1] === 'transports' && p.length > 3 ? 3 : 2).join('/') : f;
    };
    const edges = new Map<string, Set<string>>();
    for (const f of [...sources('src'), ...sources('commands')]) {
      for (const i of imports(f)) {
        if (!i.startsWith('.')) continue;
        const [a, b] = [node(f), node(path.normalize(path.join(path.dirname(f), i)))];
        if (a !== b) edges.set(a, (edges.get(a) ?? new Set()).add(b));
      }
    }
    // Depth-first search; a grey node met again closes a cycle.
    const state = new Map<string, 'grey' | 'black'>();
    const cycles: string[] = [];
    const visit = (n: string, trail: string[]) => {
      state.set(n, 'grey');
      for (const m of edges.get(n) ?? []) {
        if (state.get(m) === 'grey') cycles.push([...trail.slice(trail.indexOf(m)), n, m].join(' -> '));
        else if (!state.has(m)) visit(m, [...trail, n]);
      }
      state.set(n, 'black');
    };
    for (const n of [...edges.keys()].sort()) if (!state.has(n)) visit(n, []);
    expect(edges.get('src/config.ts')?.size ?? 0).toBeGreaterThan(0);
    expect(cycles).toEqual([]);
  });

  it('reads process.env only in config.ts', () => {
    const offenders = [...sources('src'), ...sources('commands')].filter(
      (f) => !f.endsWith('config.ts') && /process\.env/.test(fs.readFileSync(path.join(ROOT, f), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
