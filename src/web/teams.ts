// The teams the site shows, and the URLs of a team's pages: /teams/<name>/schedule, .../schedule.ics,
// .../triage, .../ptg?q=. A team of one keeps the single-team URLs (/schedule, /triage, /ptg) as
// they were; with many teams those send to the team list (/teams), and the nav follows the team
// of the page shown.
import type { ScheduleSettings } from '../schedule/settings.ts';
import type { Roster } from '../teams/model.ts';
import { teamProjects } from '../teams/model.ts';

export interface SiteTeam {
  name: string;
  /** "irc:#openstack-nova", "matrix:!id:server", as configured. */
  channels: readonly string[];
  /** Its view of the release schedule (its project's events, the cross-project ones, its own dates). */
  schedule: ScheduleSettings;
  /** The Launchpad project whose triage rounds and backlog the team's page shows (its first: a team's are kept under it). */
  triageProject: string;
  /** Every Launchpad project the team triages (its rounds walk them all). */
  projects: readonly string[];
}

export interface SiteTeams {
  list: readonly SiteTeam[];
  /** A `teams:` list names them (false: the single-team keys, a team of one). */
  multi: boolean;
  byName: ReadonlyMap<string, SiteTeam>;
  /** The projects whose PTG summaries are the team's (lower case): its search prefers them. */
  projectsOf(team: string): readonly string[];
  /** The team a summary's project belongs to (else the project itself), to label another team's topic. */
  teamOf(project: string): string;
}

/** The served teams as the site sees them. */
export function siteTeams(roster: Roster, schedules: ReadonlyMap<string, ScheduleSettings>): SiteTeams {
  const list = roster.teams.map((t) => ({
    name: t.name,
    channels: t.channels,
    schedule: schedules.get(t.name)!,
    triageProject: t.projects[0],
    projects: t.projects,
  }));
  const projects = teamProjects(roster);
  return {
    list,
    multi: roster.multi,
    byName: new Map(list.map((t) => [t.name, t])),
    projectsOf: (team) => projects.projectsOf(team) ?? [team],
    teamOf: (project) => projects.teamOf(project.toLowerCase()),
  };
}

export type TeamPage = 'schedule' | 'schedule.ics' | 'triage' | 'ptg';

/** "/teams/nova/schedule": a team's page (team names are [a-z0-9_.-], encoded all the same). */
export const teamPath = (team: string, page: TeamPage) => `/teams/${encodeURIComponent(team)}/${page}`;

/** What the page shell needs to draw the nav: many teams or one, and the team the page is about. */
export interface NavOptions {
  multi: boolean;
  team?: string;
}
