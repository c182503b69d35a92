// A loopback Launchpad web service (lazr.restful shapes, devel API) for tests. It reproduces the
// quirks the reference documents: repeated list parameters, 400 for an unknown order_by or
// ws.size > 300, short pages (entries dropped after batching), memo/ws.start next links that name
// https://api.launchpad.net whatever origin was asked, total_size inline on the last page and
// total_size_link otherwise, ws.show=total_size as a bare integer, 404 for private bugs, ETag/304,
// OAuth PLAINTEXT writes answered 209, 401 without bug-supervisor rights, 412 on If-Match, 503 +
// Retry-After + X-Lazr-OopsId on demand, a bug's messages collection (description + comments),
// and writes applied without an answer (accept-then-drop). Every request is recorded with its
// response bytes; writeCounts() counts the writes received.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface FakeBug {
  id: number;
  title: string;
  status: string;
  importance: string;
  created: string;
  tags: string[];
  heat: number;
  usersAffected: number;
  messageCount: number;
  description: string;
  /** Hidden by the SQL privacy filter: not counted, not listed, 404. */
  private?: boolean;
  /** Counted and batched, then dropped from the page (lazr checkPermission): short pages, 404. */
  dropAfterBatch?: boolean;
  duplicateOf?: number | null;
  latestPatch?: string | null;
  assignee?: string | null;
  version?: number;
}

export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
  status: number;
  bytes: number;
}

export interface Fault {
  method?: string;
  /** Matched against path + query. */
  match?: RegExp;
  times: number;
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /**
   * hang: never answer (client times out); reset: destroy the socket. apply-then-hang and
   * apply-then-reset: carry the request out (a comment is posted, a PATCH applied), then never
   * answer or drop the connection: the client cannot know it was applied.
   */
  mode?: 'hang' | 'reset' | 'apply-then-hang' | 'apply-then-reset';
}

export const CANONICAL = 'https://api.launchpad.net';
const PROJECT_DISPLAY: Record<string, string> = { nova: 'OpenStack Compute (nova)' };
const STATUSES = [
  'New',
  'Incomplete',
  'Opinion',
  'Invalid',
  "Won't Fix",
  'Expired',
  'Confirmed',
  'Triaged',
  'In Progress',
  'Deferred',
  'Fix Committed',
  'Fix Released',
  'Does Not Exist',
];
const UNRESOLVED = ['New', 'Deferred', 'Incomplete', 'Confirmed', 'Triaged', 'In Progress', 'Fix Committed'];
const IMPORTANCES = ['Unknown', 'Undecided', 'Critical', 'High', 'Medium', 'Low', 'Wishlist'];
const IMPORTANCE_RANK: Record<string, number> = { Unknown: 999, Undecided: 5, Critical: 50, High: 40, Medium: 30, Low: 20, Wishlist: 10 };
const ORDER_KEYS = [
  'task',
  'id',
  'importance',
  'assignee',
  'targetname',
  'status',
  'information_type',
  'title',
  'milestone',
  'dateassigned',
  'datecreated',
  'date_last_updated',
  'date_closed',
  'number_of_duplicates',
  'message_count',
  'users_affected_count',
  'heat',
  'latest_patch_uploaded',
  'milestone_name',
  'reporter',
  'tag',
];
const SUPERVISOR_STATUSES = ["Won't Fix", 'Deferred', 'Expired', 'Triaged', 'Does Not Exist'];

export function loadFixtureBugs(): { now: Date; bugs: FakeBug[] } {
  const file = path.resolve(import.meta.dirname, '../fixtures/launchpad/nova-bugs.json');
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { now: string; bugs: FakeBug[] };
  return { now: new Date(data.now), bugs: data.bugs };
}

export class FakeLaunchpad {
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
  private server: http.Server | null = null;
  private readonly sockets = new Set<import('node:net').Socket>();
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

  // ---- dispatch ----

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
    const send = (status: number, payload: string, headers: Record<string, string> = {}) => {
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
      this.route(rec, req, (status) => (rec.status = status));
      this.onApplied?.(rec);
      if (mode === 'apply-then-reset') req.socket.destroy();
      return;
    }
    try {
      this.route(rec, req, send);
    } catch (err) {
      send(500, `internal fake error: ${(err as Error).message}`, { 'Content-Type': 'text/plain', 'X-Lazr-OopsId': 'OOPS-fake' });
    }
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

  /** Called after a request was applied without an answer (apply-then-* faults). */
  onApplied?: (rec: Recorded) => void;

