// Real wiring for Matrix integration tests: createApp + bundled PTG summaries + Bot + MatrixTransport
// on an SQLite file, against the loopback fake homeserver. Set MATRIX_TEST_LOG=debug to see logs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { createApp, type App } from '../../../src/app.ts';
import { validateConfig, type Config } from '../../../src/config.ts';
import { Bot } from '../../../src/core/bot.ts';
import { seedIfEmpty } from '../../../src/ptg/bundled.ts';
import { KvRepo } from '../../../src/store/kv-repo.ts';
import { SqliteStorageProvider } from '../../../src/transports/matrix/storage.ts';
import { MatrixTransport, type MatrixTransportOptions } from '../../../src/transports/matrix/matrix-transport.ts';
import type { FakeHomeserver } from '../../helpers/fake-homeserver.ts';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface Running {
  app: App;
  bot: Bot;
  transport: MatrixTransport;
  storage: SqliteStorageProvider;
  dbPath: string;
  logs: LogLine[];
  /** ms from bot.start() call to resolution. */
  startMs: number;
  stop(): Promise<void>;
}

export function tempDb(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cyclebot-matrix-')), 'bot.db');
}

/** Captures log lines as objects; also prints them when MATRIX_TEST_LOG is set. */
export function captureLogger(logs: LogLine[]): Logger {
  const level = process.env.MATRIX_TEST_LOG ?? 'debug';
  return pino(
    { level },
    {
      write(line: string) {
        logs.push(JSON.parse(line) as LogLine);
        if (process.env.MATRIX_TEST_LOG) process.stderr.write(line);
      },
    },
  );
}

export function testConfig(fake: FakeHomeserver, matrix: Record<string, unknown> = {}, top: Record<string, unknown> = {}): Config {
  return validateConfig({ matrix: { homeserverUrl: fake.url, accessToken: fake.token, rooms: ['!nova:test'], ...matrix }, ...top }, 'test config', {});
}

export async function startBot(
  fake: FakeHomeserver,
  opts: { dbPath?: string; config?: Config; transport?: Partial<Omit<MatrixTransportOptions, 'storage' | 'log'>> } = {},
): Promise<Running> {
  const logs: LogLine[] = [];
  const log = captureLogger(logs);
  const config = opts.config ?? testConfig(fake);
  const dbPath = opts.dbPath ?? tempDb();
  const app = createApp({ dbPath, config, log });
  seedIfEmpty(app.repo);
  const storage = new SqliteStorageProvider(new KvRepo(app.db, 'matrix'));
  const transport = new MatrixTransport(config.matrix!, { storage, log, syncTimeoutMs: 10_000, ...opts.transport });
  const bot = new Bot(app.router, [transport], log);
  const t0 = performance.now();
  try {
    await bot.start();
  } catch (err) {
    await bot.stop();
    app.close();
    throw err;
  }
  const startMs = performance.now() - t0;
  let stopped = false;
  return {
    app,
    bot,
    transport,
    storage,
    dbPath,
    logs,
    startMs,
    async stop() {
      if (stopped) return;
      stopped = true;
      await bot.stop();
      app.close();
    },
  };
}

/** Log lines at warn (40) or above. */
export function problems(logs: LogLine[]): LogLine[] {
  return logs.filter((l) => l.level >= 40);
}
