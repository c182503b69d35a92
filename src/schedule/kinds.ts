// What each kind of event means: default reminder offsets, which official events are worth a
// reminder, and the words that say what a deadline means for contributors.
import type { Kind, Offset, ScheduleEvent } from './types.ts';

/** Before the event's day: weeks, days, or its morning. Spec and feature freezes get all four. */
export const DEFAULT_OFFSETS: Record<Kind, Offset[]> = {
  'spec-freeze': ['2w', '1w', '1d', 'morning'],
  'feature-freeze': ['2w', '1w', '1d', 'morning'],
  milestone: ['1w', 'morning'],
  rc: ['1w', '1d'],
  release: ['1w', 'morning'],
  'review-day': ['1d', 'morning'],
  custom: ['1d', 'morning'],
};

export const OFFSET_PATTERN = /^(?:([1-9]\d{0,2})([wd])|morning)$/;

/** Calendar days before the event's day; null for a malformed offset. */
export function offsetDays(offset: Offset): number | null {
  const m = OFFSET_PATTERN.exec(offset);
  if (!m) return null;
  if (offset === 'morning') return 0;
  return Number(m[1]) * (m[2] === 'w' ? 7 : 1);
}

interface Known {
  kind: Kind;
  /** Reminded by default (the team's own and project-specific events always are). */
  notable: boolean;
  /** What it means for contributors; {P} is the project ("Nova"), {R} the release ("2025.2"). */
  meaning: string;
}

// Cross-project ids, after the series letter ("f-ff" → "ff").
const CROSS: Record<string, Known> = {
  '1': { kind: 'milestone', notable: true, meaning: 'milestone releases are tagged that week' },
  '2': { kind: 'milestone', notable: true, meaning: 'milestone releases are tagged that week; membership freeze' },
  '3': { kind: 'milestone', notable: true, meaning: 'milestone releases are tagged that week' },
  ff: { kind: 'feature-freeze', notable: true, meaning: 'no featureful patches merge after it, except with a PTL-granted exception' },
  rc1: { kind: 'rc', notable: true, meaning: 'first release candidates and stable branches are cut that week' },
  finalrc: { kind: 'rc', notable: true, meaning: 'the last week for release candidates before the release' },
  final: { kind: 'release', notable: true, meaning: 'the coordinated release; only release-critical fixes land in release week' },
  vptg: { kind: 'custom', notable: true, meaning: 'the virtual PTG plans the cycle' },
  ptg: { kind: 'custom', notable: true, meaning: 'the PTG plans the cycle' },
  'soft-sf': { kind: 'custom', notable: false, meaning: 'no more changes to user-facing strings' },
  'hard-sf': { kind: 'custom', notable: false, meaning: 'strings are frozen for translators' },
  rf: { kind: 'custom', notable: false, meaning: 'only critical requirements changes after it' },
  'final-lib': { kind: 'custom', notable: false, meaning: 'final releases of non-client libraries' },
  'final-clientlib': { kind: 'custom', notable: false, meaning: 'final releases of client libraries' },
};

// Project-specific slugs, after "<letter>-<project>-" ("f-nova-spec-freeze" → "spec-freeze").
const PROJECT: Record<string, Known> = {
  'spec-soft-freeze': { kind: 'spec-freeze', notable: true, meaning: 'no new {P} specs are accepted after it' },
  'spec-freeze': { kind: 'spec-freeze', notable: true, meaning: 'all {P} specs for {R} must be approved by then' },
  'spec-review-day': { kind: 'review-day', notable: true, meaning: 'the {P} core team reviews specs that day, so have yours ready' },
  'review-day': { kind: 'review-day', notable: true, meaning: 'the {P} core team reviews prioritized code changes that day' },
  'feature-freeze': { kind: 'feature-freeze', notable: true, meaning: 'no new {P} features after it' },
  freeze: { kind: 'feature-freeze', notable: true, meaning: 'no new features after it' },
  fpfreeze: { kind: 'feature-freeze', notable: true, meaning: 'new {P} features must be proposed by then' },
};

const GENERIC: Record<Kind, string> = {
  'spec-freeze': 'specs must be approved by then',
  'feature-freeze': 'no featureful patches merge after it',
  milestone: '',
  rc: 'release candidates are due',
  release: '',
  'review-day': 'the core team reviews together that day',
  custom: '',
};

/** The slug after the series letter: "f-nova-spec-freeze" → "nova-spec-freeze". */
export function slugOf(eventId: string): string {
  return eventId.replace(/^[a-z]-/, '');
}

function knownOf(e: Pick<ScheduleEvent, 'eventId' | 'project'>): Known | undefined {
  if (!e.eventId) return undefined;
  const slug = slugOf(e.eventId);
  if (e.project) {
    const rest = slug.startsWith(`${e.project}-`) ? slug.slice(e.project.length + 1) : slug;
    return PROJECT[rest] ?? (/freeze$/.test(rest) ? PROJECT.freeze : undefined);
  }
  return CROSS[slug];
}

/** The kind of an official event, from its id. */
export function kindOfOfficial(eventId: string, project: string | null): Kind {
  return knownOf({ eventId, project })?.kind ?? 'custom';
}

/** The kind a team event's name suggests ("Spec review day" → review-day). */
export function kindFromName(name: string): Kind {
  const n = name.toLowerCase();
  // \b: without it every "spec" inside "specspecspec…" started a scan to the end (quadratic).
  if (/\bspec\w*\s+(soft\s+)?freeze/.test(n)) return 'spec-freeze';
  if (/feature\s+(proposal\s+)?freeze|\bff\b/.test(n)) return 'feature-freeze';
  if (/review\s+day/.test(n)) return 'review-day';
  if (/\brc\d?\b|release candidate/.test(n)) return 'rc';
  if (/milestone|\bm-?\d\b/.test(n)) return 'milestone';
  if (/\brelease\b/.test(n)) return 'release';
  return 'custom';
}

/** Reminded by default: the team's own and project-specific events, and the key cross-project dates. */
export function isNotable(e: Pick<ScheduleEvent, 'eventId' | 'project' | 'source'>): boolean {
  if (e.source !== 'official' || e.project) return true;
  return knownOf(e)?.notable ?? false;
}

/** What the deadline means, in a few words ("" when the title says it all). */
export function meaningOf(e: ScheduleEvent, releaseId: string | null): string {
  const P = e.project ? e.project.charAt(0).toUpperCase() + e.project.slice(1) : 'the team';
  const R = releaseId ? `${releaseId} ${capitalise(e.cycle)}` : capitalise(e.cycle);
  let text: string;
  if (e.source !== 'official') text = e.description.trim() || (/soft/i.test(e.title) && e.kind === 'spec-freeze' ? 'no new specs after it' : GENERIC[e.kind]);
  else text = knownOf(e)?.meaning ?? '';
  return text
    .replace(/\{P\}/g, P)
    .replace(/\{R\}/g, R)
    .replace(/\s+/g, ' ')
    .replace(/(?<![.\s])[.\s]+$/, ''); /* lookbehind: a trailing run is tried once */
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
