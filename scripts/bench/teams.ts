// One bot for every team (issue 15), in process: 60 teams, 600 summaries (~20,000 topics) renamed
// from the real ones in data/ptg. `!ptg` through the router in a team's channel (team resolution,
// the team's summaries preferred, others labelled) against the same query in a shared channel
// outside a meeting (no team) and against the bare search, in this run; planning every team's
// reminders against one team's plan and against an empty plan.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createApp, type App } from '../../src/app.ts';
import { validateConfig } from '../../src/config.ts';
import type { ChatMessage } from '../../src/core/types.ts';
import { importText } from '../../src/ptg/importer.ts';
import { planChannel } from '../../src/schedule/planner.ts';
import type { ScheduleSettings } from '../../src/schedule/settings.ts';
import { OPENSTACK_TEAMS, teamSummaries, teamsConfig, type TeamEntry } from '../../tests/helpers/team-corpus.ts';
import { percentile, round } from './stats.ts';

const QUERIES = ['eventlet', 'one time use devices', 'who writes the sev snp spec', 'vtpm live migration', 'secure rbac', 'gibi', 'cloud hypervisor', 'image properties', 'feature freeze', 'placement over capacity', 'evenlet', 'hypervisr'];

/** The config of `n` teams, each in its two channels and the shared #openstack-meeting. */
export function teamsBenchConfig(n: number): { rateLimit: object; irc: { host: string; channels: string[] }; teams: TeamEntry[] } {
  return {
    rateLimit: { burst: 1000, refillSeconds: 0.001 },
    irc: { host: '127.0.0.1', channels: [] },
    teams: teamsConfig(OPENSTACK_TEAMS.slice(0, n)),
  };
}

/** A database with `perTeam` summaries for each of `n` teams, imported as `cyclebot import` would. */
export function teamsApp(dbPath: string, n: number, perTeam: number): App {
  const config = validateConfig(teamsBenchConfig(n), 'bench', {});
  const app = createApp({ dbPath, config, log: pino({ level: 'silent' }) });
  for (const s of teamSummaries(OPENSTACK_TEAMS.slice(0, n), perTeam)) importText(app.repo, s.text, s.filename, { project: s.team, cycle: s.cycle, id: s.id });
  return app;
}

/** Every reminder of every team, planned as each team's scheduler plans at start (its own read of the events). */
function planAll(app: App, teams: ReadonlyMap<string, ScheduleSettings>): number {
  let n = 0;
  const all = [new Date(-8.64e15), new Date(8.64e15)] as const;
  for (const settings of teams.values()) {
    const events = app.schedules.events();
    for (const c of settings.channels) n += planChannel(events, settings, c, ...all).length;
  }
  return n;
}

/** Milliseconds per call, wall clock and this process's CPU time (on a loaded machine the second is what the code costs). */
async function timed<T>(inputs: T[], fn: (x: T) => unknown, warmup: number): Promise<{ wall: number[]; cpu: number[] }> {
  for (let i = 0; i < warmup; i++) await fn(inputs[i % inputs.length]);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const x of inputs) {
    const c = process.cpuUsage();
    const t = process.hrtime.bigint();
    await fn(x);
    wall.push(Number(process.hrtime.bigint() - t) / 1e6);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall: wall.sort((a, b) => a - b), cpu: cpu.sort((a, b) => a - b) };
}

const p = (xs: number[]) => ({ p50: round(percentile(xs, 50)), p99: round(percentile(xs, 99)) });
const both = (r: { wall: number[]; cpu: number[] }) => ({ wall: p(r.wall), cpu: p(r.cpu) });

export async function benchTeams(nTeams = 60, perTeam = 10) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cyclebot-bench-teams-'));
  const t0 = performance.now();
  const app = teamsApp(path.join(dir, 'bot.db'), nTeams, perTeam);
  const importMs = performance.now() - t0;
  const build = performance.now();
  const buildCpu = process.cpuUsage();
  app.search.warm();
  const indexBuildMs = performance.now() - build;
  const { user, system } = process.cpuUsage(buildCpu);
  try {
    let asker = 0;
    const ask = (room: string) => (q: string) => {
      asker++;
      const sender = { key: `irc:user${asker}`, display: `user${asker}`, host: `u${asker}@bench` };
      const msg: ChatMessage = { transport: 'irc', room, isPrivate: false, sender, text: `!ptg ${q}`, addressed: false };
      return app.router.handle(msg);
    };
    const reps = (n: number) => Array.from({ length: n }, (_, i) => QUERIES[i % QUERIES.length]);
    // Every team's channel in turn (the team resolved per message), after 300 untimed queries.
    const channels = OPENSTACK_TEAMS.slice(0, nTeams).map((t) => `#openstack-${t}`);
    let c = 0;
    const team = await timed(reps(2400), (q) => ask(channels[c++ % channels.length])(q), 300);
    const shared = await timed(reps(1200), ask('#openstack-meeting'), 300);
    const bare = await timed(reps(1200), (q) => app.search.search(q, 8), 300);

    // Planning: every team's reminders, one team's (the first), and an empty plan (no channels).
    const first = new Map([...app.scheduleTeams].slice(0, 1));
    const empty = new Map([...app.scheduleTeams].map(([k, s]) => [k, { ...s, channels: [] }]));
    const plan = (teams: ReadonlyMap<string, ScheduleSettings>) => timed(Array.from({ length: 20 }, () => teams), (t) => planAll(app, t), 3);
    const reminders = planAll(app, app.scheduleTeams);
    const plans = { all: await plan(app.scheduleTeams), one: await plan(first), empty: await plan(empty) };
    const med = (r: { wall: number[]; cpu: number[] }) => ({ wall: round(percentile(r.wall, 50), 2), cpu: round(percentile(r.cpu, 50), 2) });
    return {
      teams: nTeams,
      channels: new Set(app.teams.roster.teams.flatMap((t) => t.channels)).size,
      documents: app.repo.documents().length,
      topics: app.repo.topicCount(),
      importMs: round(importMs, 0),
      indexBuildMs: { wall: round(indexBuildMs, 0), cpu: round((user + system) / 1000, 0) },
      lookupTeamChannelMs: both(team),
      lookupSharedChannelMs: both(shared),
      bareSearchMs: both(bare),
      teamOverBareP50: round(percentile(team.wall, 50) / percentile(bare.wall, 50), 2),
      plannedReminders: reminders,
      planEveryTeamMs: med(plans.all),
      planOneTeamMs: med(plans.one),
      planEmptyMs: med(plans.empty),
      /** 1, 5 and 15 minute load averages at the end (2 cores shared with other work: wall times stretch, CPU times less). */
      loadAverage: os.loadavg().map((x) => round(x, 1)),
      goal: '!ptg p50 < 1 ms, p99 < 5 ms in a team channel; every team planned < 100 ms',
    };
  } finally {
    app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
