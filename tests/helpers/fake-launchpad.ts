// A loopback Launchpad web service (lazr.restful shapes, devel API) for tests. It reproduces the
// quirks the reference documents: repeated list parameters, 400 for an unknown order_by or
// ws.size > 300, short pages (entries dropped after batching), memo/ws.start next links that name
// https://api.launchpad.net whatever origin was asked, total_size inline on the last page and
// total_size_link otherwise, ws.show=total_size as a bare integer, 404 for private bugs, ETag/304,
// OAuth PLAINTEXT writes answered 209, 401 without bug-supervisor rights, 412 on If-Match, 503 +
// Retry-After + X-Lazr-OopsId on demand, a bug's messages collection (description + comments),
// and writes applied without an answer (accept-then-drop). Every request is recorded with its
// response bytes; writeCounts() counts the writes received.
// This file is the server: state, faults, recording and dispatch. The routes are in
// fake-launchpad/ (collections, entries, oauth), the JSON shapes in fake-launchpad/representations.ts.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { messages, searchTasks } from './fake-launchpad/collections.ts';
import { bugResource, taskResource } from './fake-launchpad/entries.ts';
import { accessToken, requestToken } from './fake-launchpad/oauth.ts';
import { loadFixtureBugs, type FakeBug, type Fault, type LaunchpadState, type Recorded, type Send, type Text } from './fake-launchpad/state.ts';

export { CANONICAL, loadFixtureBugs, type FakeBug, type Fault, type Recorded } from './fake-launchpad/state.ts';

export class FakeLaunchpad implements LaunchpadState {
  bugs: FakeBug[];
  readonly requests: Recorded[] = [];
  readonly comments: { bugId: number; content: string }[] = [];
  /** Links in responses use https://api.launchpad.net (as production does), not our origin. */
  canonicalLinks = true;
  /** When set, every link in responses names this origin instead (a hostile or confused server). */
  linkOrigin: string | null = null;
  /** Page size when ws.size is absent (production seems to use 75). */
  defaultPageSize = 75;
  /** Every request hangs or is reset (Launchpad down). */
  down: false | 'hang' | 'reset' = false;
  readonly faults: Fault[] = [];
  /** Access tokens: secret and whether the account is in ~<project>-bugs. */
  readonly tokens = new Map<string, { secret: string; supervisor: boolean }>();
  /** Request tokens: approved after this many +access-token polls (0 = already). */
  readonly requestTokens = new Map<string, { secret: string; pollsLeft: number }>();
  approveAfterPolls = 1;
  /** Projects that exist (others answer 404). */
  readonly projects = new Set(['nova']);
  url = '';
  /** Called after a request was applied without an answer (apply-then-* faults). */
  onApplied?: (rec: Recorded) => void;
  private server: http.Server | null = null;
  private readonly sockets = new Set<Socket>();
  private seq = 0;

  private readonly initial: FakeBug[];

  constructor(bugs: FakeBug[] = loadFixtureBugs().bugs) {
    this.initial = structuredClone(bugs);
    this.bugs = structuredClone(bugs);
  }

