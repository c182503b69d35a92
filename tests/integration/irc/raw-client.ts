// A tiny raw-socket IRC client for tests: it sends exactly the bytes we give it and records
// every received line with its arrival time and exact byte length, so tests can check what
// the bot really put on the wire (line lengths, splitting, injection, pacing).
import net from 'node:net';

export interface Line {
  /** ms since the client was created (performance.now based). */
  at: number;
  /** Bytes of the line as received, including CR LF. */
  bytes: number;
  raw: string;
  prefix: string;
  nick: string;
  command: string;
  params: string[];
  /** Last parameter (the text of a PRIVMSG/NOTICE). */
  text: string;
}

export function parseLine(raw: string): Omit<Line, 'at' | 'bytes'> {
  let rest = raw;
  if (rest.startsWith('@')) rest = rest.slice(rest.indexOf(' ') + 1);
  let prefix = '';
  if (rest.startsWith(':')) {
    const sp = rest.indexOf(' ');
    prefix = rest.slice(1, sp);
    rest = rest.slice(sp + 1);
  }
  const params: string[] = [];
  while (rest.length) {
    if (rest.startsWith(':')) {
      params.push(rest.slice(1));
      break;
    }
    const sp = rest.indexOf(' ');
    if (sp === -1) {
      params.push(rest);
      break;
    }
    params.push(rest.slice(0, sp));
    rest = rest.slice(sp + 1);
  }
  const command = (params.shift() ?? '').toUpperCase();
  return { raw, prefix, nick: prefix.split('!')[0], command, params, text: params[params.length - 1] ?? '' };
}

export class RawClient {
  readonly lines: Line[] = [];
  private buf = Buffer.alloc(0);
  private waiters: { pred: (l: Line) => boolean; from: number; resolve: (l: Line) => void }[] = [];
  private readonly lineListeners: ((l: Line) => void)[] = [];
  private readonly t0 = performance.now();
  private closedP: Promise<void>;

  private constructor(
    private readonly sock: net.Socket,
    public nick: string,
  ) {
    sock.on('data', (d: Buffer) => this.onData(d));
    this.closedP = new Promise((resolve) => sock.once('close', () => resolve()));
    sock.on('error', () => undefined);
  }

  /** Connects and registers; resolves after RPL_WELCOME (001). */
  static async connect(port: number, nick: string, opts: { pass?: string; timeoutMs?: number } = {}): Promise<RawClient> {
    const sock = net.connect({ host: '127.0.0.1', port, noDelay: true });
    await new Promise<void>((resolve, reject) => {
      sock.once('connect', resolve);
      sock.once('error', reject);
    });
    const c = new RawClient(sock, nick);
    if (opts.pass) c.send(`PASS ${opts.pass}`);
    c.send(`NICK ${nick}`);
    c.send(`USER ${nick} 0 * :test user ${nick}`);
    await c.waitFor((l) => l.command === '001', opts.timeoutMs ?? 5000);
    return c;
  }

  /** Calls fn for every line received from now on (e.g. to play another bot). */
  onLine(fn: (l: Line) => void): void {
    this.lineListeners.push(fn);
  }

  now(): number {
    return performance.now() - this.t0;
  }

  /** Sends one line; a string gets CR LF appended, a Buffer is written as is. */
  send(line: string | Buffer): void {
    this.sock.write(typeof line === 'string' ? line + '\r\n' : line);
  }

  privmsg(target: string, text: string): void {
    this.send(`PRIVMSG ${target} :${text}`);
  }

  async join(channel: string): Promise<void> {
    const from = this.lines.length;
    this.send(`JOIN ${channel}`);
    await this.waitFor((l) => l.command === '366' && l.params[1]?.toLowerCase() === channel.toLowerCase(), 5000, from);
  }

  /** Resolves with the first line (from index `from`, default: the next one to arrive) matching pred. */
  waitFor(pred: (l: Line) => boolean, timeoutMs = 5000, from = this.lines.length): Promise<Line> {
    const seen = this.lines.slice(from).find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = { pred, from, resolve: (l: Line) => (clearTimeout(timer), resolve(l)) };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(
          new Error(
            `${this.nick}: no matching line within ${timeoutMs} ms; last lines:\n${this.lines
              .slice(-8)
              .map((l) => l.raw)
              .join('\n')}`,
          ),
        );
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Lines from `nick` (case-insensitive) since index `from`. */
  from(nick: string, from = 0): Line[] {
    return this.lines.slice(from).filter((l) => l.nick.toLowerCase() === nick.toLowerCase());
  }

  async quit(msg = 'bye'): Promise<void> {
    if (this.sock.destroyed) return;
    this.send(`QUIT :${msg}`);
    const timer = setTimeout(() => this.sock.destroy(), 2000);
    await this.closedP;
    clearTimeout(timer);
  }

  closed(): Promise<void> {
    return this.closedP;
  }

  private onData(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    for (let nl = this.buf.indexOf(0x0a); nl !== -1; nl = this.buf.indexOf(0x0a)) {
      const chunk = this.buf.subarray(0, nl + 1);
      this.buf = this.buf.subarray(nl + 1);
      const raw = chunk.toString('utf8').replace(/\r?\n$/, '');
      const line: Line = { at: this.now(), bytes: chunk.length, ...parseLine(raw) };
      this.lines.push(line);
      if (line.command === 'PING') this.send(`PONG :${line.text}`);
      for (const fn of this.lineListeners) fn(line);
      for (const w of [...this.waiters]) {
        if (w.pred(line)) {
          this.waiters = this.waiters.filter((x) => x !== w);
          w.resolve(line);
        }
      }
    }
  }
}
