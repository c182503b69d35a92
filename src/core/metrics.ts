// What the bot counts for /metrics, as a platform-neutral sink: the router's outcomes (through the
// Bot), lines a transport gave up on, Launchpad answers, search times. The web site implements it
// with prom-client (src/web/metrics.ts); nothing here or in a transport imports a metrics library.
// Without the site every call goes to NO_METRICS and costs nothing.

/** Why a transport gave up on lines it was asked to send. */
export type DropReason =
  /** The send queue was full: the lines of whoever had the most queued went. */
  | 'overflow'
  /** A plain reply waited too long for a connection or channel. */
  | 'stale'
  /** Not connected, not in the room, too long, or the server refused it. */
  | 'refused'
  /** Tried and failed (Matrix: retries exhausted). */
  | 'failed'
  /** Still queued when the transport was shut down. */
  | 'shutdown';

export interface MetricsSink {
  /** A command answered; `command` is its registered name ("ptg", "triage confirm"). */
  answered(command: string): void;
  /** A command refused: permission, unknown command, rate limited, too long, command error; or crashed. */
  refused(reason: string): void;
  /** Lines (of one message) a transport did not send. */
  dropped(transport: string, reason: DropReason, lines: number): void;
  /** One Launchpad request's outcome: its HTTP status, or 'timeout' / 'network' when none came. */
  launchpad(status: number | 'timeout' | 'network'): void;
  /** One PTG search's duration, asked in chat or on the web. */
  search(source: 'chat' | 'web', seconds: number): void;
}

const nothing = () => undefined;

export const NO_METRICS: MetricsSink = { answered: nothing, refused: nothing, dropped: nothing, launchpad: nothing, search: nothing };

/**
 * The sink the parts are built with before the site exists: forwards to whatever sink is attached
 * later (the web site's, when it starts), to none before.
 */
export class MetricsRelay implements MetricsSink {
  private sink: MetricsSink = NO_METRICS;

  attach(sink: MetricsSink): void {
    this.sink = sink;
  }

  answered(command: string): void {
    this.sink.answered(command);
  }

  refused(reason: string): void {
    this.sink.refused(reason);
  }

  dropped(transport: string, reason: DropReason, lines: number): void {
    if (lines > 0) this.sink.dropped(transport, reason, lines);
  }

  launchpad(status: number | 'timeout' | 'network'): void {
    this.sink.launchpad(status);
  }

  search(source: 'chat' | 'web', seconds: number): void {
    this.sink.search(source, seconds);
  }
}