  private takeFault(rec: Recorded, send: (s: number, p: string, h?: Record<string, string>) => void): NonNullable<Fault['mode']> | 'sent' | false {
    const target = `${rec.path}?${rec.query.toString()}`;
    const f = this.faults.find((x) => x.times > 0 && (!x.method || x.method === rec.method) && (!x.match || x.match.test(target)));
    if (!f) return false;
    f.times--;
    if (f.mode) return f.mode;
    send(f.status ?? 503, f.body ?? 'Service temporarily unavailable', { 'Content-Type': 'text/plain', ...f.headers });
    return 'sent';
  }

  private route(rec: Recorded, req: http.IncomingMessage, send: (s: number, p: string, h?: Record<string, string>) => void): void {
    const text = (status: number, msg: string, h: Record<string, string> = {}) => send(status, msg, { 'Content-Type': 'text/plain', ...h });
    if (rec.method === 'POST' && rec.path === '/+request-token') return this.requestToken(rec, send);
    if (rec.method === 'POST' && rec.path === '/+access-token') return this.accessToken(rec, send, text);
    const m = /^\/devel\/(.+)$/.exec(rec.path);
    if (!m) return text(404, 'Not found');
    const rest = m[1];
    const msgM = /^bugs\/(\d+)\/messages$/.exec(rest);
    if (msgM && rec.method === 'GET') return this.messages(Number(msgM[1]), rec, send, text);
    const bugM = /^bugs\/(\d+)$/.exec(rest);
    if (bugM) return this.bugResource(Number(bugM[1]), rec, req, send, text);
    const taskM = /^([a-z0-9][a-z0-9+.-]*)\/\+bug\/(\d+)$/.exec(rest);
    if (taskM) return this.taskResource(taskM[1], Number(taskM[2]), rec, send, text);
    const projM = /^([a-z0-9][a-z0-9+.-]*)$/.exec(rest);
    if (projM && !this.projects.has(projM[1])) return text(404, `Object: <lp.registry...>, name: '${projM[1]}'`);
    if (projM && rec.method === 'GET' && rec.query.get('ws.op') === 'searchTasks') return this.searchTasks(projM[1], rec, send, text);
    return text(404, 'Not found');
  }

  // ---- searchTasks ----

  private searchTasks(
    project: string,
    rec: Recorded,
    send: (s: number, p: string, h?: Record<string, string>) => void,
    text: (s: number, m: string) => void,
  ): void {
    const q = rec.query;
    const sizeRaw = q.get('ws.size');
    const size = sizeRaw === null ? this.defaultPageSize : Number(sizeRaw);
    if (!Number.isInteger(size) || size < 0) return text(400, `Invalid value for ws.size: '${sizeRaw}'`);
    if (size > 300) return text(400, 'Maximum for "ws.size" parameter is 300.');
    const statuses = q.getAll('status');
    for (const s of statuses) if (!STATUSES.includes(s)) return text(400, `status: Invalid value "${s}". Acceptable values are: ${STATUSES.join(', ')}`);
    const importances = q.getAll('importance');
    for (const i of importances) if (!IMPORTANCES.includes(i)) return text(400, `importance: Invalid value "${i}".`);
    const orderBy = q.getAll('order_by');
    for (const o of orderBy) if (!ORDER_KEYS.includes(o.replace(/^-/, ''))) return text(400, `Unrecognized order_by: '${o}'`);
    const since = q.get('created_since');
    const wanted = statuses.length ? statuses : UNRESOLVED;
    let rows = this.bugs.filter(
      (b) =>
        !b.private &&
        wanted.includes(b.status) &&
        (!importances.length || importances.includes(b.importance)) &&
        !b.duplicateOf &&
        (!since || Date.parse(b.created) >= Date.parse(since)),
    );
    rows = sortBugs(rows, orderBy.length ? orderBy : ['-importance']);
    if (q.get('ws.show') === 'total_size') return send(200, String(rows.length));
    const start = Number(q.get('ws.start') ?? 0);
    const batch = rows.slice(start, start + size);
    const more = start + size < rows.length;
    const origin = this.linkOrigin ?? (this.canonicalLinks ? CANONICAL : this.url);
    const clean = new URLSearchParams(q);
    clean.delete('ws.start');
    clean.delete('memo');
    const page: Record<string, unknown> = { start };
    if (more) {
      const total = new URLSearchParams(clean);
      total.set('ws.show', 'total_size');
      page.total_size_link = `${origin}${rec.path}?${total.toString()}`;
      const next = new URLSearchParams(clean);
      next.set('memo', String(start + size));
      next.set('ws.start', String(start + size));
      page.next_collection_link = `${origin}${rec.path}?${next.toString()}`;
    } else {
      page.total_size = rows.length;
    }
    if (start > 0) {
      const prev = new URLSearchParams(clean);
      prev.set('ws.start', String(Math.max(0, start - size)));
      page.prev_collection_link = `${origin}${rec.path}?${prev.toString()}`;
    }
    page.entries = batch.filter((b) => !b.dropAfterBatch).map((b) => this.taskJson(project, b));
    send(200, JSON.stringify(page));
  }

