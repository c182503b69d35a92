// A web site over a tiny in-memory summary, one hostile title included, for the web unit tests;
// the schedule is the bundled one (createApp imports it).
import pino from 'pino';
import { createApp } from '../../../src/app.ts';
import { validateConfig } from '../../../src/config.ts';
import { importText } from '../../../src/ptg/importer.ts';
import { createWebServer } from '../../../src/web/server.ts';
import { siteDeps } from '../../../src/web/start.ts';

export const SUMMARY = `# Nova 2025.2 Flamingo PTG summary

## Eventlet removal

We discussed removing eventlet from nova-compute this cycle.
AI(gibi): drive the eventlet removal series https://review.opendev.org/c/openstack/nova/+/900001
AGREED: threading mode becomes the default in the scheduler

## Quotas < limits & "quotes" <img src=x onerror=alert(1)

A hostile title, as a pad allows. Nothing else to see here at all, really.
AGREED: escape 1 < 2 && "x" > y
`;

type Server = Awaited<ReturnType<typeof createWebServer>>;

export async function testSite(opts: { rateLimitPerMinute?: number; now?: Date; config?: object; extra?: (app: Server) => void } = {}) {
  const lines: string[] = [];
  const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(s) });
  const app = createApp({ dbPath: ':memory:', config: validateConfig({ ptg: { bundled: false }, ...opts.config }), log });
  importText(app.repo, SUMMARY, 'nova-flamingo.md', { project: 'nova', cycle: 'flamingo', id: 'nova-flamingo' });
  const server = await createWebServer({
    ...siteDeps(app, log, opts.rateLimitPerMinute ?? 1000),
    clock: opts.now ? () => opts.now! : undefined,
  });
  opts.extra?.(server);
  return {
    server,
    app,
    lines,
    close: async () => {
      await server.close();
      app.close();
    },
  };
}
