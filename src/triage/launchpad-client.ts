// Anonymous reads of a project's bug tasks (searchTasks on the devel API) and of bug entries,
// exactly as lazr.restful pages them: next_collection_link followed as given (never built, never
// inferred from a page's length), total_size inline or behind total_size_link. Bug entries are
// fetched one by one, only for bugs being shown, revalidated with If-None-Match.
import { assertSecureOrigin, type Http, LaunchpadError } from './http.ts';
import { authorizationHeader, type OAuthCredentials } from './oauth.ts';
import { ORDER_BY, type BugDetails, type BugTask, type SearchQuery, type SearchResult } from './types.ts';

/** Where fetched bug entries are kept (SQLite in production). */
export interface BugCache {
  getBug(id: number): { etag: string | null; details: BugDetails; fetchedAt: number } | undefined;
  putBug(id: number, etag: string | null, details: BugDetails, fetchedAt: number): void;
}

export interface ClientOptions {
  http: Http;
  /** API origin, e.g. https://api.launchpad.net or a loopback fake. */
  baseUrl: string;
  project: string;
  /** ws.size, at most 300. */
  pageSize: number;
  /** Pages followed at most per search. */
  maxPages: number;
  cache?: BugCache;
  /** A cached bug younger than this is used without asking Launchpad. */
  cacheMs?: number;
  now?: () => number;
  /** Needed only for writes. */
  credentials?: OAuthCredentials;
  /** Accept an http: baseUrl (loopback test servers only; config launchpad.allowHttp). */
  allowHttp?: boolean;
}

/** The canonical origin that Launchpad writes into links, whatever origin was asked. */
export const CANONICAL_API = 'https://api.launchpad.net';
export const MAX_PAGE_SIZE = 300;

export class LaunchpadClient {
  readonly apiRoot: string;
  readonly project: string;

  constructor(private readonly opts: ClientOptions) {
    assertSecureOrigin(opts.baseUrl, opts.allowHttp ?? false, 'the Launchpad API at');
    const base = opts.baseUrl.replace(/(?<!\/)\/+$/, ''); /* lookbehind: a trailing run is tried once */
    this.apiRoot = `${base}/devel`;
    this.project = opts.project;
  }

  get http(): Http {
    return this.opts.http;
  }

  get canWrite(): boolean {
    return Boolean(this.opts.credentials);
  }

  /** The searchTasks URL; list parameters repeat their key. */
  searchUrl(q: SearchQuery, extra: Record<string, string> = {}): string {
    const p = new URLSearchParams({ 'ws.op': 'searchTasks' });
    for (const s of q.statuses) p.append('status', s);
    for (const i of q.importances) p.append('importance', i);
    if (q.order) for (const o of ORDER_BY[q.order]) p.append('order_by', o);
    if (q.createdSince) p.append('created_since', q.createdSince);
    for (const [k, v] of Object.entries(extra)) p.append(k, v);
    return `${this.apiRoot}/${encodeURIComponent(q.project ?? this.project)}?${p.toString()}`;
  }

  /**
   * Reads tasks page by page until `limit` tasks are in hand (all when absent), the last page, or
   * maxPages. The total is the server's (private bugs excluded), never a count of what was read.
   */
  async search(q: SearchQuery, limit?: number): Promise<SearchResult> {
    const before = this.http.requests;
    const size = Math.min(this.opts.pageSize, MAX_PAGE_SIZE, limit ?? MAX_PAGE_SIZE);
    let url: string | null = this.searchUrl(q, { 'ws.size': String(size) });
    const tasks: BugTask[] = [];
    let total: number | undefined;
    let totalLink: string | undefined;
    let pages = 0;
    while (url) {
      const page = asCollection(await this.getJson(url, 'searchTasks', `project ${q.project ?? this.project}`));
      pages++;
      for (const entry of page.entries) {
        const task = parseTask(entry);
        if (task && !tasks.some((t) => t.id === task.id)) tasks.push(task);
      }
      if (typeof page.total_size === 'number' && total === undefined) total = page.total_size;
      if (typeof page.total_size_link === 'string') totalLink = page.total_size_link;
      const next: string | null = typeof page.next_collection_link === 'string' ? this.local(page.next_collection_link) : null;
      const enough = limit !== undefined && tasks.length >= limit;
      url = next && !enough && pages < this.opts.maxPages ? next : null;
      if (next && !url) {
        const complete = false;
        if (total === undefined) total = totalLink ? await this.totalAt(this.local(totalLink), q.project) : await this.count(q);
        return { tasks: limit ? tasks.slice(0, limit) : tasks, total, complete, requests: this.http.requests - before };
      }
    }
    if (total === undefined) total = totalLink ? await this.totalAt(this.local(totalLink), q.project) : tasks.length;
    return { tasks: limit ? tasks.slice(0, limit) : tasks, total, complete: true, requests: this.http.requests - before };
  }

