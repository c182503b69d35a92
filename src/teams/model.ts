// The teams one bot serves, resolved once from the config: a `teams:` list, or the single-team
// keys as a team of one. That mapping is written here only (README "Teams"):
//   name      ← launchpad.project            channels ← irc.channels ("irc:#…") + matrix.rooms ("matrix:…")
//   projects  ← [launchpad.project]          schedule ← the whole schedule section (project, channels, events…)
//   triage    ← the triage section           chairs   ← none of its own (permissions.chairs are everyone's)
import type { ScheduleConfig } from '../schedule/config.ts';
import type { LaunchpadConfig, TriageConfig } from '../triage/config.ts';
import { channelKey, type TeamConfig } from './config.ts';

export interface Team {
  name: string;
  /** "irc:#openstack-nova", "matrix:!id:server", as configured. */
  channels: string[];
  /** Launchpad projects whose bugs the team triages (the first is its own). */
  projects: string[];
  /** The schedule section as this team sees it: its project, reminder channels, own dates, offsets. */
  schedule: ScheduleConfig;
  triage: TriageConfig;
  /** Identity entries (as in permissions.chairs) who chair this team. */
  chairs: string[];
}

/** The config keys the mapping reads (structural: src/teams does not import src/config.ts). */
export interface TeamSource {
  launchpad: Pick<LaunchpadConfig, 'project'>;
  triage: TriageConfig;
  schedule: ScheduleConfig;
  irc?: { channels: string[] };
  matrix?: { rooms: string[] };
  teams?: TeamConfig[];
}

export interface Roster {
  teams: Team[];
  /** True when a `teams:` section names them; false for the team of one. */
  multi: boolean;
  /** Channels (channelKey) listed by two teams or more, e.g. irc:#openstack-meeting. */
  shared: Set<string>;
}

const defined = <T extends object>(o: T | undefined): Partial<T> =>
  Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The single-team keys as a team of one, named after its Launchpad project. */
export function teamOfOne(c: TeamSource): Team {
  return {
    name: c.launchpad.project,
    channels: [...(c.irc?.channels ?? []).map((ch) => `irc:${ch}`), ...(c.matrix?.rooms ?? []).map((r) => `matrix:${r}`)],
    projects: [c.launchpad.project],
    schedule: c.schedule,
    triage: c.triage,
    chairs: [],
  };
}

export function rosterOf(c: TeamSource): Roster {
  if (!c.teams?.length) return { teams: [teamOfOne(c)], multi: false, shared: new Set() };
  const count = new Map<string, number>();
  for (const t of c.teams) for (const ch of t.channels) count.set(channelKey(ch), (count.get(channelKey(ch)) ?? 0) + 1);
  const shared = new Set([...count].filter(([, n]) => n > 1).map(([k]) => k));
  const teams = c.teams.map((t): Team => {
    const own = defined(t.schedule);
    return {
      name: t.name,
      channels: t.channels,
      projects: t.projects ?? [t.launchpad?.project ?? t.name],
      schedule: {
        ...c.schedule,
        ...own,
        project: own.project ?? t.name,
        offsets: { ...c.schedule.offsets, ...own.offsets },
        // Reminders go to the team's own channels unless it lists others (never to a shared one by default).
        channels: own.channels ?? t.channels.filter((ch) => !shared.has(channelKey(ch))).map((target) => ({ target })),
        events: own.events ?? [],
      },
      triage: { ...c.triage, ...defined(t.triage) },
      chairs: t.chairs,
    };
  });
  return { teams, multi: true, shared };
}

/** A summary's team is its project: each team's projects (Launchpad, schedule, its name), and back. */
export function teamProjects(roster: Roster): { projectsOf(team: string): string[] | undefined; teamOf(project: string): string } {
  const projects = new Map(roster.teams.map((t) => [t.name, [...new Set([t.name, ...t.projects, t.schedule.project].map((p) => p.toLowerCase()))]]));
  const owner = new Map<string, string>();
  for (const [team, ps] of projects) for (const p of ps) if (!owner.has(p) || p === team) owner.set(p, team);
  return { projectsOf: (team) => projects.get(team), teamOf: (project) => owner.get(project) ?? project };
}
