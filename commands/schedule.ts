// schedule — the next deadlines with countdowns; schedule <name> [cycle]; sub-commands all [cycle],
// and add|remove for chairs (the team's own dates on top of the official schedule).
import type { CommandContext, CommandSpec, Reply, RichLine } from '../src/core/types.ts';
import { command, rich } from '../src/core/rich.ts';
import { truncate } from '../src/core/text.ts';
import { CommandError } from '../src/errors.ts';
import { scheduleUrl } from '../src/schedule/ics.ts';
import { capitalise } from '../src/schedule/kinds.ts';
import { channelFor, isReminded, isTeamEvent, type ScheduleSettings } from '../src/schedule/settings.ts';
import { parseAddArgs, slugify, teamEvent, TeamEventError } from '../src/schedule/team.ts';
import { countdown, eventEnd, formatShortDay, formatTimeOf, formatWhen } from '../src/schedule/time.ts';
import type { Cycle, ScheduleEvent } from '../src/schedule/types.ts';
import { byStart, currentCycle, cycleLabel, findEvents, upcoming } from '../src/schedule/view.ts';
import type { ScheduleRepo } from '../src/schedule/repo.ts';
import { packLines } from './lines.ts';

export interface ScheduleDeps {
  repo: ScheduleRepo;
  settings: ScheduleSettings;
}

export function scheduleCommands(deps: ScheduleDeps): CommandSpec[] {
  const { repo, settings } = deps;
  const team = capitalise(settings.project);
  const zoneOf = (ctx: CommandContext) => channelFor(settings, ctx.message.transport, ctx.message.room).timeZone;
  const cycleMap = () => new Map(repo.cycles().map((c) => [c.name, c]));
  const findCycle = (word: string): Cycle | undefined => repo.cycles().find((c) => c.name === word.toLowerCase() || c.releaseId === word);

  const next = (ctx: CommandContext): Reply => {
    const zone = zoneOf(ctx);
    const events = repo.events();
    const soon = upcoming(events, settings, ctx.now, 3);
    const cycles = repo.cycles();
    const current = currentCycle(cycles, ctx.now, settings.cycle);
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

  const all = (ctx: CommandContext, cycleWord?: string): Reply => {
    const zone = zoneOf(ctx);
    const cycle = cycleWord ? findCycle(cycleWord) : currentCycle(repo.cycles(), ctx.now, settings.cycle);
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
      .filter((e) => isTeamEvent(e, settings))
      .sort(byStart);
    const key = events.filter((e) => isReminded(e, settings));
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

  const describe = (ctx: CommandContext, query: string, cycleWord?: string): Reply => {
    const zone = zoneOf(ctx);
    const cycles = cycleMap();
    const cycle = cycleWord ? findCycle(cycleWord) : undefined;
    let found = findEvents(cycle ? repo.events({ cycle: cycle.name }) : repo.events(), settings, query);
    if (found.length === 0) {
      throw new CommandError(
        rich`no event matches "${truncate(query, 40)}"${cycle ? ` in ${cycle.name}` : ''}; ${command('schedule all')} lists the key dates`,
      );
    }
    const current = currentCycle(repo.cycles(), ctx.now, settings.cycle)?.name;
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

  const add = (ctx: CommandContext, args: string): Reply => {
    try {
      const input = parseAddArgs(args);
      const e = teamEvent(input, { project: settings.project, cycles: repo.cycles(), source: 'chat', addedBy: ctx.message.sender.key });
      const clash = repo.event(`config:${e.cycle}:${slugify(e.title)}`);
      if (clash) throw new CommandError(`"${clash.title}" comes from the config file; change it there`);
      if (+eventEnd(e) <= +ctx.now) throw new CommandError(`${formatWhen(e, 'UTC')} is past: nothing to remind`);
      const before = repo.putEvent(e, +ctx.now);
      const zone = zoneOf(ctx);
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

  const remove = (ctx: CommandContext, query: string): Reply => {
    if (!query) throw new CommandError(rich`usage: ${command('schedule remove <name>')}`);
    const found = findEvents(repo.events(), settings, query);
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
            const words = ctx.args.split(/\s+/).filter(Boolean);
            if (words.length > 1) throw new CommandError(rich`usage: ${command('schedule all [cycle]')}`);
            return all(ctx, words[0]);
          },
        },
        {
          name: 'add',
          usage: '<YYYY-MM-DD> [HH:MM] <name> [--kind <kind>]',
          help: "Adds one of the team's own dates (reminded like the official ones).",
          permission: 'chair',
          handler: (ctx) => add(ctx, ctx.args),
        },
        {
          name: 'remove',
          aliases: ['rm', 'delete'],
          usage: '<name>',
          help: "Removes one of the team's own dates and its reminders.",
          permission: 'chair',
          handler: (ctx) => remove(ctx, ctx.args.trim()),
        },
      ],
      handler: (ctx) => {
        const args = ctx.args.trim();
        if (args === '') return next(ctx);
        const words = args.split(/\s+/);
        if (words.length === 1 && findCycle(words[0])) return all(ctx, words[0]);
        // A trailing cycle name narrows the search: "schedule spec freeze flamingo".
        const last = words.at(-1)!;
        if (words.length > 1 && findCycle(last)) return describe(ctx, words.slice(0, -1).join(' '), last);
        return describe(ctx, args);
      },
    },
  ];
}
