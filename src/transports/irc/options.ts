// IrcTransport's configuration: the irc config section, test/timing options, and the
// irc-framework client options derived from them.
import type { ClientOptions } from 'irc-framework';
import type { Logger } from 'pino';
import type { MetricsSink } from '../../core/metrics.ts';
import type { IrcConfig } from './config.ts';

export type { IrcConfig } from './config.ts';
export type IrcState = 'idle' | 'connecting' | 'registered' | 'disconnected' | 'reconnecting' | 'stopping' | 'stopped';

export interface IrcTransportOptions {
  /** The bot's name as the router knows it (config.nick); also the IRC nick unless irc.nick is set. */
  nick: string;
  log: Logger;
  now?: () => number;
  /** First reconnect delay; doubles per failure up to irc.reconnectMaxDelaySeconds. */
  reconnectMinDelayMs?: number;
  /** How often to try to take back the configured nick while on a fallback. */
  regainNickIntervalMs?: number;
  /** Bound for each stop() phase: flushing the queue, then waiting for the server to close. */
  stopTimeoutMs?: number;
  /** permissions.opsAreChairs: channel operators get the chair role hint (default true). */
  opsAreChairs?: boolean;
  /** At most one CTCP VERSION answer per this long (default 10 s). */
  ctcpIntervalMs?: number;
  /** Counts the lines given up (/metrics). */
  metrics?: Pick<MetricsSink, 'dropped'>;
}

/**
 * Our reconnection is the only one (auto_reconnect: false): irc-framework's gives up after N
 * attempts, only starts if the link had been registered for 5 s, and adds 1–6 s of jitter we
 * cannot configure; two retry loops racing could also open two connections.
 */
export function clientOptions(cfg: IrcConfig, nick: string): ClientOptions {
  return {
    host: cfg.host,
    port: cfg.port ?? (cfg.tls ? 6697 : 6667),
    tls: cfg.tls,
    rejectUnauthorized: cfg.rejectUnauthorized,
    nick,
    username: cfg.username ?? nick,
    gecos: cfg.realname,
    password: cfg.password,
    // Without `account`, irc-framework would also try the server password as SASL for the nick.
    account: cfg.sasl ? { account: cfg.sasl.account, password: cfg.sasl.password } : {},
    sasl_disconnect_on_fail: false,
    auto_reconnect: false,
    // We split lines ourselves (per-target budget); irc-framework must never split again.
    message_max_length: 510,
    // No automatic CTCP VERSION reply: irc-framework would write it straight to the socket,
    // outside our flood control (100 requests, 100 replies in 45 ms). IrcTransport.answerCtcp
    // answers through the outbox instead, at most one per interval.
    version: null,
  };
}

/** Resolves true when p settles within ms, else false. */
export function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout;
  return Promise.race([p.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}
