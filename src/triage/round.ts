// The triage round as pure functions over plain data: which bugs make the queue, which one is
// current, what a decision does to the queue, what is carried to the next round, the summary.
// Persistence is the repository's job; talking to Launchpad is the service's.
import { isAnnotation, isOutcome, type BugTask, type DecisionKind, type MeetingRef, type Order, type Who } from './types.ts';

export type ItemState = 'pending' | 'current' | 'decided' | 'skipped' | 'deferred';
export type Carry = 'deferred' | 'unreviewed';

export interface QueueItem {
  position: number;
  bugId: number;
  /** The Launchpad project whose task of the bug is reviewed (a team of several projects); absent: the round's. */
  project?: string;
  carried: Carry | null;
  state: ItemState;
}

export interface Round {
  id: number;
  project: string;
  transport: string;
  room: string;
  order: Order;
  size: number;
  /** The queue's definition, e.g. "status New". */
  query: string;
  startedAt: number;
  startedBy: Who;
  meeting: MeetingRef | null;
  backlog: number;
  halfTriaged: number | null;
  endedAt: number | null;
  queue: QueueItem[];
}

export type WriteState = 'none' | 'dry-run' | 'pending' | 'written' | 'failed';

export interface Decision {
  id: number;
  roundId: number | null;
  project: string;
  bugId: number;
  kind: Exclude<DecisionKind, 'next'>;
  value: string | null;
  reason: string | null;
  by: Who;
  at: number;
  meeting: MeetingRef | null;
  writeState: WriteState;
  writeNote: string | null;
  /** The earlier decision of the round this one undoes ('undo') or amends (any other kind). */
  corrects: number | null;
}

export interface HandledBug {
  /** The bot wrote its last outcome to Launchpad (so a bug still New there needs another look). */
  written: boolean;
}

export interface PlanInput {
  /** Untriaged tasks in the round's order, as Launchpad listed them. */
  candidates: BugTask[];
  /** The candidates are the whole queue (every page read). */
  complete: boolean;
  /** Bugs carried from earlier rounds, in the order they should come. */
  carried: { bugId: number; reason: Carry }[];
  /** Bugs with a recorded outcome or annotation. */
  handled: Map<number, HandledBug>;
  size: number;
}

export interface Plan {
  items: { bugId: number; carried: Carry | null }[];
  /** Carried bugs left out because Launchpad no longer lists them as untriaged. */
  dropped: number[];
}

/**
 * Carried bugs first (deferred, then unreviewed), then the candidates in order. A handled bug is
 * left out, unless the bot wrote its outcome back and Launchpad still lists it as untriaged.
 */
export function planQueue(p: PlanInput): Plan {
  const listed = new Set(p.candidates.map((t) => t.id));
  const eligible = (id: number) => {
    const h = p.handled.get(id);
    return !h || (h.written && listed.has(id));
  };
  const items: Plan['items'] = [];
  const dropped: number[] = [];
  const taken = new Set<number>();
  const carried = [...p.carried].sort((a, b) => (a.reason === b.reason ? 0 : a.reason === 'deferred' ? -1 : 1));
  for (const c of carried) {
    if (taken.has(c.bugId)) continue;
    if ((p.complete && !listed.has(c.bugId)) || !eligible(c.bugId)) {
      dropped.push(c.bugId);
      continue;
    }
    if (items.length < p.size) {
      items.push({ bugId: c.bugId, carried: c.reason });
      taken.add(c.bugId);
    }
  }
  for (const t of p.candidates) {
    if (items.length >= p.size) break;
    if (taken.has(t.id) || !eligible(t.id)) continue;
    items.push({ bugId: t.id, carried: null });
    taken.add(t.id);
  }
  return { items, dropped };
}

/** A fresh queue: the first item is current. */
export function newQueue(items: (Plan['items'][number] & { project?: string })[]): QueueItem[] {
  return items.map((it, i) => ({
    position: i + 1,
    bugId: it.bugId,
    ...(it.project !== undefined ? { project: it.project } : {}),
    carried: it.carried,
    state: i === 0 ? 'current' : 'pending',
  }));
}

/** The project whose task of a queued bug the round reviews. */
export function itemProject(round: Pick<Round, 'project' | 'queue'>, bugId: number): string {
  return round.queue.find((q) => q.bugId === bugId)?.project ?? round.project;
}

export function currentItem(queue: QueueItem[]): QueueItem | undefined {
  return queue.find((q) => q.state === 'current');
}

