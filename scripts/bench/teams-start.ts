// One bot for every team (issue 15), as deployed: `cyclebot run` with the unit's node flags, 60
// teams in 121 IRC channels of a local ngIRCd, 600 summaries (~20,000 topics) in its database.
// Start (spawn) to connected (joined every channel, the search index ready before connecting),
// and RSS once connected and after 600 !ptg answers across the team channels; against the
// single-team bot (one channel, the bundled summaries) in the same run. The teams' bot starts as
// it restarts in production, on the index its last start stored (ptg/index-store.ts); and, as
// after an import, with none stored: it builds the index from the topics' texts and stores it.
import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ngircd, ngircdUnavailable } from '../../tests/helpers/ngircd.ts';
import { RawClient } from '../../tests/integration/irc/raw-client.ts';
import { deployedEnv, deployedNodeFlags } from './irc.ts';
import { percentile, round } from './stats.ts';
import { teamsApp, teamsBenchConfig } from './teams.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const QUERIES = ['eventlet', 'vtpm live migration', 'secure rbac', 'who writes the sev snp spec', 'hypervisr', 'feature freeze'];

interface Setup {
  home: string;
  db: string;
  config: string;
  channels: string[];
}

/** A home with a config (IRC at `port`, no pacing) and, for teams, a database of their summaries. */
function setup(port: number, teams: number): Setup {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cyclebot-bench-start-'));
  const db = path.join(home, 'bench.db');
  const base = teams ? teamsBenchConfig(teams) : { rateLimit: { burst: 1000, refillSeconds: 0.001 }, irc: { channels: ['#bench'] } };
  const irc = { ...(base.irc as object), host: '127.0.0.1', port, tls: false, flood: { burst: 100000, perSecond: 100, maxQueue: 5000 } };
  const cfg = { ...base, log: { level: 'warn' }, launchpad: { url: 'http://127.0.0.1:1', allowHttp: true }, irc };
  const config = path.join(home, 'bench.yaml');
  fs.writeFileSync(config, JSON.stringify(cfg, null, 1)); // JSON is YAML
  if (teams) {
    teamsApp(db, teams, 10).close();
    // The program's first start builds the index and stores it (only the program that stored it reads it).
    spawnSync(process.execPath, [...deployedNodeFlags(), path.join(ROOT, 'bin/cyclebot.js'), 'ask', 'eventlet', '--db', db], {
      stdio: 'ignore',
      env: { ...process.env, ...deployedEnv(), CYCLEBOT_HOME: home },
    });
  }
  const channels = teams ? [...new Set(teamsBenchConfig(teams).teams.flatMap((t) => t.channels.map((c) => c.slice(4))))] : ['#bench'];
  return { home, db, config, channels };
}

const rssMb = (pid: number) => round(Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024, 1);

/**
 * Where the RSS is, in MB: node's binary and the libraries (file pages, shared with any other
 * node), the malloc heap (brk: SQLite's cache, the index's arrays, node's own), and the other
 * anonymous mappings (V8's heap, large arrays, the threads' malloc arenas).
 */
function rssParts(pid: number): { file: number; mallocHeap: number; otherAnon: number } {
  let name = '';
  const parts = { file: 0, mallocHeap: 0, otherAnon: 0 };
  for (const line of fs.readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const m = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ (\d+)\s*(.*)$/.exec(line);
    if (m) name = m[1] !== '0' ? 'file' : m[2] === '[heap]' ? 'mallocHeap' : 'otherAnon';
    const r = /^Rss:\s+(\d+)/.exec(line);
    if (r) parts[name as keyof typeof parts] += Number(r[1]);
  }
  return { file: round(parts.file / 1024, 1), mallocHeap: round(parts.mallocHeap / 1024, 1), otherAnon: round(parts.otherAnon / 1024, 1) };
}

