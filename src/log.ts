// One logger for the process, a named child per module. JSON for services, readable for people.
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

export interface LogOptions {
  level: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  format: 'json' | 'pretty';
}

/** Logs go to stderr so stdout stays the chat / command output. */
export function createRootLogger(opts: LogOptions): Logger {
  if (opts.format === 'pretty') {
    return pino({ level: opts.level }, pretty({ destination: 2, sync: true, colorize: false, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss' }));
  }
  return pino({ level: opts.level }, pino.destination({ dest: 2, sync: true }));
}

export function moduleLogger(root: Logger, module: string): Logger {
  return root.child({ module });
}
