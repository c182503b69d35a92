// The `web` verb: serves only the web site (no chat), on the config's web section or the defaults.
import { InvalidArgumentError, type Command } from 'commander';
import { openApp, type GlobalOpts } from './context.ts';

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new InvalidArgumentError('expected a port from 0 to 65535');
  return n;
}

export function registerWebVerbs(program: Command): void {
  program
    .command('web')
    .description('serve the read-only web site (decisions, schedule, triage) and print its URL; Ctrl-C stops it')
    .option('--host <address>', 'address to listen on (default: config web.host, else 127.0.0.1)')
    .option('--port <n>', 'port (default: config web.port, else 8080; 0 picks a free one)', port)
    .action(async (o: { host?: string; port?: number }) => {
      const { app, config, log } = openApp(program.opts<GlobalOpts>(), true);
      try {
        // Loaded here: the chat verbs never pay for the HTTP server.
        const { startSite } = await import('../web/start.ts');
        const site = await startSite(app, config.web, log, o);
        process.stdout.write(`cyclebot web: serving ${site.url}\n`);
        await new Promise<void>((resolve) => {
          const stop = () => void site.close().then(resolve, resolve);
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      } finally {
        app.close();
      }
    });
}
