// Command-line entry: run (default), chat and the verbs of each domain. Expected failures print one
// line; usage errors exit 2, other expected failures 1.
import { Command, CommanderError } from 'commander';
import { VERSION } from './app.ts';
import { ConfigError, UsageError, UserError } from './errors.ts';
import { storageFailure, StoreError } from './store/db.ts';
import { openApp, settings, type GlobalOpts } from './cli/context.ts';
import { registerPtgVerbs } from './cli/ptg.ts';
import { registerTriageVerbs } from './cli/triage.ts';
import { registerScheduleVerbs } from './cli/schedule.ts';
import { registerWebVerbs } from './cli/web.ts';
import { runConsoleChat, runService } from './main.ts';

const program = new Command('cyclebot')
  .description('Meeting bot for OpenStack teams: PTG decisions, untriaged-bug review, milestone reminders.')
  .version(VERSION, '-V, --version')
  .option('--db <path>', 'SQLite database file (default: config "database", else $CYCLEBOT_HOME/cyclebot.db or ~/.local/share/cyclebot/cyclebot.db)')
  .option('-c, --config <file>', 'YAML config file')
  .option('--verbose', 'log at info level on stderr (the console chat otherwise logs only errors, other verbs warnings)')
  .option('--log-file <file>', 'append the log to this file instead of stderr')
  .showHelpAfterError('(cyclebot --help lists the commands)')
  .exitOverride();

const verbs = () => program.commands.filter((c) => !(c as unknown as { _hidden: boolean })._hidden).map((c) => c.name());

/** The console chat: standard input and output, never a network, whatever the config says. */
function chat(): Promise<void> {
  const { app, log } = openApp(program.opts<GlobalOpts>(), 'console');
  return runConsoleChat(app, process.stdin, process.stdout, Boolean(process.stdin.isTTY), log);
}

/** The service on the configured networks; with none configured, the console chat. */
function run(): Promise<void> {
  const opts = program.opts<GlobalOpts>();
  const probe = settings(opts, 'auto');
  if (!probe.config.irc && !probe.config.matrix) return chat();
  const { app, config, log } = openApp(opts, 'auto');
  return runService(app, config, log);
}

// No verb: run (networks when configured, else the console). A word that is no verb is an error
// naming the verbs, not an argument of the default command.
program
  .command('default', { isDefault: true, hidden: true })
  .allowExcessArguments()
  .action((_o: unknown, cmd: Command) => {
    if (cmd.args.length) throw new UsageError(`unknown command '${cmd.args[0].slice(0, 40)}' (commands: ${verbs().join(', ')}; cyclebot --help)`);
    return run();
  });

program.command('chat').description('chat with the bot on standard input, never on a network (imports the bundled summaries on first start)').action(chat);

program.command('run').description('run on IRC and/or Matrix as configured (-c <file>); with neither configured, the console chat').action(run);

registerPtgVerbs(program);
registerTriageVerbs(program);
registerScheduleVerbs(program);
registerWebVerbs(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? 0 : 2;
  } else if (err instanceof UserError || err instanceof ConfigError || err instanceof StoreError) {
    process.stderr.write(`cyclebot: ${err.message}\n`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  } else if (storageFailure(err)) {
    process.stderr.write(`cyclebot: ${storageFailure(err)}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`cyclebot: unexpected error: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  }
}
