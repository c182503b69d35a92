// Command-line entry: chat (default) and the verbs of each domain. Expected failures print one line.
import { Command, CommanderError } from 'commander';
import { VERSION } from './app.ts';
import { ConfigError, UserError } from './errors.ts';
import { StoreError } from './store/db.ts';
import { openApp, type GlobalOpts } from './cli/context.ts';
import { registerPtgVerbs } from './cli/ptg.ts';
import { runConsoleChat } from './main.ts';

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

registerPtgVerbs(program);

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