  /** The first matching task in an order (ws.size=1; a page emptied by privacy filtering is followed). */
  async first(q: SearchQuery): Promise<BugTask | null> {
    let url: string | null = this.searchUrl(q, { 'ws.size': '1' });
    for (let pages = 0; url && pages < this.opts.maxPages; pages++) {
      const page = asCollection(await this.getJson(url, 'searchTasks', `project ${q.project ?? this.project}`));
      const task = page.entries.map(parseTask).find((t) => t !== null);
      if (task) return task;
      url = typeof page.next_collection_link === 'string' ? this.local(page.next_collection_link) : null;
    }
    return null;
  }

  /** The number of matching tasks (ws.show=total_size answers a bare integer). */
  async count(q: SearchQuery): Promise<number> {
    return this.totalAt(this.searchUrl({ ...q, order: undefined }, { 'ws.show': 'total_size' }), q.project);
  }

  /** A bug entry: from the cache while fresh, else revalidated (304) or fetched. */
  async bug(id: number): Promise<BugDetails> {
    const now = this.opts.now?.() ?? Date.now();
    const cached = this.opts.cache?.getBug(id);
    if (cached && now - cached.fetchedAt < (this.opts.cacheMs ?? 0)) return cached.details;
    return (await this.refreshBug(id, cached, now)).details;
  }

  /** Always asks Launchpad (conditionally when cached); returns the details and the current ETag. */
  async refreshBug(
    id: number,
    cached = this.opts.cache?.getBug(id),
    now = this.opts.now?.() ?? Date.now(),
  ): Promise<{ details: BugDetails; etag: string | null }> {
    const headers: Record<string, string> = cached?.etag ? { 'If-None-Match': cached.etag } : {};
    const res = await this.http.request(this.bugUrl(id), { what: `bug ${id}`, headers, accept: [304] });
    if (res.status === 304 && cached) {
      this.opts.cache?.putBug(id, cached.etag, cached.details, now);
      return { details: cached.details, etag: cached.etag };
    }
    const entry = parseJson(res.text, `bug ${id}`);
    const details = parseBug(entry, id);
    const etag = res.headers.get('etag') ?? (typeof entry.http_etag === 'string' ? entry.http_etag : null);
    this.opts.cache?.putBug(id, etag, details, now);
    return { details, etag };
  }

  bugUrl(id: number): string {
    return `${this.apiRoot}/bugs/${id}`;
  }

  personUrl(name: string): string {
    return `${this.apiRoot}/~${encodeURIComponent(name)}`;
  }

  /** PATCH a task or bug with a JSON body; Launchpad answers 209 Content Returned. */
  async patch(url: string, body: Record<string, unknown>, what: string, ifMatch?: string): Promise<void> {
    await this.http.request(this.local(url), {
      method: 'PATCH',
      what,
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', ...this.authHeaders(), ...(ifMatch ? { 'If-Match': ifMatch } : {}) },
    });
  }

