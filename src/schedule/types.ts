// Shapes of the schedule domain: cycles, events (official and the team's own), reminders.

export const KINDS = ['milestone', 'spec-freeze', 'feature-freeze', 'rc', 'release', 'review-day', 'custom'] as const;
export type Kind = (typeof KINDS)[number];

/** Where an event came from: the official release schedule, the config file, chat or the CLI. */
export type EventSource = 'official' | 'config' | 'chat' | 'cli';

/** One release cycle as imported from openstack/releases. */
export interface Cycle {
  /** Lower-case series name: "flamingo". */
  name: string;
  /** "2025.2", when known from series_status.yaml or the rst title. */
  releaseId: string | null;
  /** Monday of the first named week (R-25 or so), YYYY-MM-DD. */
  startDate: string;
  /** Friday of the release week (R+0), YYYY-MM-DD. */
  endDate: string;
  /** The coordinated release day, YYYY-MM-DD. */
  releaseDate: string | null;
}

export interface ScheduleEvent {
  /** Stable key: "flamingo:f-nova-spec-freeze", "hibiscus:h-nova-review-day#2", "team:flamingo:spec-review-day". */
  key: string;
  cycle: string;
  /** The official event id ("f-nova-spec-freeze"); null for the team's own events. */
  eventId: string | null;
  title: string;
  kind: Kind;
  /** Lower-case project for project-specific and team events ("nova"); null for cross-project events. */
  project: string | null;
  /** The day, in UTC, YYYY-MM-DD. */
  date: string;
  /** "HH:MM" in UTC when the deadline has a time; null for a whole day. */
  time: string | null;
  /** Last day of a multi-day event (PTG week), YYYY-MM-DD; null for one day. */
  endDate: string | null;
  /** Week name in the official schedule ("R-13"). */
  week: string | null;
  /** The prose from schedule.rst, or the team's own words. */
  description: string;
  source: EventSource;
  addedBy: string | null;
}

/** A reminder offset: whole weeks or days before the event's day, or the morning of the day. */
export type Offset = string; // "2w" | "1w" | "1d" | "morning" | "<n>d" | "<n>w"

export interface PlannedReminder {
  channel: string;
  event: ScheduleEvent;
  offset: Offset;
  /** When it is due (UTC instant). */
  at: Date;
  /** Ledger identity of the event's date: "2025-07-03T23:59Z" or "2025-06-17". */
  occurrence: string;
}
