// The cycle a summary plans, from when and where its PTG was held, for texts that name no series
// with trust (no "<series> PTG", no series in the file name, no planning phrase):
//   - the document's own date: a mail's Date: header or archive date line, a blog's front matter
//     `date:`, a Nikola `.. date:` field (the format parsers leave them in the head as
//     "Date: YYYY-MM-DD"), or a mail archive's month in the file name ("2019-May.txt");
//   - the in-person PTG it names by city ("the Dublin PTG", "PTG in Shanghai");
//   - the newest mail archive month its links name (pipermail's ".../2019-May/006048.html");
//   - a date in its first line ("最終更新:2017.11.24", "Notes — 2019-05-03").
// A PTG held on day D plans the first series released more than a week after D: the Atlanta PTG
// (20–24 February 2017) planned Pike, not Ocata released on the 22nd.
import { RELEASED, SERIES, type Series } from './vocabulary.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_MS = 86_400_000;
const MARGIN_DAYS = 7;
const MAX_SCAN = 200_000;

/** The first series released more than a week after `date` (YYYY-MM-DD): what a PTG that day plans. */
export function seriesPlannedOn(date: string): Series | undefined {
  const at = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(at)) return undefined;
  const after = new Date(at + MARGIN_DAYS * DAY_MS).toISOString().slice(0, 10);
  const name = Object.keys(RELEASED).find((k) => RELEASED[k] > after);
  return name ? SERIES.find((s) => s.name === name) : undefined;
}

/**
 * "April 2025" (a month three letters or longer, lower case) → the series a PTG that month plans.
 * The day is taken late in the month: a PTG in a month a series is released in comes after it
 * (Dublin, 26 February 2018, planned Rocky; Queens was released on the 28th).
 */
export function seriesOfMonth(month: string, year: string): Series | undefined {
  const m = MONTHS.indexOf(month.slice(0, 3).toLowerCase());
  return m < 0 ? undefined : seriesPlannedOn(`${year}-${String(m + 1).padStart(2, '0')}-28`);
}

/** Mail archive months: pipermail's "2019-May" folders (a month's name in full, English). */
const ARCHIVE_MONTH = /\b(20\d\d)-(January|February|March|April|May|June|July|August|September|October|November|December)\b/g;

/** A mail written some day in an archive month: the middle of it. */
function archiveDate(year: string, month: string): string {
  return `${year}-${String(MONTHS.indexOf(month.slice(0, 3).toLowerCase()) + 1).padStart(2, '0')}-15`;
}

/** The newest archive month the text names ("…/pipermail/openstack-discuss/2019-May/…"), as a date. */
function newestArchiveMonth(text: string): string | undefined {
  let best: string | undefined;
  for (const m of text.slice(0, MAX_SCAN).matchAll(ARCHIVE_MONTH)) {
    const d = archiveDate(m[1], m[2]);
    if (!best || d > best) best = d;
  }
  return best;
}

/**
 * In-person PTGs by city and the series each planned. Denver hosted three: its year (or "May")
 * next to the name says which; alone it decides nothing.
 */
const CITY_PTGS: Record<string, string | ((near: string) => string | undefined)> = {
  atlanta: 'pike',
  dublin: 'rocky',
  shanghai: 'ussuri',
  denver: (near) => (/\b2019\b|\bMay\b/.test(near) ? 'train' : /\b2018\b/.test(near) ? 'stein' : /\b2017\b/.test(near) ? 'queens' : undefined),
};

const CITY = /\b(Atlanta|Dublin|Denver|Shanghai)\b/g;

/** The series the PTG in `city` (lower case) planned; `near` is the text around the name (Denver's year). */
export function seriesOfCity(city: string, near: string): string | undefined {
  const rule = CITY_PTGS[city];
  return typeof rule === 'function' ? rule(near) : rule;
}
/** How close "PTG" must be to the city's name (characters either side) for the city to be the PTG's. */
const NEAR = 60;
const PTG_WORD = /\bv?PTG\b|\bProject Teams? Gathering\b/i;

/** "Dublin PTG", "PTG in Shanghai", "the Denver PTG (September 2018)": the series that PTG planned. */
export function seriesOfPtgCity(text: string): Series | undefined {
  const t = text.slice(0, MAX_SCAN);
  for (const m of t.matchAll(CITY)) {
    const near = t.slice(Math.max(0, m.index - NEAR), m.index + m[0].length + NEAR);
    if (!PTG_WORD.test(near)) continue;
    const name = seriesOfCity(m[1].toLowerCase(), near);
    if (name) return SERIES.find((s) => s.name === name);
  }
  return undefined;
}

/** "Date: YYYY-MM-DD" metadata a format parser put in the head. */
function metaDate(head: string): string | undefined {
  return /^Date: (\d{4}-\d\d-\d\d)$/m.exec(head.slice(0, 2000))?.[1];
}

/** An archive month in the file name ("openstack-dev-2018-March.txt"). */
function fileMonth(filename: string | undefined): string | undefined {
  const base = (filename ?? '').split(/[\\/]/).pop()!.slice(0, 200);
  const m = /\b(20\d\d)-(January|February|March|April|May|June|July|August|September|October|November|December)\b/.exec(base);
  return m ? archiveDate(m[1], m[2]) : undefined;
}

/** A full date in the first line (a title or byline): 2017.11.24, 2019-05-03, 2019/05/03. */
function firstLineDate(text: string): string | undefined {
  const first = (
    text
      .slice(0, 600)
      .split('\n')
      .find((l) => l.trim() !== '') ?? ''
  ).slice(0, 300);
  const m = /(?<![\d.])(20\d\d)([-./])(\d\d?)\2(\d\d?)(?![\d.])/.exec(first);
  if (!m || +m[3] < 1 || +m[3] > 12 || +m[4] < 1 || +m[4] > 31) return undefined;
  return `${m[1]}-${m[3].padStart(2, '0')}-${m[4].padStart(2, '0')}`;
}

/** The series a summary plans, by its date or its PTG's city; undefined when it has neither. `text` is head then full text. */
export function seriesOfDates(head: string, text: string, filename?: string): Series | undefined {
  const own = metaDate(head) ?? fileMonth(filename);
  if (own) return seriesPlannedOn(own);
  const city = seriesOfPtgCity(text);
  if (city) return city;
  const linked = firstLineDate(text) ?? newestArchiveMonth(text);
  return linked ? seriesPlannedOn(linked) : undefined;
}
