// The IRC transport's outbox: which lines may be written now (a channel only while we are in it),
// the late note on kept lines that waited for a reconnect, and the overflow notice.
import type { Logger } from 'pino';
import type { MetricsSink } from '../../core/metrics.ts';
import { KEPT_KINDS, Outbox } from './outbox.ts';
import { LATE_AFTER_MS, lateLine, wireCommand } from './lines.ts';
import type { IrcConfig } from './options.ts';

export interface IrcOutboxDeps {
  cfg: IrcConfig;
  log: Logger;
  now?: () => number;
  /** Registered, and in the channel when the target is one. */
  canSend: (target: string) => boolean;
  /** Writes one protocol line to the socket. */
  write: (line: string) => void;
  /** Counts the lines the outbox gives up (/metrics). */
  metrics?: Pick<MetricsSink, 'dropped'>;
}

export function ircOutbox(d: IrcOutboxDeps): Outbox {
  return new Outbox({
    ...d.cfg.flood,
    now: d.now,
    canSend: d.canSend,
    send: (l) => {
      if (!d.canSend(l.target)) return `not in ${l.target}`;
      const now = d.now?.() ?? Date.now();
      const text = KEPT_KINDS.has(l.kind) && (l.late || now - l.queuedAt >= LATE_AFTER_MS) ? lateLine(l.text, l.queuedAt) : l.text;
      // wireLines keeps every line within budget; a longer one is refused, never re-split by
      // irc-framework's say() (whose pieces would be unguarded, see lines.ts).
      const wire = wireCommand({ ...l, text });
      if (!wire) return 'line too long';
      d.write(wire);
    },
    onDropped: (lines, reason) => d.metrics?.dropped('irc', reason, lines),
    // Outbox calls this once per overflow episode (until its queue empties again).
    onOverflow: (dropped, target, requester) => {
      d.log.warn({ dropped, target, requester, maxQueue: d.cfg.flood.maxQueue }, 'send queue full: dropped the lines of whoever had the most queued');
      return { target, text: `(dropped ${dropped} queued lines to avoid flooding)`, notice: true };
    },
  });
}