  /** POST a named operation (form-encoded), e.g. ws.op=newMessage. */
  async post(url: string, form: Record<string, string>, what: string): Promise<void> {
    await this.http.request(this.local(url), {
      method: 'POST',
      what,
      body: new URLSearchParams(form).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...this.authHeaders() },
    });
  }

  /**
   * Links name https://api.launchpad.net even when we asked another origin: point them at ours.
   * A link to any other origin (a crafted self_link or next_collection_link) is refused: requests,
   * and the OAuth header of writes, only ever go to the configured origin.
   */
  local(link: string): string {
    const base = this.apiRoot.slice(0, -'/devel'.length);
    const url = link.startsWith(CANONICAL_API + '/') ? base + link.slice(CANONICAL_API.length) : link;
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      throw new LaunchpadError('http', 'Launchpad sent an unreadable link');
    }
    if (origin !== new URL(base).origin) throw new LaunchpadError('http', `refusing a Launchpad link to another host (${origin})`);
    return url;
  }

  private authHeaders(): Record<string, string> {
    const c = this.opts.credentials;
    if (!c) throw new LaunchpadError('unauthorized', 'no Launchpad credentials configured (run cyclebot triage login)');
    return { Authorization: authorizationHeader(c) };
  }

  private async totalAt(url: string, project = this.project): Promise<number> {
    const res = await this.http.request(url, { what: 'searchTasks total', notFound: `project ${project}` });
    const n = Number(res.text.trim());
    if (!Number.isInteger(n) || n < 0) throw new LaunchpadError('http', 'Launchpad sent an unreadable total for searchTasks');
    return n;
  }

  private async getJson(url: string, what: string, notFound?: string): Promise<Record<string, unknown>> {
    const res = await this.http.request(url, { what, notFound });
    return parseJson(res.text, what);
  }
}

interface Collection {
  entries: unknown[];
  total_size?: unknown;
  total_size_link?: unknown;
  next_collection_link?: unknown;
}

function parseJson(text: string, what: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new LaunchpadError('http', `Launchpad sent something that is not a JSON object for ${what}`);
}

function asCollection(v: Record<string, unknown>): Collection {
  if (!Array.isArray(v.entries)) throw new LaunchpadError('http', 'Launchpad sent a page without entries for searchTasks');
  return v as unknown as Collection;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** The bug number in a bug_link, web_link or self_link. */
export function bugIdOf(link: string | null): number | null {
  const m = link ? /\/(?:bugs|\+bug)\/(\d+)(?:$|[/?#])/.exec(link) : null;
  return m ? Number(m[1]) : null;
}

/** 'Bug #1458945 in Sahara: "Use graduated oslo.policy"' → 'Use graduated oslo.policy'. */
export function cleanTaskTitle(title: string): string {
  // The head stops at the first '"': `.*?: "(.*)"$` retried the rest of the title after every ': "'.
  const head = /^Bug #\d+ in [^"]*?: "/.exec(title);
  return head && title.length > head[0].length && title.endsWith('"') ? title.slice(head[0].length, -1) : title;
}

/** A bug_task entry, or null when it lacks what the round needs. */
export function parseTask(entry: unknown): BugTask | null {
  if (!entry || typeof entry !== 'object') return null;
  const e = entry as Record<string, unknown>;
  const bugLink = str(e.bug_link);
  const webLink = str(e.web_link);
  const taskLink = str(e.self_link);
  const id = bugIdOf(bugLink) ?? bugIdOf(webLink) ?? bugIdOf(taskLink);
  if (id === null || !bugLink || !webLink || !taskLink) return null;
  return {
    id,
    title: cleanTaskTitle(str(e.title) ?? ''),
    status: str(e.status) ?? 'Unknown',
    importance: str(e.importance) ?? 'Unknown',
    created: str(e.date_created) ?? '',
    webLink,
    taskLink,
    bugLink,
    assigneeLink: str(e.assignee_link),
  };
}

export function parseBug(e: Record<string, unknown>, id: number): BugDetails {
  const tags = Array.isArray(e.tags) ? e.tags.filter((t): t is string => typeof t === 'string') : [];
  return {
    id: typeof e.id === 'number' ? e.id : id,
    title: str(e.title) ?? '',
    tags,
    heat: num(e.heat),
    usersAffected: num(e.users_affected_count),
    messageCount: num(e.message_count),
    description: str(e.description) ?? '',
    hasPatch: e.latest_patch_uploaded !== null && e.latest_patch_uploaded !== undefined,
    duplicateOf: bugIdOf(str(e.duplicate_of_link)),
    informationType: str(e.information_type) ?? 'Public',
  };
}
