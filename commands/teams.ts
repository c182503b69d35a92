// teams — the teams this bot serves and their channels, three lines a page ("teams 2" for the
// next); "teams <name>" shows one team: channels, Launchpad projects, schedule project, chairs.
import type { CommandSpec, Reply, RichLine } from '../src/core/types.ts';
import { command, rich } from '../src/core/rich.ts';
import { truncate } from '../src/core/text.ts';
import { CommandError } from '../src/errors.ts';
import { channelKey } from '../src/teams/config.ts';
import type { Roster, Team } from '../src/teams/model.ts';
import { packLines } from './lines.ts';

/** Lines a page: an IRC answer stays short. */
const PAGE_LINES = 3;

/** "#openstack-nova" for IRC, the room id for Matrix; "(shared)" when several teams list it. */
function channelLabel(target: string, roster: Roster): string {
  const name = target.startsWith('irc:') ? target.slice(4) : target;
  return roster.shared.has(channelKey(target)) ? `${name} (shared)` : name;
}

function brief(t: Team, roster: Roster): string {
  const irc = t.channels.filter((c) => c.startsWith('irc:')).map((c) => channelLabel(c, roster));
  const rooms = t.channels.length - irc.length;
  const where = [...irc, ...(rooms ? [`${rooms} Matrix room${rooms === 1 ? '' : 's'}`] : [])].join(', ') || 'no channel';
  return `${t.name} ${where}`;
}

function detail(t: Team, roster: Roster): Reply {
  const chans = t.channels.map((c) => channelLabel(c, roster)).join(', ') || 'none';
  const chairs = t.chairs.length ? `; ${t.chairs.length} chair${t.chairs.length === 1 ? '' : 's'} of its own` : '';
  return {
    lines: [[`${t.name}: channels ${truncate(chans, 250)}; Launchpad ${t.projects.join(', ')}; schedule ${t.schedule.project}${chairs}`]],
  };
}

export function teamsCommands(roster: Roster): CommandSpec[] {
  const pages = (): RichLine[][] => {
    const n = roster.teams.length;
    const lines = packLines(
      `${n === 1 ? 'One team' : `${n} teams`}: `,
      roster.teams.map((t) => brief(t, roster)),
    );
    const out: RichLine[][] = [];
    for (let i = 0; i < lines.length; i += PAGE_LINES) out.push(lines.slice(i, i + PAGE_LINES));
    return out;
  };
  return [
    {
      name: 'teams',
      usage: '[<team> | <page>]',
      help: 'The teams this bot serves and their channels; a team name shows that team (channels, Launchpad projects, schedule, chairs).',
      permission: 'anyone',
      examples: [{ input: 'teams', expect: /^One team: nova / }],
      handler: (ctx) => {
        const arg = ctx.args.trim().toLowerCase();
        const team = roster.teams.find((t) => t.name === arg);
        if (team) return detail(team, roster);
        const all = pages();
        const page = arg === '' ? 1 : /^\d{1,4}$/.test(arg) ? Number(arg) : NaN;
        if (!Number.isInteger(page) || page < 1 || page > all.length) {
          if (Number.isNaN(page)) throw new CommandError(rich`no team "${truncate(arg, 30)}" here: ${command('teams')} lists them`);
          throw new CommandError(rich`there ${all.length === 1 ? 'is one page' : `are ${all.length} pages`}: ${command('teams')}`);
        }
        const lines = all[page - 1];
        return { lines: page < all.length ? [...lines, rich`(page ${page} of ${all.length}: ${command(`teams ${page + 1}`)})`] : lines };
      },
    },
  ];
}
