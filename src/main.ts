// Runs the bot: as the service on IRC and/or Matrix, or as the console chat. Composition only.
import type { Readable, Writable } from 'node:stream';
import type { Logger } from 'pino';
import { VERSION, type App } from './app.ts';
import type { Config } from './config.ts';
import { Bot } from './core/bot.ts';
import { KeptReplies } from './core/kept-replies.ts';
import { watchPrefixClashes } from './meetings/prefix-clash.ts';
import type { Reply, Transport } from './core/types.ts';
import { startReminders } from './schedule/scheduler.ts';
import { startScheduleSync } from './schedule/live.ts';
import { command, lineText, rich } from './core/rich.ts';
import { createRootLogger } from './log.ts';
import { SourceRefresher } from './sources/refresher.ts';
import { sourceHttpOptions } from './sources/settings.ts';
import { KeptReplyRepo } from './store/kept-reply-repo.ts';
import { KvRepo } from './store/kv-repo.ts';
import type { TransportContext, TransportPlugin } from './core/transport-plugin.ts';
import { ConsoleTransport } from './transports/console/console-transport.ts';
import { ircPlugin } from './transports/irc/plugin.ts';
import { matrixPlugin } from './transports/matrix/plugin.ts';

/** A transport plugin against its config section: made only when the section is there. */
function plug<K extends keyof Config>(section: K, plugin: TransportPlugin<NonNullable<Config[K]>>) {
  return (config: Config, ctx: TransportContext) => {
    const settings = config[section];
    return settings == null ? null : plugin.create(settings as NonNullable<Config[K]>, { ...ctx, log: ctx.log.child({ module: plugin.name }) });
  };
}

/** Every chat transport, one line each: a new transport adds its line here (and its config section). */
const TRANSPORTS = [plug('irc', ircPlugin), plug('matrix', matrixPlugin)];

/** The console chat, never a network: answers in the order asked; logs as the caller's logger says. */
export async function runConsoleChat(
  app: App,
  input: Readable,
  output: Writable,
  interactive: boolean,
  log: Logger = createRootLogger({ level: 'error', format: 'pretty' }),
): Promise<void> {
  const transport = new ConsoleTransport({ input, output, prompt: interactive });
  const bot = new Bot(app.router, [transport], log);
  if (interactive) {
    const banner = app.router.render({ lines: [rich`cyclebot console: ask "${command('ptg <words>')}", "${command('help')}" for commands, Ctrl-D to leave.`] });
    output.write(`${lineText(banner.lines[0])}\n`);
  }
  const stop = async () => {
    await bot.stop();
    app.close();
  };
  const onSignal = () => void stop().then(() => process.exit(0));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  await bot.start();
  await transport.closed();
  await stop();
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}

// Loaded only when configured: the chat libraries are most of the start-up time.
export async function chatTransports(app: App, config: Config, log: Logger): Promise<Transport[]> {
  const { opsAreChairs, chairPowerLevel, adminPowerLevel } = config.permissions;
  const ctx = {
    nick: config.nick,
    roles: { opsAreChairs, chairPowerLevel, adminPowerLevel },
    kv: (namespace: string) => new KvRepo(app.db, namespace),
    log,
    metrics: app.metrics,
  };
  const out: Transport[] = [];
  for (const make of TRANSPORTS) {
    const transport = await make(config, ctx);
    if (transport) out.push(transport);
  }
  return out;
}

