// /healthz: each chat transport's facts, the live sources' last fetch, the outgoing queue
// lengths; 200 when every transport is connected, 503 otherwise (so a load balancer or a
// service monitor can tell).
import type { FastifyInstance } from 'fastify';

/** What the running bot reports; `cyclebot web` alone has no transport and is healthy. */
export interface HealthSource {
  transports(): { name: string; facts: Record<string, unknown> }[];
  /** Last fetch of each live source (PTG summaries, schedule sync), as !status knows it. */
  sources?(): { name: string; lastOkAt: number | null; lastError: string | null }[];
}

/** A transport's own word for being up: IRC registered, Matrix syncing. */
const UP = new Set(['registered', 'running', 'connected']);

export function healthReport(source: HealthSource | undefined): { ok: boolean; body: Record<string, unknown> } {
  const transports = (source?.transports() ?? []).map((t) => ({ name: t.name, connected: UP.has(String(t.facts.state)), ...t.facts }));
  const ok = transports.every((t) => t.connected);
  const sources = source?.sources?.() ?? [];
  return { ok, body: { status: ok ? 'ok' : 'degraded', transports, sources } };
}

export function registerHealth(app: FastifyInstance, source: HealthSource | undefined): void {
  app.get('/healthz', (_req, reply) => {
    const { ok, body } = healthReport(source);
    return reply
      .code(ok ? 200 : 503)
      .header('cache-control', 'no-store')
      .send(body);
  });
}
