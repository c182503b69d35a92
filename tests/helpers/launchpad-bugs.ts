// Launchpad bug fixtures, built in one place: a parsed task, its bug entry, and a fake-Launchpad row,
// each with the links and defaults Launchpad would give it, so a test names only what it is about.
import type { BugDetails, BugTask } from '../../src/triage/types.ts';
import type { FakeBug } from './fake-launchpad.ts';

/** A task as LaunchpadClient parses it: untriaged, its links derived from the id and project. */
export function bugTask(id: number, over: Partial<BugTask> & { project?: string } = {}): BugTask {
  const { project = 'nova', ...fields } = over;
  return {
    id,
    title: `bug ${id}`,
    status: 'New',
    importance: 'Undecided',
    created: '2025-06-01T00:00:00.000000+00:00',
    webLink: `https://bugs.launchpad.net/${project}/+bug/${id}`,
    taskLink: `https://api.launchpad.net/devel/${project}/+bug/${id}`,
    bugLink: `https://api.launchpad.net/devel/bugs/${id}`,
    assigneeLink: null,
    ...fields,
  };
}

/** The bug entry's fields for `id`: public, no tags, no patch, the description only. */
export function bugDetails(id: number, over: Partial<BugDetails> = {}): BugDetails {
  return {
    id,
    title: `bug ${id}`,
    tags: [],
    heat: 0,
    usersAffected: 0,
    messageCount: 1,
    description: '',
    hasPatch: false,
    duplicateOf: null,
    informationType: 'Public',
    ...over,
  };
}

/** A row of FakeLaunchpad: an untriaged public bug with only its description. */
export function fakeBug(id: number, over: Partial<FakeBug> = {}): FakeBug {
  return {
    id,
    title: `bug ${id}`,
    status: 'New',
    importance: 'Undecided',
    created: '2025-06-01T00:00:00.000000+00:00',
    tags: [],
    heat: 0,
    usersAffected: 0,
    messageCount: 1,
    description: '',
    private: false,
    dropAfterBatch: false,
    duplicateOf: null,
    ...over,
  };
}
