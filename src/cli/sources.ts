// HTTP settings for the verbs that read live sources: the Launchpad client's User-Agent, timeout and retries.
import { VERSION } from '../app.ts';
import type { Config } from '../config.ts';
import { MAX_SOURCE_BYTES, SourceError, type SourceHttpOptions } from '../sources/http.ts';
import { userAgent } from '../triage/index.ts';
import { UserError } from '../errors.ts';

/** No retry log lines: a one-shot verb says what failed in one line, at the end. */
export function sourceHttpOptions(config: Config): SourceHttpOptions {
  const lp = config.launchpad;
  return { userAgent: userAgent(VERSION, lp.contactUrl), timeoutMs: lp.timeoutSeconds * 1000, retries: lp.retries, maxBytes: MAX_SOURCE_BYTES };
}

/** A source that could not be read becomes the CLI's one-line failure (exit 1). */
export async function sourceErrors<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof SourceError) throw new UserError(`${what}: ${err.message}`);
    throw err;
  }
}
