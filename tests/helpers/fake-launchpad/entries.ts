// The fake Launchpad's entries: a bug (GET with ETag/304; PATCH of tags or duplicate_of with
// If-Match/412; POST newMessage) and a bug task (GET; PATCH of status, importance, assignee,
// 401 without bug-supervisor rights where Launchpad asks for them). Writes answer 209 or 201.
import { authorize } from './oauth.ts';
import { bugJson, etag, taskJson } from './representations.ts';
import {
  CANONICAL,
  IMPORTANCES,
  inProject,
  STATUSES,
  SUPERVISOR_STATUSES,
  taskOf,
  visibleBug,
  type LaunchpadState,
  type Recorded,
  type Send,
  type Text,
} from './state.ts';

export function bugResource(lp: LaunchpadState, id: number, rec: Recorded, send: Send, text: Text): void {
  const b = visibleBug(lp, id);
  if (!b) return text(404, `Object: <Bug at 0x...>, name: '${id}'`);
  const tag = etag(b);
  if (rec.method === 'GET') {
    if (rec.headers['if-none-match'] === tag) return send(304, '', { ETag: tag });
    return send(200, JSON.stringify(bugJson(lp, b)), { ETag: tag });
  }
  const auth = authorize(lp, rec);
  if (auth !== 'ok' && auth !== 'supervisor')
    return text(auth === 'bad-method' ? 400 : 401, auth === 'bad-method' ? 'Only the PLAINTEXT signature method is supported.' : 'Unknown access token.');
  if (rec.method === 'PATCH') {
    if (rec.headers['if-match'] && rec.headers['if-match'] !== tag) return text(412, 'Precondition failed');
    const patch = JSON.parse(rec.body) as { tags?: string[]; duplicate_of_link?: string };
    if (patch.tags) b.tags = patch.tags;
    if (patch.duplicate_of_link) {
      const target = Number(/\/bugs\/(\d+)$/.exec(patch.duplicate_of_link)?.[1]);
      if (!lp.bugs.some((x) => x.id === target) || target === id) return text(400, 'duplicateof: invalid bug');
      b.duplicateOf = target;
    }
    b.version = (b.version ?? 0) + 1;
    return send(209, JSON.stringify(bugJson(lp, b)), { ETag: etag(b) });
  }
  if (rec.method === 'POST') {
    const form = new URLSearchParams(rec.body);
    if (form.get('ws.op') !== 'newMessage') return text(400, 'No such operation');
    lp.comments.push({ bugId: id, content: form.get('content') ?? '' });
    b.messageCount++;
    b.version = (b.version ?? 0) + 1;
    return send(201, '', { Location: `${CANONICAL}/devel/bugs/${id}/comments/${b.messageCount - 1}` });
  }
  return text(405, 'Method not allowed');
}

export function taskResource(lp: LaunchpadState, project: string, id: number, rec: Recorded, send: Send, text: Text): void {
  const b = visibleBug(lp, id);
  if (!b || !inProject(b, project)) return text(404, 'Not found');
  if (rec.method === 'GET') return send(200, JSON.stringify(taskJson(lp, project, b)));
  if (rec.method !== 'PATCH') return text(405, 'Method not allowed');
  const auth = authorize(lp, rec);
  if (auth === 'bad-method') return text(400, 'Only the PLAINTEXT signature method is supported.');
  if (auth === 'unknown') return text(401, 'Unknown access token.');
  const patch = JSON.parse(rec.body) as { status?: string; importance?: string; assignee_link?: string };
  if (patch.status !== undefined && !STATUSES.includes(patch.status)) return text(400, `status: Invalid value "${patch.status}"`);
  if (patch.importance !== undefined && !IMPORTANCES.includes(patch.importance)) return text(400, `importance: Invalid value "${patch.importance}"`);
  const needsSupervisor = patch.importance !== undefined || (patch.status !== undefined && SUPERVISOR_STATUSES.includes(patch.status));
  if (needsSupervisor && auth !== 'supervisor') return text(401, `(<Bug at 0x...>, 'importance', 'launchpad.Edit')`);
  // The project's task changes, not the bug's other tasks.
  const task = taskOf(b, project);
  if (patch.status) task.status = patch.status;
  if (patch.importance) task.importance = patch.importance;
  if (patch.assignee_link) task.assignee = /~([^/]+)$/.exec(patch.assignee_link)?.[1] ?? null;
  b.version = (b.version ?? 0) + 1;
  send(209, JSON.stringify(taskJson(lp, project, b)));
}
