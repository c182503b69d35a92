// The fake Launchpad's collections: a project's searchTasks (filters, order_by, ws.size and
// ws.start batches, memo next links, total_size inline or as a link, ws.show=total_size, short
// pages) and a bug's messages (the description, then the comments), paged.
import { taskJson } from './representations.ts';
import {
  CANONICAL,
  IMPORTANCE_RANK,
  IMPORTANCES,
  linkBase,
  ORDER_KEYS,
  inProject,
  STATUSES,
  taskOf,
  UNRESOLVED,
  visibleBug,
  type FakeBug,
  type LaunchpadState,
  type Recorded,
  type Send,
  type Text,
} from './state.ts';

export function searchTasks(lp: LaunchpadState, project: string, rec: Recorded, send: Send, text: Text): void {
  const q = rec.query;
  const sizeRaw = q.get('ws.size');
  const size = sizeRaw === null ? lp.defaultPageSize : Number(sizeRaw);
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
  let rows = lp.bugs.filter(
    (b) =>
      !b.private &&
      inProject(b, project) &&
      wanted.includes(taskOf(b, project).status) &&
      (!importances.length || importances.includes(taskOf(b, project).importance)) &&
      !b.duplicateOf &&
      (!since || Date.parse(b.created) >= Date.parse(since)),
  );
  rows = sortBugs(rows, orderBy.length ? orderBy : ['-importance'], project);
  if (q.get('ws.show') === 'total_size') return send(200, String(rows.length));
  const start = Number(q.get('ws.start') ?? 0);
  const batch = rows.slice(start, start + size);
  const more = start + size < rows.length;
  const origin = linkBase(lp);
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
  page.entries = batch.filter((b) => !b.dropAfterBatch).map((b) => taskJson(lp, project, b));
  send(200, JSON.stringify(page));
}

/** The bug's messages: the description (message 0), then the comments, oldest first, paged. */
export function messages(lp: LaunchpadState, id: number, rec: Recorded, send: Send, text: Text): void {
  const b = visibleBug(lp, id);
  if (!b) return text(404, 'Not found');
  const api = `${CANONICAL}/devel/bugs/${id}`;
  const all = [b.description, ...lp.comments.filter((c) => c.bugId === id).map((c) => c.content)].map((content, i) => ({
    self_link: `${api}/messages/${i}`,
    resource_type_link: `${CANONICAL}/devel/#message`,
    subject: i === 0 ? b.title : `Re: ${b.title}`,
    content,
    owner_link: `${CANONICAL}/devel/~${i === 0 ? 'reporter' : 'cyclebot'}`,
  }));
  const size = Number(rec.query.get('ws.size') ?? lp.defaultPageSize);
  const start = Number(rec.query.get('ws.start') ?? 0);
  const page: Record<string, unknown> = { start, entries: all.slice(start, start + size) };
  if (start + size < all.length) page.next_collection_link = `${linkBase(lp)}${rec.path}?ws.size=${size}&memo=${start + size}&ws.start=${start + size}`;
  else page.total_size = all.length;
  send(200, JSON.stringify(page));
}

/** Launchpad's ordering: the keys given, then the bug id as tie-breaker (descending like the first key). */
function sortBugs(rows: FakeBug[], orderBy: string[], project: string): FakeBug[] {
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
        return IMPORTANCE_RANK[taskOf(b, project).importance] ?? 0;
      case 'title':
        return b.title;
      case 'status':
        return STATUSES.indexOf(taskOf(b, project).status);
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
