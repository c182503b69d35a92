// schedule — the next deadlines with countdowns; schedule <name> [cycle]; sub-commands all [cycle],
// and add|remove for chairs (the team's own dates on top of the official schedule).
import type { CommandContext, CommandSpec, Reply, RichLine } from '../src/core/types.ts';
import { command, rich } from '../src/core/rich.ts';
import { truncate } from '../src/core/text.ts';
import { CommandError } from '../src/errors.ts';
import { scheduleUrl } from '../src/schedule/ics.ts';
import { capitalise } from '../src/schedule/kinds.ts';
import { channelFor, isReminded, isTeamEvent, type ScheduleSettings } from '../src/schedule/settings.ts';
import { parseAddArgs, teamEvent, TeamEventError } from '../src/schedule/team.ts';
import { countdown, eventEnd, formatShortDay, formatTimeOf, formatWhen } from '../src/schedule/time.ts';
import type { Cycle, ScheduleEvent } from '../src/schedule/types.ts';
import { byStart, currentCycle, cycleLabel, findEvents, upcoming } from '../src/schedule/view.ts';
import type { ScheduleRepo } from '../src/schedule/repo.ts';
import { packLines } from './lines.ts';

export interface ScheduleDeps {
  repo: ScheduleRepo;
  /** The settings of a message that names no team (and of the help text and examples). */
  settings: ScheduleSettings;
  /** Each team's settings by team name (the message's team picks them). */
  teams?: ReadonlyMap<string, ScheduleSettings>;
}

/** The settings a command means: its team's (a leading team name, the channel's, the meeting's). */
interface Scoped {
  s: ScheduleSettings;
  team: string;
  args: string;
}

