// The bot's MetricsSink (core/metrics.ts) on prom-client: what happens in chat and on the web,
// counted in the site's own registry. Label values come from fixed sets (reasons, statuses,
// registered command names), never from what a user typed.
import { Counter, Histogram, type Registry } from 'prom-client';
import type { DropReason, MetricsSink } from '../core/metrics.ts';

/** "unknown command" → "unknown_command": Prometheus label values by convention. */
const label = (s: string) => s.replace(/[^a-z0-9]+/gi, '_').toLowerCase();

export function promSink(registry: Registry): MetricsSink {
  const registers = [registry];
  const answers = new Counter({ name: 'cyclebot_chat_answers_total', help: 'Chat commands answered, by command', labelNames: ['command'], registers });
  const refusals = new Counter({
    name: 'cyclebot_chat_refusals_total',
    help: 'Chat commands refused, by reason (permission, unknown_command, rate_limited, too_long, command_error, crashed)',
    labelNames: ['reason'],
    registers,
  });
  const limited = new Counter({
    name: 'cyclebot_rate_limited_senders_total',
    help: 'Senders told to slow down (once per throttling episode; their further messages are ignored until it ends)',
    registers,
  });
  const dropped = new Counter({
    name: 'cyclebot_dropped_lines_total',
    help: 'Outgoing chat lines given up, by transport and reason (overflow, stale, refused, failed, shutdown)',
    labelNames: ['transport', 'reason'],
    registers,
  });
  const launchpad = new Counter({
    name: 'cyclebot_launchpad_requests_total',
    help: 'Launchpad API requests, by HTTP status (timeout, network: no answer)',
    labelNames: ['status'],
    registers,
  });
  const search = new Histogram({
    name: 'cyclebot_search_seconds',
    help: 'PTG search time, asked in chat or on the web search page',
    labelNames: ['source'],
    buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1],
    registers,
  });
  // Zero series from the start, so a rate() has a first sample before the first event.
  for (const source of ['chat', 'web']) search.zero({ source });
  return {
    answered: (command) => answers.inc({ command: label(command) }),
    refused: (reason) => {
      refusals.inc({ reason: label(reason) });
      if (reason === 'rate limited') limited.inc();
    },
    dropped: (transport: string, reason: DropReason, lines: number) => dropped.inc({ transport, reason }, lines),
    launchpad: (status) => launchpad.inc({ status: String(status) }),
    search: (source, seconds) => search.observe({ source }, seconds),
  };
}
