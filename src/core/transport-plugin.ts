// How a chat transport is made: each transport folder exports one TransportPlugin, and the
// composition root (main.ts) lists them, one line each, against their config sections. A new
// transport touches its own folder, its config section and that one line.
import type { Logger } from 'pino';
import type { MetricsSink } from './metrics.ts';
import type { Transport } from './types.ts';

/** Small persistent state a transport may keep (Matrix: its sync token), one namespace per transport. */
export interface KeyValueStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
}

/** What every transport is given besides its own config section. */
export interface TransportContext {
  /** The bot's name as the router knows it (config.nick). */
  nick: string;
  /** The permissions settings a transport maps to role hints (see Identity.roleHint). */
  roles: { opsAreChairs: boolean; chairPowerLevel: number; adminPowerLevel: number };
  /** The transport's own key-value namespace. */
  kv(namespace: string): KeyValueStore;
  /** Already scoped to the transport (module: its name). */
  log: Logger;
  /** Counts the lines the transport gave up on (/metrics); absent: not counted. */
  metrics?: MetricsSink;
}

export interface TransportPlugin<Section> {
  /** The transport's name (and its logger's module). */
  readonly name: string;
  /** Loads the transport's libraries only now: the chat libraries are most of the start-up time. */
  create(section: Section, ctx: TransportContext): Promise<Transport>;
}
