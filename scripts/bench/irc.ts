// End-to-end on a local ngIRCd: `!ptg eventlet` from a client to the real program (`cyclebot run`,
// as deployed) and back, against a trivial irc-framework echo bot on the same server (each bot in
// its own process and channel, queries alternating between them, each sent to an idle bot), and
// memory after 2×1,000 answers on IRC and Matrix at once.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ngircd, ngircdUnavailable } from '../../tests/helpers/ngircd.ts';
import { startFakeHomeserver } from '../../tests/helpers/fake-homeserver.ts';
import { RawClient, type Line } from '../../tests/integration/irc/raw-client.ts';
import { percentile, round } from './stats.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A bot of the round-trip bench in its own process (see irc-bot.ts); resolves once it is in #bench. */
async function echoProcess(port: number, channel: string, children: ChildProcess[]): Promise<{ stop(): Promise<void> }> {
  const child = fork(path.join(import.meta.dirname, 'echo-bot.ts'), [String(port), channel], { stdio: 'inherit' });
  children.push(child);
  const exited = once(child, 'exit');
  await Promise.race([once(child, 'message'), exited.then(() => Promise.reject(new Error(`bench echo bot exited`)))]);
  return {
    async stop() {
      child.send('stop');
      await exited;
    },
  };
}

/** A home directory with the config of a bench run of the real program (IRC, optionally more). */
function benchConfig(port: number, channel: string, ...extra: string[]): { home: string; config: string } {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cyclebot-bench-'));
  const config = path.join(home, 'bench.yaml');
  fs.writeFileSync(config, [
    'database: ./bench.db',
    'log: {level: warn}',
    // The largest burst the config allows, refilled at 1,000 a second: no query of the run is
    // rate-limited (the rate limiter's refusals are not what is measured).
    'rateLimit: {burst: 1000, refillSeconds: 0.001}',
    'launchpad: {url: "http://127.0.0.1:1", allowHttp: true}', // loopback only: the daily backlog count must not leave the machine
    // A burst that covers every line of the run: the outbox's pacing is not what is measured.
    `irc: {host: 127.0.0.1, port: ${port}, tls: false, channels: ["${channel}"], flood: {burst: 100000, perSecond: 100, maxQueue: 5000}}`,
    ...extra,
  ].join('\n'));
  return { home, config };
}

