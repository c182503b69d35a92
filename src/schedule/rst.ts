// Reads an openstack/releases schedule.rst: each ".. _<id>:" label with its heading (the event
// title), prose, and the team section it sits in; and the dates and times the prose states.
import { StyleLevels } from '../markup/levels.ts';
import { rstTitleAt } from '../markup/rst.ts';

export interface RstEvent {
  id: string;
  title: string;
  /** Prose with rst markup reduced to text, whitespace collapsed. */
  description: string;
  /** Lower-case team under "Project-specific events" ("nova"); null for cross-project sections. */
  team: string | null;
  line: number;
}

export interface RstDocument {
  title: string | null;
  /** "2025.2" when the title names it. */
  releaseId: string | null;
  events: Map<string, RstEvent>;
}

const LABEL = /^\.\. _([a-z0-9][a-z0-9-]*):\s*$/;
const LINK_TARGET = /^\.\. _[^:]+:\s+\S/;

/** Inline rst to text: `label <url>`_ → label, `ref`_ → ref, ``code`` → code. */
export function rstText(s: string): string {
  return (
    s
      // Label taken whole and trimmed: `([^`<]+?)\s*` let a long blank run split two ways (quadratic).
      .replace(/`([^`<]+)<[^>`]+>`_{1,2}/g, (_, label: string) => label.trimEnd())
      .replace(/`([^`]+)`_{1,2}/g, '$1')
      .replace(/``([^`]+)``/g, '$1')
      .replace(/:[a-z]+:`([^`]+)`/g, '$1')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

export function parseScheduleRst(text: string): RstDocument {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const events = new Map<string, RstEvent>();
  let title: string | null = null;
  let inProjects = false;
  let team: string | null = null;
  let current: { id: string; title: string; body: string[]; team: string | null; line: number } | null = null;
  let pendingLabel: { id: string; line: number } | null = null;

  const flush = () => {
    if (!current) return;
    events.set(current.id, { id: current.id, title: current.title, description: rstText(current.body.join('\n')), team: current.team, line: current.line });
    current = null;
  };

  // Titles by the one reStructuredText rule (src/markup/rst.ts). The first title, when overlined, is
  // the document's; the sections ("Project-specific events") are the level right below it.
  const levels = new StyleLevels();
  let sectionLevel = 1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const label = LABEL.exec(line);
    if (label) {
      flush();
      pendingLabel = { id: label[1], line: i + 1 };
      continue;
    }
    const heading = rstTitleAt(lines, i);
    if (heading) {
      const level = levels.level(heading.style);
      i += heading.span - 1;
      if (title === null && level === 1 && heading.span === 3) {
        title = heading.title;
        sectionLevel = 2;
        continue;
      }
      if (pendingLabel) {
        current = { id: pendingLabel.id, title: heading.title, body: [], team: inProjects ? team : null, line: pendingLabel.line };
        pendingLabel = null;
        continue;
      }
      flush();
      if (level === sectionLevel) {
        inProjects = /project-specific/i.test(heading.title);
        team = null;
      } else if (inProjects) {
        team = heading.title.toLowerCase().replace(/\s+/g, '-');
      }
      continue;
    }
    if (pendingLabel && line.trim() !== '') pendingLabel = null; // a label on something other than a heading
    if (current && !LINK_TARGET.test(line) && !/^\.\. /.test(line.trim())) current.body.push(line);
  }
  flush();
  const rid = title ? /\b(\d{4}\.[12])\b/.exec(title) : null;
  return { title, releaseId: rid ? rid[1] : null, events };
}

// ---- dates in prose ----

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?';
const ORD = '(?:st|nd|rd|th)?';
const RANGE = new RegExp(`(?:from\\s+|week\\s+of\\s+)${MONTH}\\s+(\\d{1,2})${ORD}\\s*(?:to|-|–)\\s*(\\d{1,2})${ORD}(?:,?\\s+(\\d{4}))?`, 'gi');
const WEEK_OF = new RegExp(`week\\s+of\\s+${MONTH}\\s+(\\d{1,2})${ORD}(?:,?\\s+(\\d{4}))?`, 'gi');
const DAY_MONTH = new RegExp(`\\b(\\d{1,2})${ORD}\\s+${MONTH}(?:,?\\s+(\\d{4}))?\\b`, 'gi');
const MONTH_DAY = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})${ORD}(?:,?\\s+(\\d{4}))?\\b`, 'gi');
// Was ^\s*\(?\s*: without '(' the two blank runs split one run every way. Same language.
const TIME_AFTER = /^\s*(?:\(\s*)?(?:at\s+)?([01]?\d|2[0-3]):([0-5]\d)\s*UTC\b/i;

export interface ProseDate {
  /** YYYY-MM-DD; the year comes from `defaultYear` when the prose omits it. */
  date: string;
  /** "HH:MM" UTC when the prose gives a time right after the date. */
  time: string | null;
  /** Last day when the prose gives a range ("From April 7 to 11", "the week of April 20-24"). */
  endDate: string | null;
  /** "the week of <date>": names the week, not the day. */
  weekOf: boolean;
  /** The words it was read from. */
  text: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const monthNo = (m: string) => MONTHS.indexOf(m.slice(0, 3).toLowerCase()) + 1;

function iso(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Every date the prose states, in order, with a time or a range when it gives one. */
export function proseDates(prose: string, defaultYear: number): ProseDate[] {
  const text = prose.replace(/\s+/g, ' ');
  const out: { at: number; value: ProseDate }[] = [];
  const taken: [number, number][] = [];
  const overlaps = (a: number, b: number) => taken.some(([x, y]) => a < y && b > x);
  const timeAfter = (end: number): string | null => {
    const t = TIME_AFTER.exec(text.slice(end, end + 24));
    return t ? `${pad(Number(t[1]))}:${t[2]}` : null;
  };
  const add = (m: RegExpExecArray, value: Omit<ProseDate, 'text' | 'time'> | null, withTime = true) => {
    if (!value || overlaps(m.index, m.index + m[0].length)) return;
    taken.push([m.index, m.index + m[0].length]);
    out.push({ at: m.index, value: { ...value, time: withTime ? timeAfter(m.index + m[0].length) : null, text: m[0].trim() } });
  };
  const year = (y: string | undefined) => (y ? Number(y) : defaultYear);

  // Ranges first: "From April 7 to 11, 2025", "The week of April 20-24".
  for (const m of text.matchAll(RANGE)) {
    const y = year(m[4]);
    const a = iso(y, monthNo(m[1]), Number(m[2]));
    const b = iso(y, monthNo(m[1]), Number(m[3]));
    add(m as RegExpExecArray, a && b ? { date: a, endDate: b, weekOf: false } : null, false);
  }
  // "The week of September 8, 2025"
  for (const m of text.matchAll(WEEK_OF)) {
    const d = iso(year(m[3]), monthNo(m[1]), Number(m[2]));
    add(m as RegExpExecArray, d ? { date: d, endDate: null, weekOf: true } : null, false);
  }
  // "3 June 2025", "04 June 2026", "12 Nov 2024"
  for (const m of text.matchAll(DAY_MONTH)) {
    const d = iso(year(m[3]), monthNo(m[2]), Number(m[1]));
    add(m as RegExpExecArray, d ? { date: d, endDate: null, weekOf: false } : null);
  }
  // "May 15, 2025", "August 20th, 2025", "Wednesday, October 1, 2025"
  for (const m of text.matchAll(MONTH_DAY)) {
    const d = iso(year(m[3]), monthNo(m[1]), Number(m[2]));
    add(m as RegExpExecArray, d ? { date: d, endDate: null, weekOf: false } : null);
  }
  return out.sort((a, b) => a.at - b.at).map((o) => o.value);
}
