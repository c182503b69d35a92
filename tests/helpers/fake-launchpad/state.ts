// The fake Launchpad's data: the bug rows tests build, the recorded requests and faults, the
// state the routes read and change, Launchpad's vocabularies, and the recorded Nova fixture.
import fs from 'node:fs';
import type http from 'node:http';
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
  /** The projects it has a task in (default: every project, sharing the bug's status and importance). */
  projects?: string[];
  /** With `projects`: each project's task (its status, importance, assignee), made from the bug's at first use. */
  tasks?: Record<string, TaskState>;
}

export type TaskState = Pick<FakeBug, 'status' | 'importance' | 'assignee'>;

/** The bug's task in a project: its own state when the bug lists projects, else the bug's fields. */
export function taskOf(b: FakeBug, project: string): TaskState {
  if (!b.projects) return b;
  b.tasks ??= {};
  return (b.tasks[project] ??= { status: b.status, importance: b.importance, assignee: b.assignee ?? null });
}

/** Whether the bug has a task in the project. */
export function inProject(b: FakeBug, project: string): boolean {
  return !b.projects || b.projects.includes(project);
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

/** What the routes read and change (FakeLaunchpad holds it). */
export interface LaunchpadState {
  bugs: FakeBug[];
  readonly comments: { bugId: number; content: string }[];
  /** Links in responses use https://api.launchpad.net (as production does), not our origin. */
  canonicalLinks: boolean;
  /** When set, every link in responses names this origin instead (a hostile or confused server). */
  linkOrigin: string | null;
  /** Page size when ws.size is absent (production seems to use 75). */
  defaultPageSize: number;
  /** Access tokens: secret and whether the account is in ~<project>-bugs. */
  readonly tokens: Map<string, { secret: string; supervisor: boolean }>;
  /** Request tokens: approved after this many +access-token polls (0 = already). */
  readonly requestTokens: Map<string, { secret: string; pollsLeft: number }>;
  approveAfterPolls: number;
  /** Projects that exist (others answer 404). */
  readonly projects: Set<string>;
  url: string;
  /** A new number for a token. */
  nextSeq(): number;
}

export type Send = (status: number, payload: string, headers?: Record<string, string>) => void;
export type Text = (status: number, message: string, headers?: Record<string, string>) => void;

export const CANONICAL = 'https://api.launchpad.net';
export const PROJECT_DISPLAY: Record<string, string> = { nova: 'OpenStack Compute (nova)' };
export const STATUSES = [
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
export const UNRESOLVED = ['New', 'Deferred', 'Incomplete', 'Confirmed', 'Triaged', 'In Progress', 'Fix Committed'];
export const IMPORTANCES = ['Unknown', 'Undecided', 'Critical', 'High', 'Medium', 'Low', 'Wishlist'];
export const IMPORTANCE_RANK: Record<string, number> = { Unknown: 999, Undecided: 5, Critical: 50, High: 40, Medium: 30, Low: 20, Wishlist: 10 };
export const ORDER_KEYS = [
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
export const SUPERVISOR_STATUSES = ["Won't Fix", 'Deferred', 'Expired', 'Triaged', 'Does Not Exist'];

/** The origin links in collections name: production's, ours, or the one a test set. */
export function linkBase(lp: LaunchpadState): string {
  return lp.linkOrigin ?? (lp.canonicalLinks ? CANONICAL : lp.url);
}

/** A bug the fake shows (private and dropped-after-batch bugs answer 404). */
export function visibleBug(lp: LaunchpadState, id: number): FakeBug | undefined {
  const b = lp.bugs.find((x) => x.id === id);
  return !b || b.private || b.dropAfterBatch ? undefined : b;
}

export function loadFixtureBugs(): { now: Date; bugs: FakeBug[] } {
  const file = path.resolve(import.meta.dirname, '../../fixtures/launchpad/nova-bugs.json');
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { now: string; bugs: FakeBug[] };
  return { now: new Date(data.now), bugs: data.bugs };
}
