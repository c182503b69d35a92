// Composition of the platform-neutral parts: store, search, commands, router.
import fs from 'node:fs';
import type { Logger } from 'pino';
import { adminCommands } from '../commands/admin.ts';
import { helpCommands } from '../commands/help.ts';
import { ptgCommands } from '../commands/ptg.ts';
import type { Config } from './config.ts';
import { Pager } from './core/pager.ts';
import { RateLimiter } from './core/rate-limit.ts';
import { Registry } from './core/registry.ts';
import { Router } from './core/router.ts';
import { PtgSearch } from './ptg/search.ts';
import { openDb, type Db } from './store/db.ts';
import { PtgRepo } from './store/ptg-repo.ts';

export const VERSION: string = (JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface App {
  db: Db;
  repo: PtgRepo;
  search: PtgSearch;
  registry: Registry;
  router: Router;
  close(): void;
}

export function createApp(opts: { dbPath: string; config: Config; log: Logger; clock?: () => Date }): App {
  const db = openDb(opts.dbPath);
  const repo = new PtgRepo(db);
  const search = new PtgSearch(repo);
  const { config } = opts;
  const registry = new Registry();
  const specs = [
    ...ptgCommands({ search, repo, pager: new Pager(), maxHits: config.ptg.maxHits }),
    ...helpCommands(() => registry, config.prefix),
    ...adminCommands({ repo, version: VERSION, startedAt: opts.clock?.() ?? new Date() }),
  ];
  for (const spec of specs) registry.add(spec);
  const router = new Router(registry, {
    prefix: config.prefix,
    nick: config.nick,
    permissions: config.permissions,
    rateLimiter: new RateLimiter(config.rateLimit),
    maxInputChars: config.maxInputChars,
    replyToUnknownInRooms: config.replyToUnknownInRooms,
    log: opts.log.child({ module: 'router' }),
    clock: opts.clock,
  });
  return { db, repo, search, registry, router, close: () => db.close() };
}
