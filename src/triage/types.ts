// Shapes of the triage domain: what Launchpad returns (parsed), decisions, orders. No imports.

export type Order = 'newest' | 'most-voted' | 'oldest';
export const ORDERS: readonly Order[] = ['newest', 'most-voted', 'oldest'];

/** searchTasks order_by keys per order (repeated keys; the server adds a bug-id tie-breaker). */
export const ORDER_BY: Record<Order, string[]> = {
  newest: ['-datecreated'],
  // Launchpad has no votes: "affects me too" (users_affected_count), then heat, stand for them.
  'most-voted': ['-users_affected_count', '-heat', '-datecreated'],
  oldest: ['datecreated'],
};

export const ORDER_LABEL: Record<Order, string> = {
  newest: 'newest first',
  'most-voted': 'most affected first',
  oldest: 'oldest first',
};

/** One bug_task entry of a searchTasks page, reduced to what the round uses. */
export interface BugTask {
  id: number;
  /** The clean bug title (parsed out of 'Bug #N in X: "title"'); the bug entry's title wins when fetched. */
  title: string;
  status: string;
  importance: string;
  /** ISO-8601 as Launchpad sent it (task date_created). */
  created: string;
  webLink: string;
  /** The task's self_link: PATCH target for status, importance, assignee. */
  taskLink: string;
  /** The bug's API link: GET for tags, heat, users affected, messages. */
  bugLink: string;
  assigneeLink: string | null;
}

/** Fields that live on the bug entry (one GET per bug shown). */
export interface BugDetails {
  id: number;
  title: string;
  tags: string[];
  heat: number;
  usersAffected: number;
  /** Messages including the description (message 0). */
  messageCount: number;
  description: string;
  hasPatch: boolean;
  duplicateOf: number | null;
  informationType: string;
}

export interface SearchQuery {
  /** The Launchpad project searched (default: the client's). */
  project?: string;
  statuses: readonly string[];
  /** Empty: any importance. */
  importances: readonly string[];
  order?: Order;
  createdSince?: string;
}

export interface SearchResult {
  tasks: BugTask[];
  /** The true total (inline total_size or total_size_link), not a page count. */
  total: number;
  /** Every page was read (the whole queue is known). */
  complete: boolean;
  requests: number;
}

export type OutcomeKind = 'confirm' | 'incomplete' | 'invalid' | 'opinion' | 'wontfix' | 'dup';
export type AnnotationKind = 'importance' | 'tag' | 'assign';
export type PassKind = 'skip' | 'defer' | 'next';
/** Takes back an earlier decision of the round (recorded, written back like any decision). */
export type CorrectionKind = 'undo';
export type DecisionKind = OutcomeKind | AnnotationKind | PassKind | CorrectionKind;

export const IMPORTANCES = ['Critical', 'High', 'Medium', 'Low', 'Wishlist'] as const;
export type Importance = (typeof IMPORTANCES)[number];

/** Launchpad status set by each outcome. */
export const OUTCOME_STATUS: Record<OutcomeKind, string> = {
  confirm: 'Confirmed',
  incomplete: 'Incomplete',
  invalid: 'Invalid',
  opinion: 'Opinion',
  wontfix: "Won't Fix",
  dup: 'Duplicate',
};

export interface DecisionInput {
  kind: DecisionKind;
  /** Importance (confirm, importance), tag, Launchpad name (assign) or master bug id (dup). */
  value?: string;
  reason?: string;
  /** The bug the decider meant: the current bug, or one decided earlier in the round (an amendment). */
  bugId?: number;
}

export interface Who {
  key: string;
  display: string;
}

export interface Where {
  transport: string;
  room: string;
}

export interface MeetingRef {
  name: string | null;
  startedAt: number;
}

/** Looks up the OpenDev meeting running in a room (core MeetingTracker fits). */
export interface MeetingLookup {
  current(transport: string, room: string): { name?: string; startedAt: Date } | undefined;
}

export function isOutcome(kind: DecisionKind): kind is OutcomeKind {
  return kind in OUTCOME_STATUS;
}

export function isAnnotation(kind: DecisionKind): kind is AnnotationKind {
  return kind === 'importance' || kind === 'tag' || kind === 'assign';
}
