// A recorded triage history (backlog counts, one round with decisions, a carried bug) for the web tests.
import { TriageRepo } from '../../src/triage/repo.ts';
import type { Db } from '../../src/store/db.ts';

export const BACKLOG = [42, 39, 35, 37, 30];
const DAY = 86_400_000;
export const T0 = Date.parse('2026-11-01T15:00:00Z');

export function recordHistory(db: Db, project = 'nova'): TriageRepo {
  const repo = new TriageRepo(db);
  BACKLOG.forEach((n, i) =>
    repo.recordBacklog(project, { takenAt: T0 + i * 7 * DAY, untriaged: n, halfTriaged: null, query: 'status New', source: i % 2 ? 'round' : 'daily' }),
  );
  const task = (id: number, title: string) => ({
    id,
    title,
    status: 'New',
    importance: 'Undecided',
    created: '2026-10-01T00:00:00Z',
    webLink: `https://bugs.launchpad.net/nova/+bug/${id}`,
    taskLink: '',
    bugLink: '',
    assigneeLink: null,
  });
  repo.upsertTasks(project, [task(2100001, 'Live migration <script>alert(1)</script> fails'), task(2100002, 'Scheduler ignores "weights" & traits')], T0);
  const alice = { key: 'irc:alice', display: 'alice' };
  const roundId = repo.createRound({
    project,
    transport: 'irc',
    room: '#openstack-nova',
    order: 'newest',
    size: 2,
    query: 'status New',
    startedAt: T0 + 28 * DAY,
    startedBy: alice,
    meeting: { name: 'nova', startedAt: T0 + 28 * DAY - 3_600_000 },
    backlog: 30,
    halfTriaged: null,
    endedAt: null,
    queue: [
      { position: 0, bugId: 2100001, carried: null, state: 'decided' },
      { position: 1, bugId: 2100002, carried: null, state: 'deferred' },
    ],
  });
  repo.addDecision({
    roundId,
    project,
    bugId: 2100001,
    kind: 'importance',
    value: 'High',
    reason: null,
    by: { key: 'irc:bob', display: 'bob' },
    at: T0 + 28 * DAY + 60_000,
    meeting: null,
    writeState: 'written',
    writeNote: null,
    corrects: null,
  });
  repo.carry(project, [{ bugId: 2100002, reason: 'deferred' }], roundId, T0 + 28 * DAY);
  return repo;
}