/** Starts the program, waits until it joined every channel; then answers, then RSS. */
async function run(port: number, watcher: RawClient, s: Setup, answers: number) {
  const joined = new Set<string>();
  const all = new Promise<void>((resolve) => {
    const onLine = (l: { nick: string; command: string; params: string[] }) => {
      if (l.nick === 'cyclebot' && l.command === 'JOIN') joined.add(l.params[0].toLowerCase());
      if (joined.size === s.channels.length) resolve();
    };
    watcher.onLine(onLine);
  });
  const t = performance.now();
  // --trace-gc: what survives each full collection is what the bot holds (RSS also counts garbage).
  const child: ChildProcess = spawn(process.execPath, [...deployedNodeFlags(), '--trace-gc', path.join(ROOT, 'bin/cyclebot.js'), 'run', '-c', s.config, '--db', s.db], {
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, ...deployedEnv(), CYCLEBOT_HOME: s.home },
  });
  let liveMb = NaN;
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    for (const m of chunk.matchAll(/Mark-Compact [\d.]+ \([\d.]+\) -> ([\d.]+) \(/g)) liveMb = Number(m[1]);
  });
  try {
    await Promise.race([all, once(child, 'exit').then(() => Promise.reject(new Error('cyclebot exited')))]);
    const connectedMs = performance.now() - t;
    await new Promise((r) => setTimeout(r, 500));
    const rssConnectedMb = rssMb(child.pid!);
    const partsConnected = rssParts(child.pid!);
    for (let i = 0; i < answers; i++) {
      const ch = s.channels[i % s.channels.length];
      const mark = watcher.lines.length;
      watcher.privmsg(ch, `!ptg ${QUERIES[i % QUERIES.length]}`);
      await watcher.waitFor((l) => l.nick === 'cyclebot' && l.command === 'PRIVMSG' && l.params[0].toLowerCase() === ch, 30_000, mark);
      if (i % 50 === 49) watcher.lines.length = 0; // the bench client keeps nothing
    }
    await new Promise((r) => setTimeout(r, 500));
    if (process.env.SMAPS) console.error(fs.readFileSync(`/proc/${child.pid}/smaps_rollup`, 'utf8'));
    return { connectedMs, rssConnectedMb, rssAfterMb: rssMb(child.pid!), partsConnected, partsAfter: rssParts(child.pid!), liveHeapAfterFullGcMb: liveMb };
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  }
}

export async function benchTeamsStart(nTeams = 60, runs = 3) {
  if (ngircdUnavailable) return { skipped: ngircdUnavailable };
  const server = await new Ngircd().start();
  const homes: string[] = [];
  try {
    const teams = setup(server.port, nTeams);
    const single = setup(server.port, 0);
    homes.push(teams.home, single.home);
    const watcher = await RawClient.connect(server.port, 'watcher');
    for (const ch of [...teams.channels, ...single.channels]) await watcher.join(ch);
    const out = { teams: [] as Awaited<ReturnType<typeof run>>[], single: [] as Awaited<ReturnType<typeof run>>[], building: [] as Awaited<ReturnType<typeof run>>[] };
    // Alternating, so all see the same machine load; the medians are reported.
    for (let i = 0; i < runs; i++) {
      out.single.push(await run(server.port, watcher, single, 600));
      out.teams.push(await run(server.port, watcher, teams, 600));
      // No index stored (as after an import): built and stored again; no answers.
      const db = new Database(teams.db);
      db.prepare('DELETE FROM ptg_index').run();
      db.close();
      out.building.push(await run(server.port, watcher, teams, 0));
    }
    await watcher.quit();
    const med = (xs: number[], digits = 0) => round(percentile([...xs].sort((a, b) => a - b), 50), digits);
    const connected = {
      teams: med(out.teams.map((r) => r.connectedMs)),
      single: med(out.single.map((r) => r.connectedMs)),
      teamsNoStoredIndex: med(out.building.map((r) => r.connectedMs)),
    };
    type Run = (typeof out.teams)[number];
    const both = (f: (r: Run) => number) => ({ teams: med(out.teams.map(f), 1), single: med(out.single.map(f), 1) });
    // The run whose RSS after the answers is the median, for its breakdown.
    const middle = (rs: Run[]) => [...rs].sort((a, b) => a.rssAfterMb - b.rssAfterMb)[Math.floor(rs.length / 2)];
    return {
      teams: nTeams,
      channels: teams.channels.length,
      nodeFlags: deployedNodeFlags().join(' '),
      env: deployedEnv(),
      runs,
      startToConnectedMs: connected,
      startRatio: round(connected.teams / connected.single, 2),
      /** Medians of the runs; each run's figures in `rssByRunMb`. */
      rssConnectedMb: { ...both((r) => r.rssConnectedMb), teamsNoStoredIndex: med(out.building.map((r) => r.rssConnectedMb), 1) },
      rssAfter600AnswersMb: both((r) => r.rssAfterMb),
      rssByRunMb: { teams: out.teams.map((r) => [r.rssConnectedMb, r.rssAfterMb]), single: out.single.map((r) => [r.rssConnectedMb, r.rssAfterMb]) },
      rssPartsMb: { teams: { connected: middle(out.teams).partsConnected, after: middle(out.teams).partsAfter }, single: { connected: middle(out.single).partsConnected, after: middle(out.single).partsAfter } },
      liveHeapAfterFullGcMb: both((r) => r.liveHeapAfterFullGcMb),
      /** 1, 5 and 15 minute load averages at the end (2 cores shared with other work: wall times stretch, CPU times less). */
      loadAverage: os.loadavg().map((x) => round(x, 1)),
      goal: 'start to connected < 2 s (index ready included), RSS < 150 MB',
    };
  } finally {
    await server.stop();
    // The 60 teams' database is tens of MB: each run left one behind in the temp folder.
    for (const home of homes) fs.rmSync(home, { recursive: true, force: true });
  }
}
