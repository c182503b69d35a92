// Runs the bot on its transports until input ends or a signal arrives.
import type { Readable, Writable } from 'node:stream';
import type { App } from './app.ts';
import { Bot } from './core/bot.ts';
import { createRootLogger } from './log.ts';
import { ConsoleTransport } from './transports/console/console-transport.ts';

export async function runConsoleChat(app: App, input: Readable, output: Writable, interactive: boolean): Promise<void> {
  const log = createRootLogger({ level: 'warn', format: 'pretty' });
  const transport = new ConsoleTransport({ input, output, prompt: interactive });
  const bot = new Bot(app.router, [transport], log);
  if (interactive) output.write('cyclebot console: ask "!ptg <words>", "!help" for commands, Ctrl-D to leave.\n');
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
