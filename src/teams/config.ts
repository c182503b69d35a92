// The `teams:` config section: one entry a team (name, channels, Launchpad projects, schedule
// project, chairs, own dates, reminder and triage settings). The per-team parts reuse the
// sections' own key schemas (schedule, launchpad, triage), each key optional: what a team leaves
// out comes from the top-level section.
import { z } from 'zod';
import { ScheduleConfigSchema } from '../schedule/config.ts';
import { LaunchpadConfigSchema, TriageConfigSchema } from '../triage/config.ts';

/** A section's keys, each optional and without its default (the top-level section supplies it). */
function overrides<S extends Record<string, z.ZodType>>(shape: S, keys: readonly (keyof S & string)[]) {
  const out: Record<string, z.ZodType> = {};
  for (const k of keys) {
    const s = shape[k];
    out[k] = (s instanceof z.ZodDefault ? (s.unwrap() as z.ZodType) : s).optional();
  }
  return z.strictObject(out as { [K in keyof S]: z.ZodOptional<S[K] extends z.ZodDefault<infer I> ? I : S[K]> });
}

/** What MeetBot makes of `#startmeeting <name>` (lower case, no blanks): a team is named the same way. */
export const TeamName = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,47}$/, 'must be a lower-case team name like nova (as in #startmeeting nova)');

/**
 * Where a team talks: an IRC channel, or a Matrix room by id or alias (the Matrix transport
 * resolves an alias at start and names that room's messages by it).
 */
export const TeamChannel = z
  .string()
  .regex(/^(?:irc:[#&+!][^\s,\x07]{1,49}|matrix:[!#][^:\s]+:\S+)$/, 'must be "irc:#channel", "matrix:!roomid:server" or "matrix:#alias:server"');

const LaunchpadProject = LaunchpadConfigSchema.shape.project.unwrap();

const SCHEDULE_KEYS = ['project', 'timeZone', 'postAt', 'offsets', 'remind', 'channels', 'events'] as const;
const TRIAGE_KEYS = ['permission', 'count', 'maxCount', 'order', 'statuses', 'importances', 'halfTriaged', 'minutes'] as const;

export const TeamConfigSchema = z
  .strictObject({
    name: TeamName,
    channels: z.array(TeamChannel).min(1).max(50),
    /** The team's Launchpad project (default: the team's name)... */
    launchpad: z.strictObject({ project: LaunchpadProject }).optional(),
    /** ...or the projects it triages together (neutron, networking-ovn). */
    projects: z.array(LaunchpadProject).min(1).max(20).optional(),
    /** Its project-specific schedule events (default project: the team's name), own dates and reminders. */
    schedule: overrides(ScheduleConfigSchema.shape, SCHEDULE_KEYS).optional(),
    /** Chairs of this team: chairs in its channels (and in a shared channel during its meeting). */
    chairs: z.array(z.string().min(1).max(255)).max(100).default([]),
    triage: overrides(TriageConfigSchema.shape, TRIAGE_KEYS).optional(),
  })
  .superRefine((t, ctx) => {
    if (t.launchpad && t.projects) ctx.addIssue({ code: 'custom', path: ['projects'], message: 'give launchpad.project or projects, not both' });
    const seen = new Set<string>();
    t.channels.forEach((c, i) => {
      const key = channelKey(c);
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['channels', i], message: `${c} is listed twice` });
      seen.add(key);
    });
    t.projects?.forEach((p, i) => {
      if (t.projects!.indexOf(p) < i) ctx.addIssue({ code: 'custom', path: ['projects', i], message: `${p} is listed twice` });
    });
  });

export const TeamsConfigSchema = z
  .array(TeamConfigSchema)
  .min(1)
  .max(500)
  .superRefine((teams, ctx) => {
    const seen = new Set<string>();
    teams.forEach((t, i) => {
      if (seen.has(t.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `team ${t.name} is listed twice` });
      seen.add(t.name);
    });
    // A Launchpad project belongs to one team: two teams triaging it would review, write back and
    // count the same bugs twice, each in its own rounds.
    const owner = new Map<string, { team: string; byName: boolean }>();
    teams.forEach((t, i) => {
      for (const { project, path, byName } of launchpadProjects(t)) {
        const first = owner.get(project);
        if (!first) owner.set(project, { team: t.name, byName });
        else if (first.team !== t.name) {
          const why = first.byName || byName ? ' (a team without launchpad.project or projects triages the project of its name)' : '';
          ctx.addIssue({
            code: 'custom',
            path: [i, ...path],
            message: `Launchpad project ${project} is in teams ${first.team} and ${t.name}: give it to one team${why}`,
          });
        }
      }
    });
  });

/** A team's Launchpad projects, each with its key path (its name when it names none). */
function launchpadProjects(t: Pick<TeamConfig, 'name' | 'launchpad' | 'projects'>): { project: string; path: (string | number)[]; byName: boolean }[] {
  if (t.projects) return t.projects.map((project, j) => ({ project, path: ['projects', j], byName: false }));
  if (t.launchpad) return [{ project: t.launchpad.project, path: ['launchpad', 'project'], byName: false }];
  return [{ project: t.name, path: ['name'], byName: true }];
}

export type TeamConfig = z.infer<typeof TeamConfigSchema>;

/** A channel as compared: IRC channel names ignore case, Matrix room ids do not. */
export function channelKey(target: string): string {
  return target.startsWith('irc:') ? target.toLowerCase() : target;
}

/** The IRC channels and Matrix rooms the teams name, each once, for the transports to join. */
export function teamRooms(teams: readonly Pick<TeamConfig, 'channels'>[]): { irc: string[]; matrix: string[] } {
  const out = { irc: new Map<string, string>(), matrix: new Map<string, string>() };
  for (const t of teams) {
    for (const c of t.channels) {
      // Also run on a config with problems (zod refines it anyway): skip what is not a channel.
      const kind = c.startsWith('irc:') ? out.irc : c.startsWith('matrix:') ? out.matrix : null;
      if (kind && !kind.has(channelKey(c))) kind.set(channelKey(c), c.slice(c.indexOf(':') + 1));
    }
  }
  return { irc: [...out.irc.values()], matrix: [...out.matrix.values()] };
}
