// CLI verbs for the release schedule: import, sync, add, remove, list, plan (dry run of the reminders), ics.
import fs from 'node:fs';
import { tz } from '@date-fns/tz';
import { isValid, parseISO } from 'date-fns';
import type { Command } from 'commander';
import { UsageError, UserError } from '../errors.ts';
import { calendarText, teamCalendar } from '../schedule/calendar.ts';
import { importScheduleFile, ScheduleFormatError } from '../schedule/importer.ts';
import { movedFrom } from '../schedule/heard.ts';
import { mergeIntoMessages, planChannel } from '../schedule/planner.ts';
import { isReminded, isTeamEvent, type ChannelSettings, type ScheduleSettings } from '../schedule/settings.ts';
import { teamEvent, TeamEventError } from '../schedule/team.ts';
import { formatWhen } from '../schedule/time.ts';
import { KINDS, type Kind } from '../schedule/types.ts';
import { currentCycle, cycleLabel, findEvents } from '../schedule/view.ts';
import { reminderText } from '../schedule/wording.ts';
import type { ScheduleRepo } from '../schedule/repo.ts';
import { KvRepo } from '../store/kv-repo.ts';
import { DEFAULT_RELEASES_URL, syncSchedules } from '../schedule/sync.ts';
import { sourceErrors, sourceHttpOptions } from './sources.ts';
import { teamSchedule, withApp, type GlobalOpts } from './context.ts';

function userErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    // A team date's errors are all about the arguments given (date, time, kind, cycle): usage.
    if (err instanceof TeamEventError || (err instanceof ScheduleFormatError && err.usage)) throw new UsageError(err.message);
    if (err instanceof ScheduleFormatError) throw new UserError(err.message);
    throw err;
  }
}

async function userErrorsAsync<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ScheduleFormatError) throw new UserError(err.message);
    throw err;
  }
}

/** An ISO date or date-time; a bare date or a time without zone is UTC. */
export function parseInstant(value: string, what: string): Date {
  const d = parseISO(value, { in: tz('UTC') });
  if (!isValid(d)) throw new UsageError(`${what}: "${value}" is not an ISO date or date-time (e.g. 2025-05-01 or 2025-05-01T09:00Z)`);
  return new Date(+d);
}

function pickChannel(settings: ScheduleSettings, target?: string): ChannelSettings {
  if (!target) return settings.channels[0] ?? settings.fallback;
  const found = settings.channels.find((c) => c.target === target);
  if (!found)
    throw new UsageError(`--channel ${target} is not in schedule.channels (configured: ${settings.channels.map((c) => c.target).join(', ') || 'none'})`);
  return found;
}

export interface PlanEntry {
  at: string;
  event: string;
  date: string;
  text: string;
}

/** What the bot would post in a channel between two instants, message by message (as worded then, moves included). */
export function planEntries(
  repo: ScheduleRepo,
  settings: ScheduleSettings,
  channel: ChannelSettings,
  from: Date,
  to: Date,
): { at: Date; entries: PlanEntry[] }[] {
  const events = repo.events();
  const cycles = new Map(repo.cycles().map((c) => [c.name, c]));
  const messages = mergeIntoMessages(planChannel(events, settings, channel, from, to));
  return messages.map((m) => ({
    at: m.at,
    entries: m.reminders.map((r) => ({
      at: m.at.toISOString(),
      event: r.event.title,
      date: r.event.date,
      // As the scheduler words it: a deadline that moved after the channel was reminded of it says so.
      text: reminderText(r, m.at, { settings, channel, cycles, events }, false, movedFrom(repo, r, events)),
    })),
  }));
}

/** "no schedule for <cycle>; imported: …": a cycle named on the command line that is not imported. */
function noSchedule(schedules: ScheduleRepo, cycle: string): UsageError {
  return new UsageError(
    `no schedule for ${cycle}; imported: ${
      schedules
        .cycles()
        .map((c) => c.name)
        .join(', ') || 'none'
    }`,
  );
}

