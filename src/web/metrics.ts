// /metrics in Prometheus text format (prom-client, its own registry, no global state): what the
// bot counts in chat (metrics-sink.ts: answers, refusals, drops, Launchpad, search latency), web
// requests by status, reminders by ledger state (late ones too), triage decisions by Launchpad
// write state, each transport's connection and queue.
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Registry } from 'prom-client';
import type { MetricsSink } from '../core/metrics.ts';
import type { ScheduleRepo } from '../schedule/repo.ts';
import type { TriageRepo } from '../triage/repo.ts';
import { healthReport, type HealthSource } from './health.ts';
import { promSink } from './metrics-sink.ts';

export interface MetricsDeps {
  schedules: ScheduleRepo;
  /** The triage history of the served teams' Launchpad projects (their counts summed). */
  triage: { repo: TriageRepo; projects: readonly string[] };
  health?: HealthSource;
}

/** A reminder sent more than this after it was due counts as late. */
export const LATE_MS = 15 * 60_000;

/** Serves /metrics; returns the sink the bot and the search page count into. */
export function createMetrics(app: FastifyInstance, deps: MetricsDeps): MetricsSink {
  const registry = new Registry();
  const sink = promSink(registry);
  const requests = new Counter({
    name: 'cyclebot_web_requests_total',
    help: 'Web requests answered, by status code',
    labelNames: ['status'],
    registers: [registry],
  });
  new Gauge({
    name: 'cyclebot_reminders',
    help: 'Reminders in the ledger by state (claimed, sent, failed, skipped); state="late": sent more than 15 min after due',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.reset();
      const { states, late } = deps.schedules.ledgerCounts(LATE_MS);
      for (const s of states) this.set({ state: s.state }, s.count);
      this.set({ state: 'late' }, late);
    },
  });
  new Gauge({
    name: 'cyclebot_triage_decisions',
    help: 'Triage decisions by the state of their Launchpad write (written, pending, failed, dry-run, none)',
    labelNames: ['write_state'],
    registers: [registry],
    collect() {
      this.reset();
      const sum = new Map<string, number>();
      for (const p of deps.triage.projects) for (const s of deps.triage.repo.writeStates(p)) sum.set(s.state, (sum.get(s.state) ?? 0) + s.count);
      for (const [state, count] of sum) this.set({ write_state: state }, count);
    },
  });
  new Gauge({
    name: 'cyclebot_transport_connected',
    help: '1 when the chat transport is connected',
    labelNames: ['transport'],
    registers: [registry],
    collect() {
      this.reset();
      for (const t of healthReport(deps.health).body.transports as { name: string; connected: boolean }[]) this.set({ transport: t.name }, t.connected ? 1 : 0);
    },
  });
  new Gauge({
    name: 'cyclebot_transport_queue',
    help: 'Lines waiting in the transport outbox',
    labelNames: ['transport'],
    registers: [registry],
    collect() {
      this.reset();
      for (const t of deps.health?.transports() ?? []) {
        const n = Number(t.facts.queued ?? t.facts.queue ?? 0);
        this.set({ transport: t.name }, Number.isFinite(n) ? n : 0);
      }
    },
  });
  app.addHook('onResponse', (_req, reply, done) => {
    requests.inc({ status: String(reply.statusCode) });
    done();
  });
  app.get('/metrics', async (_req, reply) =>
    reply
      .type(registry.contentType)
      .header('cache-control', 'no-store')
      .send(await registry.metrics()),
  );
  return sink;
}