/** Marks the current item and makes the next pending one current. */
export function advance(queue: QueueItem[], mark: 'decided' | 'skipped' | 'deferred'): QueueItem[] {
  const out = queue.map((q) => ({ ...q }));
  const cur = out.find((q) => q.state === 'current');
  if (cur) cur.state = mark;
  const next = out.find((q) => q.state === 'pending');
  if (next) next.state = 'current';
  return out;
}

/** The decisions that stand: without 'undo' rows and without those a later one undid or amended. */
export function effective(decisions: Decision[]): Decision[] {
  const corrected = new Set(decisions.map((d) => d.corrects).filter((id): id is number => id !== null));
  return decisions.filter((d) => d.kind !== 'undo' && !corrected.has(d.id));
}

/** The round's last decision that still stands, or undefined. */
export function lastStanding(decisions: Decision[]): Decision | undefined {
  return effective(decisions).at(-1);
}

/**
 * Undoing a decision that moved the queue (an outcome, defer, skip) puts its bug back as the
 * current one; the bug that was current waits again as the next one.
 */
export function reopen(queue: QueueItem[], bugId: number): QueueItem[] {
  const out = queue.map((q) => ({ ...q }));
  const item = out.find((q) => q.bugId === bugId);
  if (!item || item.state === 'current' || item.state === 'pending') return out;
  for (const q of out) if (q.state === 'current') q.state = 'pending';
  item.state = 'current';
  return out;
}

export type Effect = 'advance-decided' | 'stay' | 'advance-skipped' | 'advance-deferred';

/** What a decision does to the queue. `next` counts as reviewed when the bug got annotations. */
export function effectOf(kind: DecisionKind, annotatedAlready: boolean): Effect {
  if (isOutcome(kind)) return 'advance-decided';
  if (isAnnotation(kind)) return 'stay';
  if (kind === 'defer') return 'advance-deferred';
  if (kind === 'next') return annotatedAlready ? 'advance-decided' : 'advance-skipped';
  return 'advance-skipped';
}

/** Bugs that come first at the next round: deferred ones and those the round did not reach. */
export function carryAtEnd(queue: QueueItem[]): { bugId: number; reason: Carry; project?: string }[] {
  const out: { bugId: number; reason: Carry; project?: string }[] = [];
  const of = (q: QueueItem) => (q.project !== undefined ? { project: q.project } : {});
  for (const q of queue) {
    if (q.state === 'deferred') out.push({ bugId: q.bugId, reason: 'deferred', ...of(q) });
    else if (q.state === 'pending' || q.state === 'current') out.push({ bugId: q.bugId, reason: 'unreviewed', ...of(q) });
  }
  return out;
}

export interface Summary {
  reviewed: number;
  /** Outcome counts in a fixed order, e.g. [["Confirmed", 2], ["Incomplete", 1]]. */
  outcomes: [string, number][];
  annotated: number;
  deferred: number;
  skipped: number;
  unreviewed: number;
  /** Bugs whose recorded outcome takes them out of the untriaged queue. */
  leaving: number;
}

const OUTCOME_LABELS: [DecisionKind, string][] = [
  ['confirm', 'Confirmed'],
  ['incomplete', 'Incomplete'],
  ['invalid', 'Invalid'],
  ['opinion', 'Opinion'],
  ['wontfix', "Won't Fix"],
  ['dup', 'duplicate'],
];

/**
 * The round's tally. `leavesQueue` says whether a decision kind takes a bug out of the untriaged
 * queue (status outcomes always; importance too when the queue is "Undecided" only).
 */
export function summarize(queue: QueueItem[], decisions: Decision[], leavesQueue: (kind: DecisionKind) => boolean): Summary {
  const lastOutcome = new Map<number, Decision>();
  const annotatedBugs = new Set<number>();
  const leavingBugs = new Set<number>();
  for (const d of decisions) {
    if (isOutcome(d.kind)) lastOutcome.set(d.bugId, d);
    if (isAnnotation(d.kind)) annotatedBugs.add(d.bugId);
    if (leavesQueue(d.kind)) leavingBugs.add(d.bugId);
  }
  const outcomes: [string, number][] = [];
  for (const [kind, label] of OUTCOME_LABELS) {
    const n = [...lastOutcome.values()].filter((d) => d.kind === kind).length;
    if (n) outcomes.push([label, n]);
  }
  const count = (s: ItemState) => queue.filter((q) => q.state === s).length;
  return {
    reviewed: count('decided'),
    outcomes,
    annotated: [...annotatedBugs].filter((b) => !lastOutcome.has(b)).length,
    deferred: count('deferred'),
    skipped: count('skipped'),
    unreviewed: count('pending') + count('current'),
    leaving: leavingBugs.size,
  };
}