export function registerScheduleVerbs(program: Command): void {
  const global = () => program.opts<GlobalOpts>();
  const schedule = program.command('schedule').description('the release schedule and milestone reminders: import, sync, add, remove, list, plan, ics');

  schedule
    .command('import')
    .description("import an openstack/releases schedule.yaml (+ its schedule.rst, found beside it); replaces that cycle's official events")
    .argument('<schedule.yaml>', 'doc/source/<series>/schedule.yaml')
    .option('--rst <file>', 'the schedule.rst (default: the .rst beside the yaml)')
    .option('--cycle <series>', 'series name, e.g. flamingo (default: from the path)')
    .option('--status <file>', 'series_status.yaml (default: beside the yaml, else the bundled one)')
    .action((file: string, o: { rst?: string; cycle?: string; status?: string }) =>
      withApp(global(), (app) => {
        const r = userErrors(() => importScheduleFile(app.schedules, file, o));
        for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
        const own = r.events.filter((e) => e.project === app.scheduleSettings.project).length;
        console.log(
          `imported ${cycleLabel(r.cycle, r.cycle.name)}: ${r.events.length} events (${own} for ${app.scheduleSettings.project}), ${r.cycle.startDate} to ${r.cycle.endDate}` +
            `${r.rstFile ? '' : ', without schedule.rst'}${r.warnings.length ? `, ${r.warnings.length} warning${r.warnings.length > 1 ? 's' : ''}` : ''}`,
        );
      }),
    );

  schedule
    .command('sync')
    .description('fetch series_status.yaml and the schedules of series in development or future from openstack/releases; import what changed')
    .option('--releases-url <base>', 'raw files of the openstack/releases tree', DEFAULT_RELEASES_URL)
    .action((o: { releasesUrl: string }) =>
      withApp(global(), async (app, s) => {
        const r = await sourceErrors('schedule sync failed, nothing changed', () =>
          userErrorsAsync(() =>
            syncSchedules(app.schedules, new KvRepo(app.db, 'schedule-sync'), { baseUrl: o.releasesUrl, http: sourceHttpOptions(s.config) }),
          ),
        );
        for (const n of r.notes) console.log(n);
        // Every served team's changes: the cross-project ones and each team's project's.
        const projects = new Set([...app.scheduleTeams.values()].map((t) => t.project));
        const team = r.changes.filter((c) => c.project === null || projects.has(c.project));
        for (const c of team) console.log(c.line);
        const others = r.changes.length - team.length;
        if (others) console.log(`(${others} change${others > 1 ? 's' : ''} to other teams' events)`);
        if (!r.changes.length)
          console.log(`nothing changed (${r.series.join(', ') || 'no series in development or future'}; ${r.notModified} of ${r.requests} files not modified)`);
      }),
    );

  schedule
    .command('add')
    .description("add (or move) one of the team's own dates; reminders follow it")
    .argument('<date>', 'YYYY-MM-DD (a UTC day)')
    .argument('<name>', 'e.g. "Spec review day"')
    .option('--kind <kind>', `${KINDS.join(' | ')} (default: from the name)`)
    .option('--time <HH:MM>', 'deadline time in UTC (default: the whole day)')
    .option('--cycle <series>', 'series (default: the cycle whose weeks hold the date)')
    .option('--description <text>', 'what it means for contributors (used in the reminders)')
    .option('--team <name>', 'the team (default: the first of teams:, or the single team)')
    .action((date: string, name: string, o: { kind?: string; time?: string; cycle?: string; description?: string; team?: string }) =>
      withApp(global(), (app) => {
        if (o.kind && !(KINDS as readonly string[]).includes(o.kind)) throw new UsageError(`--kind must be one of ${KINDS.join(', ')}`);
        const s = teamSchedule(app, o.team);
        const e = userErrors(() =>
          teamEvent(
            { name, date, time: o.time, kind: o.kind as Kind | undefined, cycle: o.cycle, description: o.description },
            { project: s.project, cycles: app.schedules.cycles(), source: 'cli', addedBy: 'cli', scoped: s.strictOwn },
          ),
        );
        const before = app.schedules.putEvent(e);
        console.log(`${before ? 'updated' : 'added'} ${e.key}: ${e.title} (${e.kind}) ${formatWhen(e, 'UTC')}`);
      }),
    );

  schedule
    .command('remove')
    .description("remove one of the team's own dates (added from chat or the CLI) by name or key")
    .argument('<name>', 'name or key')
    .option('--team <name>', 'the team (default: the first of teams:, or the single team)')
    .action((name: string, o: { team?: string }) =>
      withApp(global(), (app) => {
        const own = findEvents(app.schedules.events(), teamSchedule(app, o.team), name).filter((e) => e.source === 'chat' || e.source === 'cli');
        if (own.length !== 1)
          throw new UserError(
            own.length ? `"${name}" matches ${own.map((e) => e.key).join(', ')}: give the key` : `no team date added from chat or the CLI matches "${name}"`,
          );
        app.schedules.deleteEvent(own[0].key);
        console.log(`removed ${own[0].key}`);
      }),
    );

  schedule
    .command('list')
    .description("the team's events of a cycle (official and own), with their reminders marked")
    .option('--cycle <series>', 'series (default: the current cycle)')
    .option('--all', 'every imported cycle')
    .option('--json', 'print the events as JSON')
    .option('--team <name>', 'the team (default: the first of teams:, or the single team)')
    .action((o: { cycle?: string; all?: boolean; json?: boolean; team?: string }) =>
      withApp(global(), (app) => {
        const s = teamSchedule(app, o.team);
        const cycle = o.all ? undefined : (o.cycle?.toLowerCase() ?? currentCycle(app.schedules.cycles(), new Date(), s.cycle)?.name);
        if (cycle && !app.schedules.cycle(cycle) && !o.all) throw noSchedule(app.schedules, cycle);
        const events = app.schedules.events(cycle ? { cycle } : {}).filter((e) => isTeamEvent(e, s));
        if (o.json) return console.log(JSON.stringify({ events: events.map((e) => ({ ...e, reminded: isReminded(e, s) })) }, null, 2));
        for (const e of events) {
          console.log(
            `${e.date} ${e.time ?? '     '}  ${(e.week ?? '').padEnd(5)} ${e.kind.padEnd(14)} ${isReminded(e, s) ? '*' : ' '} ${e.title}  [${e.key}]`,
          );
        }
        console.log(`(* = reminded; ${events.length} events)`);
      }),
    );

  schedule
    .command('plan')
    .description('print the reminders the bot would post between two instants, without posting anything')
    .requiredOption('--from <ISO>', 'start, e.g. 2025-05-01 (UTC)')
    .requiredOption('--to <ISO>', 'end (exclusive), e.g. 2025-10-15')
    .option('--channel <target>', 'a configured channel, "<transport>:<room>" (default: the first, else the defaults)')
    .option('--json', 'print {"reminders": [{"at", "event", "date", "text"}]}')
    .option('--team <name>', 'the team (default: the first of teams:, or the single team)')
    .action((o: { from: string; to: string; channel?: string; json?: boolean; team?: string }) =>
      withApp(global(), (app) => {
        const from = parseInstant(o.from, '--from');
        const to = parseInstant(o.to, '--to');
        if (+to <= +from) throw new UsageError('--to must be after --from');
        const s = teamSchedule(app, o.team);
        const channel = pickChannel(s, o.channel);
        const messages = planEntries(app.schedules, s, channel, from, to);
        if (o.json) {
          console.log(JSON.stringify({ reminders: messages.flatMap((m) => m.entries) }, null, 2));
          return;
        }
        const where = channel.target === s.fallback.target ? '(no channel configured: defaults)' : channel.target;
        console.log(`${messages.length} messages for ${where}, ${channel.timeZone}, at ${channel.postAt}:`);
        for (const m of messages) {
          console.log(`${m.at.toISOString().replace('T', ' ').slice(0, 16)} UTC`);
          for (const e of m.entries) console.log(`  ${e.text}`);
        }
      }),
    );

  schedule
    .command('ics')
    .description("write an iCalendar (RFC 5545) file of the team's events: official, project-specific and own")
    .option('--cycle <series>', 'one cycle (default: every imported cycle)')
    .option('-o, --output <file>', 'write to a file (default: standard output)')
    .option('--team <name>', 'the team (default: the first of teams:, or the single team)')
    .action((o: { cycle?: string; output?: string; team?: string }) =>
      withApp(global(), (app) => {
        const s = teamSchedule(app, o.team);
        const cycle = o.cycle?.toLowerCase();
        const known = cycle ? app.schedules.cycle(cycle) : undefined;
        if (cycle && !known) throw noSchedule(app.schedules, cycle);
        const cal = teamCalendar(app.schedules, s, known);
        const text = calendarText(cal, new Date());
        if (!o.output) return void process.stdout.write(text);
        fs.writeFileSync(o.output, text);
        console.log(`wrote ${cal.events.length} events to ${o.output}`);
      }),
    );
}
