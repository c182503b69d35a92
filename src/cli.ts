// Command-line entry: chat (default), run, import, ask. Expected failures print one line.
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { createApp, VERSION, type App } from './app.ts';
import { defaultDatabasePath, loadConfig, validateConfig, type Config } from './config.ts';
import { ConfigError, UserError } from './errors.ts';
import { createRootLogger, type Logger } from './log.ts';
import { StoreError } from './store/db.ts';
import { seedIfEmpty } from './ptg/bundled.ts';
import { importFile, importFileIfChanged } from './ptg/importer.ts';
import { runConsoleChat } from './main.ts';

interface GlobalOpts {
  db?: string;
  config?: string;
}

function settings(opts: GlobalOpts, quiet: boolean): { config: Config; configDir: string; dbPath: string; isDefaultDb: boolean; log: Logger } {
  const loaded = opts.config ? loadConfig(opts.config) : { config: validateConfig({}), dir: process.cwd() };
  const { config } = loaded;
  const dbPath = opts.db ?? (config.database ? path.resolve(loaded.dir, config.database) : defaultDatabasePath());
  const log = createRootLogger({ level: quiet ? 'warn' : config.log.level, format: quiet ? 'pretty' : config.log.format });
  return { config, configDir: loaded.dir, dbPath, isDefaultDb: !opts.db && !config.database, log };
}

function openApp(opts: GlobalOpts, quiet: boolean, seed: boolean): { app: App; log: Logger; config: Config } {
  const s = settings(opts, quiet);
  const app = createApp({ dbPath: s.dbPath, config: s.config, log: s.log });
  if (seed && s.isDefaultDb) {
    for (const r of seedIfEmpty(app.repo)) s.log.info({ document: r.id, topics: r.topics }, 'imported bundled summary');
  }
  // Summaries named in the config follow their files: re-imported when the text changed.
  for (const entry of s.config.ptg.summaries) {
    const { file, ...rest } = entry;
    const r = importFileIfChanged(app.repo, path.resolve(s.configDir, file), rest);
    if (r) s.log.info({ document: r.id, topics: r.topics }, 'imported configured summary');
  }
  return { app, log: s.log, config: s.config };
}

const program = new Command('cyclebot')
  .description('Meeting bot for OpenStack teams: PTG decisions, untriaged-bug review, milestone reminders.')
  .version(VERSION, '-V, --version')
  .option('--db <path>', 'SQLite database file (default: config "database", else $CYCLEBOT_HOME/cyclebot.db or ~/.local/share/cyclebot/cyclebot.db)')
  .option('-c, --config <file>', 'YAML config file')
  .showHelpAfterError('(cyclebot --help lists the commands)')
  .exitOverride();

program
  .command('chat', { isDefault: true })
  .description('chat with the bot on standard input (the default; imports the bundled summaries on first start)')
  .action(async () => {
    const { app } = openApp(program.opts<GlobalOpts>(), true, true);
    await runConsoleChat(app, process.stdin, process.stdout, Boolean(process.stdin.isTTY));
  });

program
  .command('import')
  .description('import a PTG summary (etherpad text, Markdown, reStructuredText, HTML or plain mail); the same id is replaced')
  .argument('<file>', 'summary file')
  .option('--project <name>', 'project, e.g. nova (detected from the text when absent)')
  .option('--cycle <series>', 'cycle, e.g. flamingo (detected from the text when absent)')
  .option('--id <doc id>', 'document id (default: file name without extension)')
  .action((file: string, o: { project?: string; cycle?: string; id?: string }) => {
    const { app } = openApp(program.opts<GlobalOpts>(), true, false);
    try {
      const r = importFile(app.repo, file, o);
      console.log(`imported ${r.id}: ${r.project} ${r.release ?? ''} ${r.cycle}, ${r.format}, ${r.topics} topics, ${r.decisions} decisions`.replace(/ {2,}/g, ' '));
    } finally {
      app.close();
    }
  });

program
  .command('ask')
  .description('search the PTG summaries as !ptg does')
  .argument('<query...>', 'words or a question')
  .addOption(new Option('--limit <n>', 'hits to show').default(5).argParser(positiveInt))
  .option('--json', 'print {"query", "hits": [...]} as JSON')
  .action((words: string[], o: { limit: number; json?: boolean }) => {
    const { app } = openApp(program.opts<GlobalOpts>(), true, true);
    try {
      const query = words.join(' ');
      const result = app.search.search(query, o.limit);
      if (o.json) {
        const hits = result.hits.map(({ document, project, cycle, topic, score, decisions, owners, links }) => ({ document, project, cycle, topic, score, decisions, owners, links }));
        console.log(JSON.stringify({ query, hits }, null, 2));
      } else if (result.hits.length === 0) {
        console.log(`nothing found for "${query}"`);
      } else {
        result.hits.forEach((h, i) => {
          console.log(`${i + 1}. [${h.project} ${h.cycle}] ${h.topic}  (score ${h.score}, ${h.document})`);
          for (const d of h.decisions) console.log(`   ✅ ${d}`);
          if (h.owners.length) console.log(`   owners: ${h.owners.join(', ')}`);
          for (const l of h.links) console.log(`   ${l.kind}: ${l.url}`);
        });
      }
    } finally {
      app.close();
    }
  });

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new UserError(`--limit must be a whole number from 1 to 100, not "${v}"`);
  return n;
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? 0 : 2;
  } else if (err instanceof UserError || err instanceof ConfigError || err instanceof StoreError) {
    process.stderr.write(`cyclebot: ${err.message}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`cyclebot: unexpected error: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  }
}
