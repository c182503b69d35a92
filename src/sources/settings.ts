// HTTP settings for live sources from the config: the Launchpad client's User-Agent, timeout and retries.
import type { LaunchpadConfig } from '../triage/config.ts';
import { userAgent } from '../triage/index.ts';
import { MAX_SOURCE_BYTES, type SourceHttpOptions } from './http.ts';

/** No retry log lines here: a verb or a chat answer says what failed in one line, at the end. */
export function sourceHttpOptions(config: { launchpad: LaunchpadConfig }, version: string): SourceHttpOptions {
  const lp = config.launchpad;
  return { userAgent: userAgent(version, lp.contactUrl), timeoutMs: lp.timeoutSeconds * 1000, retries: lp.retries, maxBytes: MAX_SOURCE_BYTES };
}