export function scheduleCommands(deps: ScheduleDeps): CommandSpec[] {
  const { repo, settings } = deps;
  const team = capitalise(settings.project);
  const scoped = (ctx: CommandContext, args: string, usage: string): Scoped => {
    const picked = ctx.team?.take(args, usage);
    const s = (picked && deps.teams?.get(picked.team)) ?? settings;
    return { s, team: capitalise(s.project), args: picked ? picked.args : args };
  };
  const zoneOf = (ctx: CommandContext, s: ScheduleSettings) => channelFor(s, ctx.message.transport, ctx.message.room).timeZone;
  const cycleMap = () => new Map(repo.cycles().map((c) => [c.name, c]));
  const findCycle = (word: string): Cycle | undefined => repo.cycles().find((c) => c.name === word.toLowerCase() || c.releaseId === word);

  const next = (ctx: CommandContext, { s, team }: Scoped): Reply => {
    const zone = zoneOf(ctx, s);
    const events = repo.events();
    const soon = upcoming(events, s, ctx.now, 3);
    const cycles = repo.cycles();
    const current = currentCycle(cycles, ctx.now, s.cycle);
    if (soon.length === 0) {
      if (!current)
        return {
          lines: [
            [`Nothing coming for ${team}: no release schedule is imported (an admin can run: cyclebot schedule import <schedule.yaml> --cycle <series>).`],
          ],
        };
      return {
        lines: [
          [
            `Nothing coming for ${team}: the latest imported cycle, ${cycleLabel(current, current.name)}, ended${current.releaseDate ? ` with its release on ${formatWhen({ date: current.releaseDate, time: null, endDate: null }, zone)}` : ''}. The next cycle's schedule is not imported yet (cyclebot schedule import <schedule.yaml> --cycle <series>).`,
          ],
        ],
      };
    }
    const items = soon.map((e) => `${e.title} ${countdown(e, ctx.now)}, ${formatShortDay(e)}${e.time ? ` ${formatTimeOf(e, zone)}` : ''}`);
    const c = cycleMap().get(soon[0].cycle);
    return { lines: [rich`Next for ${team}: ${items.join(' · ')} (${cycleLabel(c, soon[0].cycle)}; ${command('schedule all')} for the cycle)`] };
  };

  const all = (ctx: CommandContext, { s, team }: Scoped, cycleWord?: string): Reply => {
    const zone = zoneOf(ctx, s);
    const cycle = cycleWord ? findCycle(cycleWord) : currentCycle(repo.cycles(), ctx.now, s.cycle);
    if (!cycle) {
      const known =
        repo
          .cycles()
          .map((c) => c.name)
          .join(', ') || 'none';
      throw new CommandError(
        cycleWord ? `no schedule for "${cycleWord}"; imported: ${known}` : 'no release schedule is imported (cyclebot schedule import <schedule.yaml>)',
      );
    }
    const events = repo
      .events({ cycle: cycle.name })
      .filter((e) => isTeamEvent(e, s))
      .sort(byStart);
    const key = events.filter((e) => isReminded(e, s));
    const items = key.map((e) => {
      const done = +eventEnd(e) <= +ctx.now ? '✓ ' : '';
      const at = e.time ? ` (${formatTimeOf(e, zone)})` : '';
      return `${done}${formatShortDay(e)} ${e.title}${at}`;
    });
    const others = events.length - key.length;
    const lines = packLines(`[${cycleLabel(cycle, cycle.name)}] ${team}'s key dates: `, items);
    if (others > 0)
      lines.push([
        ...rich`(${others} more events in the official schedule: ${command('schedule <name>')}, or `,
        { link: `https://releases.openstack.org/${cycle.name}/schedule.html` },
        ')',
      ]);
    return { lines };
  };

  const describe = (ctx: CommandContext, { s, team }: Scoped, query: string, cycleWord?: string): Reply => {
    const zone = zoneOf(ctx, s);
    const cycles = cycleMap();
    const cycle = cycleWord ? findCycle(cycleWord) : undefined;
    let found = findEvents(cycle ? repo.events({ cycle: cycle.name }) : repo.events(), s, query);
    if (found.length === 0) {
      throw new CommandError(
        rich`no event matches "${truncate(query, 40)}"${cycle ? ` in ${cycle.name}` : ''}; ${command('schedule all')} lists the key dates`,
      );
    }
    const current = currentCycle(repo.cycles(), ctx.now, s.cycle)?.name;
    const now = +ctx.now;
    // The current cycle first, then what is still to come, then the most recent.
    const rank = (e: ScheduleEvent) => (e.cycle === current ? 0 : +eventEnd(e) > now ? 1 : 2);
    found = [...found].sort((a, b) => rank(a) - rank(b) || (rank(a) === 2 ? byStart(b, a) : byStart(a, b)));
    const shown = found.slice(0, 3);
    const lines: RichLine[] = shown.map((e) => {
      const where = [cycleLabel(cycles.get(e.cycle), e.cycle), e.week ? `week ${e.week}` : '', e.source !== 'official' ? `${team}'s own` : '']
        .filter(Boolean)
        .join(', ');
      const desc = e.description ? ` — ${truncate(e.description, 160)}` : '';
      const url = scheduleUrl(e);
      return [{ bold: e.title }, ` (${where}): ${formatWhen(e, zone)}, ${countdown(e, ctx.now)}${desc}`, ...(url ? [' ', { link: url }] : [])];
    });
    if (found.length > shown.length) lines.push([`(${found.length - shown.length} more match: add a cycle name or more words)`]);
    return { lines };
  };

  const add = (ctx: CommandContext, { s, args }: Scoped): Reply => {
    try {
      const input = parseAddArgs(args);
      const e = teamEvent(input, { project: s.project, cycles: repo.cycles(), source: 'chat', addedBy: ctx.message.sender.key, scoped: s.strictOwn });
      const clash = repo.event(e.key.replace(/^team:/, 'config:'));
      if (clash) throw new CommandError(`"${clash.title}" comes from the config file; change it there`);
      if (+eventEnd(e) <= +ctx.now) throw new CommandError(`${formatWhen(e, 'UTC')} is past: nothing to remind`);
      const before = repo.putEvent(e, +ctx.now);
      const zone = zoneOf(ctx, s);
      const moved = before && (before.date !== e.date || before.time !== e.time) ? ` (moved from ${formatWhen(before, zone)}; reminders re-planned)` : '';
      return {
        lines: [[`added ${e.title} (${e.kind}, ${cycleLabel(cycleMap().get(e.cycle), e.cycle)}): ${formatWhen(e, zone)}, ${countdown(e, ctx.now)}${moved}`]],
      };
    } catch (err) {
      // "usage: schedule add …" names the command: rendered with the prefix.
      const usage = /^usage: (schedule .*)$/.exec(err instanceof TeamEventError ? err.message : '');
      if (err instanceof TeamEventError) throw new CommandError(usage ? rich`usage: ${command(usage[1])}` : err.message);
      throw err;
    }
  };

  const remove = (ctx: CommandContext, { s, team, args: query }: Scoped): Reply => {
    if (!query) throw new CommandError(rich`usage: ${command('schedule remove <name>')}`);
    const found = findEvents(repo.events(), s, query);
    const own = found.filter((e) => e.source === 'chat' || e.source === 'cli');
    if (own.length === 0) {
      const other = found[0];
      if (other?.source === 'config') throw new CommandError(`"${other.title}" comes from the config file; remove it there`);
      if (other) throw new CommandError(`"${other.title}" is in the official release schedule; only the team's own dates can be removed`);
      throw new CommandError(`none of ${team}'s own dates matches "${truncate(query, 40)}"`);
    }
    if (own.length > 1)
      throw new CommandError(`"${truncate(query, 40)}" matches ${own.length} dates (${own.map((e) => `${e.title} ${e.date}`).join(', ')}): be more precise`);
    repo.deleteEvent(own[0].key);
    return { lines: [[`removed ${own[0].title} (${own[0].date}); its reminders are cancelled`]] };
  };

  // A team's dates change in its channel (or in a shared one during its meeting): a team's chairs
  // are chairs there, and must not change another team's dates from it.
  const ownTeam = (ctx: CommandContext, sc: Scoped): Scoped => {
    const here = ctx.team?.current;
    if (here && ctx.team?.multi && deps.teams?.get(here) !== sc.s)
      throw new CommandError(`change ${sc.team}'s own dates in its channel or during its meeting; this is ${capitalise(here)}'s`);
    return sc;
  };

  return [
    {
      name: 'schedule',
      aliases: ['deadlines'],
      usage: '[<event name> [cycle]]',
      help: `The release schedule for ${team}: the next three deadlines with countdowns; "all" lists the cycle's key dates; a name shows one event. Chairs add or remove the team's own dates.`,
      permission: 'anyone',
      examples: [
        { input: 'schedule', expect: new RegExp(`^Next for ${team}: `) },
        { input: 'schedule spec freeze flamingo', expect: /^Nova Spec Freeze \(2025\.2 Flamingo, week R-13\): Thu 2025-07-03 23:59 UTC, / },
      ],
      subcommands: [
        {
          name: 'all',
          usage: '[cycle]',
          help: "The cycle's key dates.",
          examples: [
            { input: 'schedule all flamingo', expect: /^\[2025\.2 Flamingo\] Nova's key dates: .* · (✓ )?Tue Jun 3 Nova Spec Soft Freeze \(23:59 UTC\) · / },
          ],
          handler: (ctx) => {
            const sc = scoped(ctx, ctx.args, 'schedule all <team> [cycle]');
            const words = sc.args.split(/\s+/).filter(Boolean);
            if (words.length > 1) throw new CommandError(rich`usage: ${command('schedule all [cycle]')}`);
            return all(ctx, sc, words[0]);
          },
        },
        {
          name: 'add',
          usage: '<YYYY-MM-DD> [HH:MM] <name> [--kind <kind>]',
          help: "Adds one of the team's own dates (reminded like the official ones).",
          permission: 'chair',
          examples: [
            {
              input: 'schedule add 2025-06-24 Second spec review day',
              expect: /^added Second spec review day \(review-day, 2025\.2 Flamingo\): Tue 2025-06-24, /,
            },
          ],
          handler: (ctx) => add(ctx, ownTeam(ctx, scoped(ctx, ctx.args, 'schedule add <team> <YYYY-MM-DD> <name>'))),
        },
        {
          name: 'remove',
          aliases: ['rm', 'delete'],
          usage: '<name>',
          help: "Removes one of the team's own dates and its reminders.",
          permission: 'chair',
          examples: [
            { input: 'schedule remove second spec review day', expect: /^removed Second spec review day \(2025-06-24\); its reminders are cancelled$/ },
          ],
          handler: (ctx) => remove(ctx, ownTeam(ctx, scoped(ctx, ctx.args.trim(), 'schedule remove <team> <name>'))),
        },
      ],
      handler: (ctx) => {
        const sc = scoped(ctx, ctx.args.trim(), 'schedule <team>');
        const { args } = sc;
        if (args === '') return next(ctx, sc);
        const words = args.split(/\s+/);
        // "schedule nova all": the sub-commands after a team's name.
        if (args !== ctx.args.trim() && words[0].toLowerCase() === 'all' && words.length <= 2) return all(ctx, sc, words[1]);
        if (args !== ctx.args.trim() && /^(?:add|remove|rm|delete)$/i.test(words[0]))
          throw new CommandError(rich`the team's name goes after it: ${command(`schedule ${words[0].toLowerCase()} ${sc.s.project} …`)}`);
        if (words.length === 1 && findCycle(words[0])) return all(ctx, sc, words[0]);
        // A trailing cycle name narrows the search: "schedule spec freeze flamingo".
        const last = words.at(-1)!;
        if (words.length > 1 && findCycle(last)) return describe(ctx, sc, words.slice(0, -1).join(' '), last);
        return describe(ctx, sc, args);
      },
    },
  ];
}