  // ---- resources ----

  /** The bug's messages: the description (message 0), then the comments, oldest first, paged. */
  private messages(id: number, rec: Recorded, send: (s: number, p: string, h?: Record<string, string>) => void, text: (s: number, m: string) => void): void {
    const b = this.bugs.find((x) => x.id === id);
    if (!b || b.private || b.dropAfterBatch) return text(404, 'Not found');
    const api = `${CANONICAL}/devel/bugs/${id}`;
    const all = [b.description, ...this.comments.filter((c) => c.bugId === id).map((c) => c.content)].map((content, i) => ({
      self_link: `${api}/messages/${i}`,
      resource_type_link: `${CANONICAL}/devel/#message`,
      subject: i === 0 ? b.title : `Re: ${b.title}`,
      content,
      owner_link: `${CANONICAL}/devel/~${i === 0 ? 'reporter' : 'cyclebot'}`,
    }));
    const size = Number(rec.query.get('ws.size') ?? this.defaultPageSize);
    const start = Number(rec.query.get('ws.start') ?? 0);
    const page: Record<string, unknown> = { start, entries: all.slice(start, start + size) };
    if (start + size < all.length)
      page.next_collection_link = `${this.linkOrigin ?? (this.canonicalLinks ? CANONICAL : this.url)}${rec.path}?ws.size=${size}&memo=${start + size}&ws.start=${start + size}`;
    else page.total_size = all.length;
    send(200, JSON.stringify(page));
  }

  private bugResource(
    id: number,
    rec: Recorded,
    req: http.IncomingMessage,
    send: (s: number, p: string, h?: Record<string, string>) => void,
    text: (s: number, m: string, h?: Record<string, string>) => void,
  ): void {
    const b = this.bugs.find((x) => x.id === id);
    if (!b || b.private || b.dropAfterBatch) return text(404, `Object: <Bug at 0x...>, name: '${id}'`);
    const etag = this.etag(b);
    if (rec.method === 'GET') {
      if (req.headers['if-none-match'] === etag) return send(304, '', { ETag: etag });
      return send(200, JSON.stringify(this.bugJson(b)), { ETag: etag });
    }
    const auth = this.authorize(rec);
    if (auth !== 'ok' && auth !== 'supervisor')
      return text(auth === 'bad-method' ? 400 : 401, auth === 'bad-method' ? 'Only the PLAINTEXT signature method is supported.' : 'Unknown access token.');
    if (rec.method === 'PATCH') {
      if (req.headers['if-match'] && req.headers['if-match'] !== etag) return text(412, 'Precondition failed');
      const patch = JSON.parse(rec.body) as { tags?: string[]; duplicate_of_link?: string };
      if (patch.tags) b.tags = patch.tags;
      if (patch.duplicate_of_link) {
        const target = Number(/\/bugs\/(\d+)$/.exec(patch.duplicate_of_link)?.[1]);
        if (!this.bugs.some((x) => x.id === target) || target === id) return text(400, 'duplicateof: invalid bug');
        b.duplicateOf = target;
      }
      b.version = (b.version ?? 0) + 1;
      return send(209, JSON.stringify(this.bugJson(b)), { ETag: this.etag(b) });
    }
    if (rec.method === 'POST') {
      const form = new URLSearchParams(rec.body);
      if (form.get('ws.op') !== 'newMessage') return text(400, 'No such operation');
      this.comments.push({ bugId: id, content: form.get('content') ?? '' });
      b.messageCount++;
      b.version = (b.version ?? 0) + 1;
      return send(201, '', { Location: `${CANONICAL}/devel/bugs/${id}/comments/${b.messageCount - 1}` });
    }
    return text(405, 'Method not allowed');
  }

