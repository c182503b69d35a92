// The `web:` config section: the read-only web site (issue 17), off unless the section is there.
import { z } from 'zod';

export const WebConfigSchema = z.strictObject({
  /** Address to listen on; loopback by default (put a reverse proxy in front for the world). */
  host: z.string().min(1).default('127.0.0.1'),
  /** TCP port; 0 picks a free one (the URL is logged and printed). */
  port: z.number().int().min(0).max(65_535).default(8080),
  /** The public address of the site, e.g. https://cyclebot.example.org: `!ptg` answers end with a permalink under it. */
  baseUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  /** Requests per minute one client address may make before getting 429. */
  rateLimitPerMinute: z.number().int().min(1).max(1_000_000).default(300),
});

export type WebConfig = z.infer<typeof WebConfigSchema>;

export const WEB_DEFAULTS: WebConfig = WebConfigSchema.parse({});
