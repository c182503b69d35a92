// What the verbs reading live sources share: HTTP settings from the config, and one-line failures.
import { VERSION } from '../app.ts';
import type { Config } from '../config.ts';
import { UserError } from '../errors.ts';
import { SourceError, type SourceHttpOptions } from '../sources/http.ts';
import { sourceHttpOptions as fromConfig } from '../sources/settings.ts';

export function sourceHttpOptions(config: Config): SourceHttpOptions {
  return fromConfig(config, VERSION);
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
