// Types for the parts of irc-framework 4.14 that cyclebot uses. The package ships none and
// @types/irc-framework does not exist. Shapes follow its src/ (commands/handlers, client.js).
declare module 'irc-framework' {
  import { EventEmitter } from 'node:events';

  export interface ClientOptions {
    host: string;
    port?: number;
    tls?: boolean;
    rejectUnauthorized?: boolean;
    nick: string;
    username?: string;
    gecos?: string;
    /** Sent as PASS; also used for SASL unless `account` is given (`account: {}` disables that). */
    password?: string;
    account?: { account?: string; password?: string };
    sasl_disconnect_on_fail?: boolean;
    encoding?: string;
    version?: string | null;
    auto_reconnect?: boolean;
    auto_reconnect_max_retries?: number;
    auto_reconnect_max_wait?: number;
    ping_interval?: number;
    ping_timeout?: number;
    message_max_length?: number;
    enable_echomessage?: boolean;
  }

  export interface PrefixMode {
    symbol: string;
    mode: string;
  }

  export interface NetworkInfo {
    options: { CASEMAPPING?: string; PREFIX?: PrefixMode[]; CHANTYPES?: string[] | string; NICKLEN?: string; [k: string]: unknown };
    cap: { isEnabled(cap: string): boolean; enabled: string[] };
    supports(name: string): unknown;
    isChannelName(name: string): boolean;
  }

  export interface MessageEvent {
    nick?: string;
    ident?: string;
    hostname?: string;
    target: string;
    group?: string;
    message: string;
    tags?: Record<string, string>;
    account?: string;
    from_server?: boolean;
    time?: number;
  }

  export interface UserListEntry {
    nick: string;
    ident?: string;
    hostname?: string;
    modes: string[];
  }

  export interface WhoEntry {
    nick: string;
    account?: string;
    channel?: string;
  }

  export class Client extends EventEmitter {
    constructor(options?: ClientOptions);
    options: ClientOptions;
    network: NetworkInfo;
    user: { nick: string; username: string; host?: string };
    readonly connected: boolean;
    connection: {
      end(data?: string, hadError?: boolean): void;
      connected: boolean;
      /** The net/tls socket of the current connection (src/transports/net.js); null between connections. */
      transport?: { socket: { cork(): void; uncork(): void } | null };
    };
    connect(options?: ClientOptions): void;
    quit(message?: string): void;
    raw(...args: (string | number)[]): void;
    say(target: string, message: string): void;
    notice(target: string, message: string): void;
    join(channel: string, key?: string): void;
    part(channel: string, message?: string): void;
    changeNick(nick: string): void;
    who(target: string, cb: (e: { target: string; users: WhoEntry[] }) => void): void;
    caseCompare(a: string, b: string): boolean;
    caseLower(s: string): string;
  }

  const irc: { Client: typeof Client };
  export default irc;
}
