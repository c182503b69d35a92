// What every CLI verb needs: settings from flags + config, and an opened app.
import path from 'node:path';
import { createApp, type App } from '../app.ts';
import { defaultDatabasePath, loadConfig, validateConfig, type Config } from '../config.ts';
import { createRootLogger, type Logger } from '../log.ts';
import { seedIfEmpty } from '../ptg/bundled.ts';
import { importFileIfChanged } from '../ptg/importer.ts';
import type { ScheduleSettings } from '../schedule/settings.ts';
import { UsageError } from '../errors.ts';
import type { Team } from '../teams/model.ts';

export interface GlobalOpts {
  db?: string;
  config?: string;
  verbose?: boolean;
  logFile?: string;
}

export interface Settings {
  config: Config;
  configDir: string;
  dbPath: string;
  log: Logger;
}

/**
 * quiet: a one-shot verb or the console chat: warnings only, readably, on stderr (the console
 * chat: errors only, so answers are not drowned in log lines); 'auto': quiet unless a chat
 * network is configured (then the service logs as configured). --verbose logs everything at info
 * on stderr, --log-file to that file instead.
 */
export function settings(opts: GlobalOpts, quietOpt: boolean | 'auto' | 'console'): Settings {
  const loaded = opts.config ? loadConfig(opts.config) : { config: validateConfig({}), dir: process.cwd() };
  const { config } = loaded;
  const quiet = quietOpt === 'auto' ? !config.irc && !config.matrix : Boolean(quietOpt);
  const dbPath = opts.db ?? (config.database ? path.resolve(loaded.dir, config.database) : defaultDatabasePath());
  const loud = Boolean(opts.verbose || opts.logFile);
  const level = loud ? (config.log.level === 'debug' ? 'debug' : 'info') : quietOpt === 'console' ? 'error' : quiet ? 'warn' : config.log.level;
  const log = createRootLogger({ level, format: quiet && !opts.logFile ? 'pretty' : config.log.format, file: opts.logFile });
  return { config, configDir: loaded.dir, dbPath, log };
}

/**
 * Opens the database and the app. Every verb seeds the same way: a database holding no PTG
 * summary gets the bundled ones (unless ptg.bundled is false), whichever command opens it first.
 */
export function openApp(opts: GlobalOpts, quiet: boolean | 'auto' | 'console'): { app: App } & Settings {
  const s = settings(opts, quiet);
  const app = createApp({ dbPath: s.dbPath, config: s.config, log: s.log });
  try {
    if (s.config.ptg.bundled) {
      for (const r of seedIfEmpty(app.repo)) s.log.info({ document: r.id, topics: r.topics }, 'imported bundled summary');
    }
    // Summaries named in the config follow their files: re-imported when the text changed.
    for (const entry of s.config.ptg.summaries) {
      const { file, ...rest } = entry;
      const r = importFileIfChanged(app.repo, path.resolve(s.configDir, file), rest);
      if (r) s.log.info({ document: r.id, topics: r.topics }, 'imported configured summary');
    }
  } catch (err) {
    app.close();
    throw err;
  }
  return { app, ...s };
}

/** Runs fn with an opened app and always closes the database. */
export async function withApp<T>(opts: GlobalOpts, fn: (app: App, s: Settings) => Promise<T> | T): Promise<T> {
  const { app, ...s } = openApp(opts, true);
  try {
    return await fn(app, s);
  } finally {
    app.close();
  }
}

/** The team `--team` names (default: the first served team); an unknown name is one usage line naming the teams. */
export function teamOption(app: App, name?: string): Team {
  const { teams } = app.teams.roster;
  if (name === undefined) return teams[0];
  const team = app.teams.byName.get(name.toLowerCase());
  if (team) return team;
  const names = teams.map((t) => t.name);
  throw new UsageError(
    `--team: no team "${name.slice(0, 40)}" (teams: ${names.slice(0, 10).join(', ')}${names.length > 10 ? `, … ${names.length} in all` : ''})`,
  );
}

/** The schedule settings of the team `--team` names. */
export function teamSchedule(app: App, name?: string): ScheduleSettings {
  return app.scheduleTeams.get(teamOption(app, name).name) ?? app.scheduleSettings;
}
