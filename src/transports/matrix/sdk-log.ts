// matrix-bot-sdk logs through a process-wide LogService (console by default). Route it to pino.
// MatrixHttpClient logs every non-2xx at ERROR, including the expected 404 for m.direct and the
// 429s we retry ourselves, so that module goes to debug: the transport logs what matters.
import type { Logger } from 'pino';
import { LogLevel, LogService } from './sdk-patches.ts';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** SDK modules whose messages are demoted to debug (noise we handle and log ourselves). */
const QUIET = new Set(['MatrixHttpClient', 'DMs']);

/** Turns the SDK's (module, ...parts) arguments into one pino call. */
export function sdkLogLine(module: string, parts: unknown[]): { obj: Record<string, unknown>; msg: string } {
  const err = parts.find((p): p is Error => p instanceof Error);
  const text = parts
    .filter((p) => p !== err)
    .map((p) => (typeof p === 'string' ? p : safeJson(p)))
    .join(' ');
  const obj: Record<string, unknown> = { sdk: module };
  if (err) obj.err = err;
  return { obj, msg: redactToken(text) };
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

// Request URLs never carry the token (it goes in a header), but be safe if a caller adds one.
function redactToken(text: string): string {
  return text.replace(/access_token=[^&\s"]+/g, 'access_token=<redacted>');
}

/** Points the SDK's global LogService at this logger (last caller wins; it is process-wide). */
export function routeSdkLogs(log: Logger): void {
  const emit =
    (level: Level) =>
    (module: string, ...parts: unknown[]) => {
      const { obj, msg } = sdkLogLine(module, parts);
      const target: Level = QUIET.has(module) && level !== 'trace' ? 'debug' : level === 'info' ? 'debug' : level;
      log[target](obj, msg);
    };
  LogService.setLogger({ trace: emit('trace'), debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') });
  // The SDK formats trace/debug strings (request bodies) only when its own level asks for them.
  LogService.setLevel(log.isLevelEnabled('debug') ? LogLevel.DEBUG : LogLevel.INFO);
}
