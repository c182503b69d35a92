// Runs the real bot against a test IRC server: createApp (real router and commands, bundled
// PTG summaries seeded) + Bot + IrcTransport, exactly as production wires them (metrics included). Logs are kept
// as records for assertions (IRC_TEST_LOG=1 also prints them).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createApp, type App } from '../../../src/app.ts';
import { validateConfig } from '../../../src/config.ts';
import { Bot } from '../../../src/core/bot.ts';
import { watchPrefixClashes } from '../../../src/meetings/prefix-clash.ts';
import type { CommandSpec } from '../../../src/core/types.ts';
import { seedIfEmpty } from '../../../src/ptg/bundled.ts';
import { IrcTransport, type IrcState, type IrcTransportOptions } from '../../../src/transports/irc/irc-transport.ts';

export interface LogRecord {
  level: number;
  msg: string;
  [k: string]: unknown;
}

export interface TestBot {
  app: App;
  bot: Bot;
  irc: IrcTransport;
  logs: LogRecord[];
  stop(): Promise<void>;
}

export interface BotSetup {
  /** The `irc` config section (host defaults to 127.0.0.1, tls to false). */
  irc: Record<string, unknown>;
  /** Other top-level config keys (nick, permissions, rateLimit, …). */
  config?: Record<string, unknown>;
  transport?: Partial<IrcTransportOptions>;
  extraCommands?: CommandSpec[];
}

export async function startBot(setup: BotSetup): Promise<TestBot> {
  const logs: LogRecord[] = [];
  const log = pino(
    { level: 'debug' },
    {
      write(s: string) {
        logs.push(JSON.parse(s) as LogRecord);
        if (process.env.IRC_TEST_LOG) process.stderr.write(s);
      },
    },
  );
  const config = validateConfig({ ...setup.config, irc: { host: '127.0.0.1', tls: false, ...setup.irc } }, 'test', {});
  const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cyclebot-irc-'));
  const app = createApp({ dbPath: path.join(dbDir, 'bot.db'), config, log });
  seedIfEmpty(app.repo);
  for (const spec of setup.extraCommands ?? []) app.registry.add(spec);
  const irc = new IrcTransport(config.irc!, {
    nick: config.nick,
    log: log.child({ module: 'irc' }),
    reconnectMinDelayMs: 200,
    metrics: app.metrics,
    ...setup.transport,
  });
  const bot = new Bot(app.router, [irc], log, undefined, app.metrics);
  watchPrefixClashes(bot, app.prefixClash, { prefix: config.prefix, nick: config.nick, log });
  await bot.start();
  let stopped = false;
  return {
    app,
    bot,
    irc,
    logs,
    async stop() {
      if (stopped) return;
      stopped = true;
      await bot.stop('test over');
      app.close();
    },
  };
}

/** Resolves when the transport emits `event` with a value passing `pred` (or times out). */
export function nextEvent<T>(irc: IrcTransport, event: 'state' | 'joined' | 'nick', pred: (v: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      irc.off(event, fn);
      reject(new Error(`no '${event}' event within ${timeoutMs} ms (state ${irc.state})`));
    }, timeoutMs);
    const fn = (v: T) => {
      if (!pred(v)) return;
      clearTimeout(timer);
      irc.off(event, fn);
      resolve(v);
    };
    irc.on(event, fn);
  });
}

export const stateIs = (s: IrcState) => (v: IrcState) => v === s;

/** Waits until all configured channels are joined (now or later). */
export async function allJoined(irc: IrcTransport, timeoutMs = 10_000): Promise<void> {
  const missing = () => irc.cfg.channels.filter((c) => !irc.events.joined.has(c));
  while (missing().length) await nextEvent(irc, 'joined', () => true, timeoutMs);
}
