// The security headers of every page (helmet's, with our Content-Security-Policy), worked out once
// at start: they are the same for every response (no nonces: the site has no script). Helmet's
// own middleware, called per request as @fastify/helmet does, re-parsed its options each time and
// cost a tenth of the server's CPU under load.
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/** The headers helmet's middleware would set, by lower-case name. */
export function securityHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let failure: unknown = null;
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => void (failure = err ?? null));
  if (failure) throw failure;
  return headers;
}