  /** Between tests: the bugs it was made with; no comments, faults, recorded requests, outage or foreign links. Tokens stay. */
  reset(): void {
    this.bugs = structuredClone(this.initial);
    this.comments.length = 0;
    this.faults.length = 0;
    this.requests.length = 0;
    this.down = false;
    this.linkOrigin = null;
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  nextSeq(): number {
    return ++this.seq;
  }

  /** Requests since the last reset, and the response bytes they cost. */
  stats(): { requests: number; bytes: number } {
    return { requests: this.requests.length, bytes: this.requests.reduce((n, r) => n + r.bytes, 0) };
  }

  resetStats(): void {
    this.requests.length = 0;
  }

  fault(f: Fault): void {
    this.faults.push(f);
  }

  bug(id: number): FakeBug {
    const b = this.bugs.find((x) => x.id === id);
    if (!b) throw new Error(`no fake bug ${id}`);
    return b;
  }

  /**
   * Writes received so far, by "METHOD path" (e.g. "PATCH /devel/nova/+bug/1"), answered or not;
   * with applied, only those carried out (2xx, including the ones whose answer was dropped).
   */
  writeCounts(applied = false): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.requests) {
      if (r.method === 'GET' || (applied && !(r.status >= 200 && r.status < 300))) continue;
      out[`${r.method} ${r.path}`] = (out[`${r.method} ${r.path}`] ?? 0) + 1;
    }
    return out;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await new Promise<string>((resolve) => {
      let data = '';
      req
        .setEncoding('utf8')
        .on('data', (c: string) => (data += c))
        .on('end', () => resolve(data));
    });
    const u = new URL(req.url ?? '/', 'http://fake');
    const rec: Recorded = { method: req.method ?? 'GET', path: u.pathname, query: u.searchParams, headers: req.headers, body, status: 0, bytes: 0 };
    this.requests.push(rec);
    const send: Send = (status, payload, headers = {}) => {
      rec.status = status;
      rec.bytes = Buffer.byteLength(payload);
      res.writeHead(status, { 'Content-Type': 'application/json', Vary: 'Accept', ...headers });
      res.end(payload);
    };
    const mode = this.down || this.takeFault(rec, send);
    if (mode === 'hang') return; // never answered; the client's timeout fires
    if (mode === 'reset') return void req.socket.destroy();
    if (mode === 'sent') return;
    if (mode === 'apply-then-hang' || mode === 'apply-then-reset') {
      // Carried out, answer lost: the state changes, the client hears nothing (or a reset).
      this.route(rec, (status) => (rec.status = status));
      this.onApplied?.(rec);
      if (mode === 'apply-then-reset') req.socket.destroy();
      return;
    }
    try {
      this.route(rec, send);
    } catch (err) {
      send(500, `internal fake error: ${(err as Error).message}`, { 'Content-Type': 'text/plain', 'X-Lazr-OopsId': 'OOPS-fake' });
    }
  }

  private takeFault(rec: Recorded, send: Send): NonNullable<Fault['mode']> | 'sent' | false {
    const target = `${rec.path}?${rec.query.toString()}`;
    const f = this.faults.find((x) => x.times > 0 && (!x.method || x.method === rec.method) && (!x.match || x.match.test(target)));
    if (!f) return false;
    f.times--;
    if (f.mode) return f.mode;
    send(f.status ?? 503, f.body ?? 'Service temporarily unavailable', { 'Content-Type': 'text/plain', ...f.headers });
    return 'sent';
  }

  private route(rec: Recorded, send: Send): void {
    const text: Text = (status, msg, h = {}) => send(status, msg, { 'Content-Type': 'text/plain', ...h });
    if (rec.method === 'POST' && rec.path === '/+request-token') return requestToken(this, rec, send);
    if (rec.method === 'POST' && rec.path === '/+access-token') return accessToken(this, rec, send, text);
    const m = /^\/devel\/(.+)$/.exec(rec.path);
    if (!m) return text(404, 'Not found');
    const rest = m[1];
    const msgM = /^bugs\/(\d+)\/messages$/.exec(rest);
    if (msgM && rec.method === 'GET') return messages(this, Number(msgM[1]), rec, send, text);
    const bugM = /^bugs\/(\d+)$/.exec(rest);
    if (bugM) return bugResource(this, Number(bugM[1]), rec, send, text);
    const taskM = /^([a-z0-9][a-z0-9+.-]*)\/\+bug\/(\d+)$/.exec(rest);
    if (taskM) return taskResource(this, taskM[1], Number(taskM[2]), rec, send, text);
    const projM = /^([a-z0-9][a-z0-9+.-]*)$/.exec(rest);
    if (projM && !this.projects.has(projM[1])) return text(404, `Object: <lp.registry...>, name: '${projM[1]}'`);
    if (projM && rec.method === 'GET' && rec.query.get('ws.op') === 'searchTasks') return searchTasks(this, projM[1], rec, send, text);
    return text(404, 'Not found');
  }
}