/** The real program (`cyclebot run`, as deployed) on IRC only; resolves once it joined `channel`. */
async function cyclebotProcess(port: number, channel: string, user: RawClient, children: ChildProcess[]): Promise<{ stop(): Promise<void> }> {
  const { home, config } = benchConfig(port, channel);
  const from = user.lines.length;
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/cyclebot.js'), 'run', '-c', config], { stdio: 'ignore', env: { ...process.env, CYCLEBOT_HOME: home } });
  children.push(child);
  await user.waitFor((l) => l.command === 'JOIN' && l.nick === 'cyclebot', 30_000, from);
  return {
    async stop() {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const isReplyFrom = (nick: string) => (l: Line) => l.nick === nick && l.command === 'PRIVMSG';

/** Lines in the bot's answer to `text`, counted once it has been quiet for 300 ms. */
async function replyLength(user: RawClient, { nick, text, channel }: Bot): Promise<number> {
  const from = user.lines.length;
  user.privmsg(channel, text);
  await new Promise((r) => setTimeout(r, 300));
  return user.lines.slice(from).filter(isReplyFrom(nick)).length;
}

/**
 * Send → first line of the answer. The next query waits for the rest of the answer: otherwise a
 * late second line of answer k would be timed as the first line of answer k+1.
 */
async function roundTrip(user: RawClient, { nick, text, channel }: Bot, lines: number): Promise<number> {
  const isReply = isReplyFrom(nick);
  const from = user.lines.length;
  const t = performance.now();
  user.privmsg(channel, text);
  await user.waitFor(isReply, 10_000, from);
  const ms = performance.now() - t;
  while (user.lines.slice(from).filter(isReply).length < lines) await user.waitFor(isReply, 10_000);
  // Both bots start every query idle: what one still does after its answer must not be timed
  // against the other (measured: it added 0.1-0.2 ms to the echo bot after a !ptg answer).
  await new Promise((r) => setTimeout(r, IDLE_MS));
  return ms;
}

const IDLE_MS = 2;
/** Quiet time before a memory reading. */
const SETTLE_MS = 500;

type Bot = { nick: string; text: string; channel: string };

/** n round trips to each bot, alternating, so both see the same machine load at the same time. */
async function interleaved(user: RawClient, bots: Bot[], n: number): Promise<number[][]> {
  const lines = [];
  for (const b of bots) lines.push(await replyLength(user, b));
  const out: number[][] = bots.map(() => []);
  for (let i = 0; i < n; i++) {
    for (const [k, b] of bots.entries()) out[k].push(await roundTrip(user, b, lines[k]));
  }
  return out.map((xs) => xs.sort((a, b) => a - b));
}

export async function benchIrc(n = 1000) {
  if (ngircdUnavailable) return { skipped: ngircdUnavailable };
  const server = await new Ngircd().start();
  const children: ChildProcess[] = [];
  try {
    // !whoami runs the same transport, router and outbox with next to no command work: the gap
    // between it and !ptg is what the search and the answer cost.
    const ptg: Bot = { nick: 'cyclebot', text: '!ptg eventlet', channel: '#bench' };
    const echoed: Bot = { nick: 'echobot', text: '!echo eventlet', channel: '#bench-echo' };
    const whoamiBot: Bot = { nick: 'cyclebot', text: '!whoami', channel: '#bench' };
    const bots = [ptg, echoed];
    const echo = await echoProcess(server.port, echoed.channel, children);
    const user = await RawClient.connect(server.port, 'bencher');
    for (const channel of new Set(bots.map((b) => b.channel))) await user.join(channel);
    const bot = await cyclebotProcess(server.port, ptg.channel, user, children);
    await new Promise((r) => setTimeout(r, 300));
    // Warm-up as long as the measurement: cyclebot has more code for V8 to compile to its faster
    // tiers than the echo bot, and a long-running bot is measured in its steady state.
    await interleaved(user, [ptg, echoed, whoamiBot], n);
    const [ours, base] = await interleaved(user, bots, n);
    const [whoami, base2] = await interleaved(user, [whoamiBot, echoed], n / 2);
    await echo.stop();
    await user.quit();
    await bot.stop();
    const p = (xs: number[], q: number) => round(percentile(xs, q), 2);
    return {
      queries: n,
      cyclebotMs: { p50: p(ours, 50), p99: p(ours, 99) },
      echoBotMs: { p50: p(base, 50), p99: p(base, 99) },
      ratioP50: round(percentile(ours, 50) / percentile(base, 50), 2),
      whoamiMs: { p50: p(whoami, 50), p99: p(whoami, 99), ratioP50: round(percentile(whoami, 50) / percentile(base2, 50), 2) },
      goal: '≤ 1.3× the echo bot',
    };
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await server.stop();
  }
}

/** The node flags data/cyclebot.service starts the bot with (its ExecStart), so the bench runs it as deployed. */
export function deployedNodeFlags(): string[] {
  const unit = fs.readFileSync(path.join(ROOT, 'data/cyclebot.service'), 'utf8');
  const exec = /^ExecStart=(.*)$/m.exec(unit)?.[1].split(/\s+/) ?? [];
  return exec.slice(1, exec.findIndex((w) => w.endsWith('cyclebot.js'))).filter((w) => w.startsWith('--'));
}

/** The unit's malloc settings (its `Environment=MALLOC_…` lines), so the bench's bot allocates as deployed. */
export function deployedEnv(): Record<string, string> {
  const unit = fs.readFileSync(path.join(ROOT, 'data/cyclebot.service'), 'utf8');
  return Object.fromEntries([...unit.matchAll(/^Environment=(MALLOC_\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
}

/** Memory as deployed (the unit's node flags) and, for comparison, under node's defaults. */
export async function benchMemory(perRound = 1000) {
  const flags = deployedNodeFlags();
  const deployed = await memoryRun(perRound, flags, 6);
  if ('skipped' in deployed) return deployed;
  const { rssConnectedMb, rssAfterFirstMb, rssAfterSecondMb } = await memoryRun(perRound, []) as typeof deployed;
  return { ...deployed, nodeFlags: flags.join(' '), withoutFlags: { rssConnectedMb, rssAfterFirstMb, rssAfterSecondMb } };
}

/** The real program as a child process on IRC and Matrix; its RSS read from /proc after each round. */
async function memoryRun(perRound: number, nodeFlags: string[], leakCheckRounds = 2) {
  if (ngircdUnavailable) return { skipped: ngircdUnavailable };
  const server = await new Ngircd().start();
  const hs = await startFakeHomeserver();
  hs.addRoom('!bench:test');
  const { home, config } = benchConfig(server.port, '#bench', `matrix: {homeserverUrl: "${hs.url}", accessToken: "${hs.token}", rooms: ["!bench:test"]}`);
  // --trace-gc: the heap that survives each full collection is what the bot holds; RSS also
  // counts garbage V8 has not collected yet. (The bot logs nothing to stdout at level warn.)
  const child = spawn(process.execPath, [...nodeFlags, '--trace-gc', path.join(ROOT, 'bin/cyclebot.js'), 'run', '-c', config], { stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, ...(nodeFlags.length ? deployedEnv() : {}), CYCLEBOT_HOME: home } });
  const liveAfterFullGc: number[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    for (const m of chunk.matchAll(/Mark-Compact [\d.]+ \([\d.]+\) -> ([\d.]+) \(/g)) liveAfterFullGc.push(Number(m[1]));
  });
  const lastLive = () => liveAfterFullGc.at(-1) ?? null;
  const rss = () => {
    if (process.env.SMAPS) console.error(rssByMapping(child.pid!));
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN) * 1024;
  };
  try {
    const user = await RawClient.connect(server.port, 'bencher');
    await user.join('#bench');
    await user.waitFor((l) => l.command === 'JOIN' && l.nick === 'cyclebot', 30_000);
    await hs.waitFor(() => hs.isJoined('!bench:test'), 30_000, 'the bot in the Matrix room');
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const connected = rss();
    const queries = ['eventlet', 'OTU', 'gibi', 'vtpm live migraton', 'who writes the sev snp spec', 'SRBAC'];
    const roundOf = async () => {
      for (let i = 0; i < perRound; i++) {
        const q = `!ptg ${queries[i % queries.length]}`;
        if (i % 2) {
          const from = user.lines.length;
          user.privmsg('#bench', q);
          await user.waitFor((l) => l.nick === 'cyclebot' && l.command === 'PRIVMSG', 10_000, from);
          user.lines.length = 0; // the bench client keeps nothing
        } else {
          const sends = hs.sent.length;
          hs.say('!bench:test', '@bencher:test', q);
          await hs.waitFor(() => hs.sent.length > sends, 10_000, 'a Matrix reply');
        }
      }
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      return rss();
    };
    const afterFirst = await roundOf();
    const liveByRound = [lastLive()];
    const afterSecond = await roundOf();
    liveByRound.push(lastLive());
    // Leak check (deployed flags only): more rounds, noting what survived the newest full
    // collection at the end of each; V8 may run none in a round, the old generation has room.
    for (let r = 2; r < leakCheckRounds; r++) (await roundOf(), liveByRound.push(lastLive()));
    await user.quit();
    const mb = (x: number) => round(x / 2 ** 20, 1);
    return {
      answersPerRound: perRound,
      rssConnectedMb: mb(connected),
      rssAfterFirstMb: mb(afterFirst),
      rssAfterSecondMb: mb(afterSecond),
      growthSecondRoundMb: mb(afterSecond - afterFirst),
      ...(leakCheckRounds > 2 ? { liveHeapAfterFullGcMbByRound: liveByRound } : {}),
      goal: '< 100 MB, no growth over the second 1,000',
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await hs.close();
    await server.stop();
  }
}

/** SMAPS=1 npm run bench -- memory: where the RSS is (node binary, V8's anonymous maps, malloc). */
function rssByMapping(pid: number): string {
  const by = new Map<string, number>();
  let name = '';
  for (const line of fs.readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const m = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (m) name = m[1].replace(/.*\//, '') || 'anon';
    const r = /^Rss:\s+(\d+)/.exec(line);
    if (r) by.set(name, (by.get(name) ?? 0) + Number(r[1]));
  }
  return [...by].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${(v / 1024).toFixed(1)} MB`).join(', ');
}