  private taskResource(
    project: string,
    id: number,
    rec: Recorded,
    send: (s: number, p: string, h?: Record<string, string>) => void,
    text: (s: number, m: string) => void,
  ): void {
    const b = this.bugs.find((x) => x.id === id);
    if (!b || b.private || b.dropAfterBatch) return text(404, 'Not found');
    if (rec.method === 'GET') return send(200, JSON.stringify(this.taskJson(project, b)));
    if (rec.method !== 'PATCH') return text(405, 'Method not allowed');
    const auth = this.authorize(rec);
    if (auth === 'bad-method') return text(400, 'Only the PLAINTEXT signature method is supported.');
    if (auth === 'unknown') return text(401, 'Unknown access token.');
    const patch = JSON.parse(rec.body) as { status?: string; importance?: string; assignee_link?: string };
    if (patch.status !== undefined && !STATUSES.includes(patch.status)) return text(400, `status: Invalid value "${patch.status}"`);
    if (patch.importance !== undefined && !IMPORTANCES.includes(patch.importance)) return text(400, `importance: Invalid value "${patch.importance}"`);
    const needsSupervisor = patch.importance !== undefined || (patch.status !== undefined && SUPERVISOR_STATUSES.includes(patch.status));
    if (needsSupervisor && auth !== 'supervisor') return text(401, `(<Bug at 0x...>, 'importance', 'launchpad.Edit')`);
    if (patch.status) b.status = patch.status;
    if (patch.importance) b.importance = patch.importance;
    if (patch.assignee_link) b.assignee = /~([^/]+)$/.exec(patch.assignee_link)?.[1] ?? null;
    b.version = (b.version ?? 0) + 1;
    send(209, JSON.stringify(this.taskJson(project, b)));
  }

  // ---- OAuth ----

  private requestToken(rec: Recorded, send: (s: number, p: string, h?: Record<string, string>) => void): void {
    const form = new URLSearchParams(rec.body);
    if (!form.get('oauth_consumer_key')) return send(401, 'Unauthorized', { 'Content-Type': 'text/plain' });
    const token = `req${++this.seq}`;
    const secret = `reqsecret${this.seq}`;
    this.requestTokens.set(token, { secret, pollsLeft: this.approveAfterPolls });
    send(200, new URLSearchParams({ oauth_token: token, oauth_token_secret: secret }).toString(), { 'Content-Type': 'application/x-www-form-urlencoded' });
  }