/** The service: connects every configured chat, answers until SIGTERM/SIGINT, then says goodbye. */
export async function runService(app: App, config: Config, log: Logger): Promise<void> {
  // The search index is built before connecting, so the first question is answered as fast as the rest;
  // after an import (live sources, !ptg import) a large one is rebuilt in slices, not in one block.
  app.search.warm();
  app.search.keepLoopFree();
  const transports = await chatTransports(app, config, log);
  // Acknowledgements and minutes lines are kept on disk until delivered: a kill -9 loses none.
  const kept = new KeptReplies(new KeptReplyRepo<Reply>(app.db), log.child({ module: 'kept-replies' }));
  const bot = new Bot(app.router, transports, log.child({ module: 'bot' }), kept, app.metrics);
  // One tracker for the whole bot: triage minutes and reminders both ask it.
  const { meetings } = app;
  bot.observe((msg, now) => meetings.observe(msg, now));
  watchPrefixClashes(bot, app.prefixClash, { prefix: config.prefix, nick: config.nick, log });
  meetings.onChange((e) => log.info({ room: e.meeting.room, transport: e.meeting.transport }, `meeting ${e.kind}`));
  const post = (transport: string, room: string, reply: Reply) => bot.post(transport, room, reply);

  let health: NodeJS.Timeout | null = null;
  let reminders: NonNullable<ReturnType<typeof startReminders>>[] = [];
  let daily: NodeJS.Timeout | null = null;
  // ptg.sources: the summaries on the web, fetched again every refreshMinutes while running.
  const refresher = new SourceRefresher({
    sources: config.ptg.sources,
    everyMs: config.ptg.refreshMinutes * 60_000,
    ptg: app.repo,
    state: app.sourceState,
    http: sourceHttpOptions(config, VERSION),
    log: log.child({ module: 'sources' }),
  });
  let scheduleSync: ReturnType<typeof startScheduleSync> | null = null;
  let site: { close(): Promise<void> } | null = null;
  let stopping: Promise<void> | null = null;
  const stop = (signal: string) => {
    stopping ??= (async () => {
      log.info({ signal }, 'stopping: saying goodbye and flushing queued replies');
      if (health) clearInterval(health);
      if (daily) clearInterval(daily);
      for (const r of reminders) r.stop();
      await site?.close();
      await refresher.stop();
      await scheduleSync?.runner?.stop();
      await bot.stop('cyclebot is restarting or shutting down');
      app.close();
      log.info('stopped');
    })();
    return stopping;
  };
  // Exit explicitly: the Matrix SDK cannot abort its open /sync long-poll or keep-alive sockets.
  const done = new Promise<void>((resolve) => {
    const onSignal = (signal: string) =>
      void stop(signal)
        .then(resolve)
        .then(() => process.exit(0));
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });

  try {
    await bot.start();
  } catch (err) {
    // A start-up error no retry fixes (a rejected Matrix token): stop the transports already
    // connected, or the IRC client would keep the process alive without Matrix, reminders or
    // health line, and the service manager would never see the failure.
    await stop('start-up failed');
    throw err;
  }
  log.info({ transports: transports.map((t) => t.name) }, 'cyclebot running');
  // One reminder scheduler a team: each posts its team's deadlines to its team's channels only.
  reminders = [...app.scheduleTeams].flatMap(([team, settings]) => {
    const r = startReminders({
      repo: app.schedules,
      settings,
      meetings,
      log: log.child({ module: 'schedule', ...(app.teams.roster.multi ? { team } : {}) }),
      post,
    });
    return r ? [r] : [];
  });
  // Reminders that failed while a transport was away (IRC disconnected or kicked, Matrix not yet
  // started) are tried again as soon as it is back, not minutes later.
  // schedule.sync: the release schedule from the openstack/releases tree; moves announced once.
  scheduleSync = startScheduleSync({
    db: app.db,
    repo: app.schedules,
    state: app.sourceState,
    teams: [...app.scheduleTeams.values()],
    sync: config.schedule.sync,
    http: sourceHttpOptions(config, VERSION),
    meetings,
    post,
    log: log.child({ module: 'schedule-sync' }),
  });
  for (const t of transports) {
    t.onAvailable?.(() => {
      for (const r of reminders) r.retryFailed(t.name);
      scheduleSync?.transportBack();
    });
  }
  refresher.start();
  if (config.web) {
    try {
      site = await serveSite(app, config, transports, log);
    } catch (err) {
      // A taken port is a start-up error like a rejected token: stop everything, say why once.
      await stop('web site failed to start');
      throw err;
    }
  }
  // The untriaged backlog is counted once a day (a no-op when today's count exists), for !triage stats.
  const countBacklog = () => {
    for (const [team, triage] of app.triageTeams) {
      const of = app.teams.roster.multi ? { team } : {};
      void triage.recordDailyBacklog().catch((err: unknown) => log.warn({ err, ...of }, 'daily backlog count failed'));
      // Decisions a kill -9 or an outage left unwritten are finished without waiting for a !triage command.
      void triage.finishWrites().then(
        (said) => said.length && log.info({ said, ...of }, 'kept Launchpad writes retried'),
        (err: unknown) => log.warn({ err, ...of }, 'kept Launchpad writes not retried'),
      );
    }
  };
  setTimeout(countBacklog, 60_000).unref();
  daily = setInterval(countBacklog, 6 * 3600_000);
  daily.unref();
  if (config.healthMinutes > 0) {
    health = setInterval(() => {
      const facts = Object.fromEntries(transports.map((t) => [t.name, t.health?.() ?? {}]));
      log.info({ health: facts, rss: process.memoryUsage().rss }, 'health');
    }, config.healthMinutes * 60_000);
    health.unref();
  }
  await done;
}

/** The web site (config `web:`), in this process; loaded only when configured. */
async function serveSite(app: App, config: Config, transports: Transport[], log: Logger): Promise<{ close(): Promise<void> }> {
  const { startSite } = await import('./web/start.ts');
  const site = await startSite(
    app,
    config.web,
    log.child({ module: 'web' }),
    {},
    {
      transports: () => transports.map((t) => ({ name: t.name, facts: t.health?.() ?? {} })),
      sources: () => app.sourceState.all().map((s) => ({ name: s.key, lastOkAt: s.successAt, lastError: s.error })),
    },
  );
  log.info({ url: site.url }, 'web site serving');
  return site;
}
