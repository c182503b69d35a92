// Command-line entry: chat (default) and the verbs of each domain. Expected failures print one line.
import { Command, CommanderError } from 'commander';
import { VERSION } from './app.ts';
import { ConfigError, UserError } from './errors.ts';
import { StoreError } from './store/db.ts';
import { openApp, type GlobalOpts } from './cli/context.ts';
import { registerPtgVerbs } from './cli/ptg.ts';
import { registerTriageVerbs } from './cli/triage.ts';
import { registerScheduleVerbs } from './cli/schedule.ts';
import { runConsoleChat, runService } from './main.ts';

const program = new Command('cyclebot')
  .description('Meeting bot for OpenStack teams: PTG decisions, untriaged-bug review, milestone reminders.')
  .version(VERSION, '-V, --version')
  .option('--db <path>', 'SQLite database file (default: config "database", else $CYCLEBOT_HOME/cyclebot.db or ~/.local/share/cyclebot/cyclebot.db)')
  .option('-c, --config <file>', 'YAML config file')
  .showHelpAfterError('(cyclebot --help lists the commands)')
  .exitOverride();

// With IRC or Matrix configured the bot runs as a service; otherwise it is a console chat.
async function start(): Promise<void> {
  const { app, config, log } = openApp(program.opts<GlobalOpts>(), 'auto', true);
  if (config.irc || config.matrix) return runService(app, config, log);
  return runConsoleChat(app, process.stdin, process.stdout, Boolean(process.stdin.isTTY));
}

program
  .command('chat', { isDefault: true })
  .description('chat with the bot on standard input (the default; imports the bundled summaries on first start)')
  .action(start);

program
  .command('run')
  .description('run on IRC and/or Matrix as configured (-c <file>); with neither configured, the console chat')
  .action(start);

registerPtgVerbs(program);
registerTriageVerbs(program);
registerScheduleVerbs(program);

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