  private accessToken(rec: Recorded, send: (s: number, p: string, h?: Record<string, string>) => void, text: (s: number, m: string) => void): void {
    const form = new URLSearchParams(rec.body);
    const t = this.requestTokens.get(form.get('oauth_token') ?? '');
    if (!t || form.get('oauth_signature') !== `&${t.secret}` || form.get('oauth_signature_method') !== 'PLAINTEXT') return text(401, 'Invalid request token.');
    if (t.pollsLeft > 0) {
      t.pollsLeft--;
      return text(401, 'Request token has not yet been reviewed. Try again later.');
    }
    this.requestTokens.delete(form.get('oauth_token')!);
    const token = `acc${++this.seq}`;
    const secret = `accsecret${this.seq}`;
    this.tokens.set(token, { secret, supervisor: true });
    send(200, new URLSearchParams({ oauth_token: token, oauth_token_secret: secret, 'lp.context': 'None' }).toString(), {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
  }

  /** ok: a valid token; supervisor: and in the bug team; unknown: 401; bad-method: not PLAINTEXT. */
  private authorize(rec: Recorded): 'ok' | 'supervisor' | 'unknown' | 'bad-method' {
    const header = String(rec.headers.authorization ?? '');
    if (!header.startsWith('OAuth ')) return 'unknown';
    const params = new Map<string, string>();
    for (const m of header.slice(6).matchAll(/(\w+)="([^"]*)"/g)) params.set(m[1], decodeURIComponent(m[2]));
    if (params.get('oauth_signature_method') !== 'PLAINTEXT') return 'bad-method';
    const t = this.tokens.get(params.get('oauth_token') ?? '');
    if (!t || params.get('oauth_signature') !== `&${t.secret}`) return 'unknown';
    return t.supervisor ? 'supervisor' : 'ok';
  }

  // ---- representations ----

  private etag(b: FakeBug): string {
    return `"${b.id}-${b.version ?? 0}"`;
  }

  taskJson(project: string, b: FakeBug): Record<string, unknown> {
    const api = `${this.linkOrigin ?? CANONICAL}/devel`;
    const display = PROJECT_DISPLAY[project] ?? project;
    return {
      self_link: `${api}/${project}/+bug/${b.id}`,
      web_link: `https://bugs.launchpad.net/${project}/+bug/${b.id}`,
      resource_type_link: `${api}/#bug_task`,
      http_etag: `"task-${b.id}-${b.version ?? 0}"`,
      title: `Bug #${b.id} in ${display}: "${b.title}"`,
      bug_link: `${api}/bugs/${b.id}`,
      target_link: `${api}/${project}`,
      bug_target_name: project,
      bug_target_display_name: display,
      status: b.status,
      status_explanation: null,
      importance: b.importance,
      importance_explanation: null,
      assignee_link: b.assignee ? `${api}/~${b.assignee}` : null,
      owner_link: `${api}/~reporter`,
      milestone_link: null,
      bug_watch_link: null,
      related_tasks_collection_link: `${api}/${project}/+bug/${b.id}/related_tasks`,
      is_complete: false,
      date_created: b.created,
      date_assigned: null,
      date_confirmed: null,
      date_incomplete: null,
      date_in_progress: null,
      date_triaged: null,
      date_fix_committed: null,
      date_fix_released: null,
      date_closed: null,
      date_left_new: null,
      date_left_closed: null,
      date_deferred: null,
    };
  }

  bugJson(b: FakeBug): Record<string, unknown> {
    const api = `${this.linkOrigin ?? CANONICAL}/devel`;
    const link = (s: string) => `${api}/bugs/${b.id}/${s}`;
    return {
      self_link: `${api}/bugs/${b.id}`,
      web_link: `https://bugs.launchpad.net/bugs/${b.id}`,
      resource_type_link: `${api}/#bug`,
      http_etag: this.etag(b),
      id: b.id,
      title: b.title,
      description: b.description,
      tags: b.tags,
      heat: b.heat,
      users_affected_count: b.usersAffected,
      users_unaffected_count: 0,
      users_affected_count_with_dupes: b.usersAffected,
      other_users_affected_count_with_dupes: 0,
      message_count: b.messageCount,
      number_of_duplicates: this.bugs.filter((x) => x.duplicateOf === b.id).length,
      information_type: 'Public',
      private: false,
      security_related: false,
      can_expire: false,
      date_created: b.created,
      date_last_message: null,
      date_last_updated: b.created,
      date_made_private: null,
      duplicate_of_link: b.duplicateOf ? `${api}/bugs/${b.duplicateOf}` : null,
      latest_patch_uploaded: b.latestPatch ?? null,
      lock_status: 'Unlocked',
      lock_reason: null,
      name: null,
      owner_link: `${api}/~reporter`,
      who_made_private_link: null,
      activity_collection_link: link('activity'),
      attachments_collection_link: link('attachments'),
      bug_tasks_collection_link: link('bug_tasks'),
      bug_watches_collection_link: link('bug_watches'),
      cves_collection_link: link('cves'),
      duplicates_collection_link: link('duplicates'),
      linked_branches_collection_link: link('linked_branches'),
      linked_merge_proposals_collection_link: link('linked_merge_proposals'),
      messages_collection_link: link('messages'),
      subscriptions_collection_link: link('subscriptions'),
      users_affected_collection_link: link('users_affected'),
      users_affected_with_dupes_collection_link: link('users_affected_with_dupes'),
      users_unaffected_collection_link: link('users_unaffected'),
      vulnerabilities_collection_link: link('vulnerabilities'),
    };
  }
}

/** Launchpad's ordering: the keys given, then the bug id as tie-breaker (descending like the first key). */
function sortBugs(rows: FakeBug[], orderBy: string[]): FakeBug[] {
  const value = (b: FakeBug, key: string): number | string => {
    switch (key) {
      case 'datecreated':
        return Date.parse(b.created);
      case 'users_affected_count':
        return b.usersAffected;
      case 'heat':
        return b.heat;
      case 'message_count':
        return b.messageCount;
      case 'importance':
        return IMPORTANCE_RANK[b.importance] ?? 0;
      case 'title':
        return b.title;
      case 'status':
        return STATUSES.indexOf(b.status);
      default:
        return b.id;
    }
  };
  const keys = [...orderBy, orderBy[0]?.startsWith('-') ? '-id' : 'id'];
  return [...rows].sort((a, b) => {
    for (const k of keys) {
      const desc = k.startsWith('-');
      const name = k.replace(/^-/, '');
      const va = value(a, name);
      const vb = value(b, name);
      if (va < vb) return desc ? 1 : -1;
      if (va > vb) return desc ? -1 : 1;
    }
    return 0;
  });
}
