// One logger for the process, a named child per module. JSON for services, readable for people.
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

export interface LogOptions {
  level: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  format: 'json' | 'pretty';
  /** Append to this file instead of stderr. */
  file?: string;
}

/** Logs go to stderr (or a file) so stdout stays the chat / command output. */
export function createRootLogger(opts: LogOptions): Logger {
  const dest = opts.file ?? 2;
  if (opts.format === 'pretty') {
    return pino(
      { level: opts.level },
      pretty({ destination: dest, sync: true, colorize: false, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss', append: true, mkdir: true }),
    );
  }
  return pino({ level: opts.level }, pino.destination({ dest, sync: true, append: true, mkdir: true }));
}

export function moduleLogger(root: Logger, module: string): Logger {
  return root.child({ module });
}
