// A web site over a tiny in-memory summary, one hostile title included, for the web unit tests.
import pino from 'pino';
import { importText } from '../../../src/ptg/importer.ts';
import { PtgRepo } from '../../../src/ptg/repo.ts';
import { PtgSearch } from '../../../src/ptg/search.ts';
import { openDb } from '../../../src/store/db.ts';
import { createWebServer } from '../../../src/web/server.ts';

export const SUMMARY = `# Nova 2025.2 Flamingo PTG summary

## Eventlet removal

We discussed removing eventlet from nova-compute this cycle.
AI(gibi): drive the eventlet removal series https://review.opendev.org/c/openstack/nova/+/900001
AGREED: threading mode becomes the default in the scheduler

## Quotas < limits & "quotes" <img src=x onerror=alert(1)

A hostile title, as a pad allows. Nothing else to see here at all, really.
AGREED: escape 1 < 2 && "x" > y
`;

export async function testSite(opts: { rateLimitPerMinute?: number; extra?: (app: Awaited<ReturnType<typeof createWebServer>>) => void } = {}) {
  const db = openDb(':memory:');
  const repo = new PtgRepo(db);
  importText(repo, SUMMARY, 'nova-flamingo.md', { project: 'nova', cycle: 'flamingo', id: 'nova-flamingo' });
  const lines: string[] = [];
  const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(s) });
  const server = await createWebServer({ search: new PtgSearch(repo), repo, log, rateLimitPerMinute: opts.rateLimitPerMinute ?? 1000 });
  opts.extra?.(server);
  return { server, repo, lines, close: async () => { await server.close(); db.close(); } };
}
