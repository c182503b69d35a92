// Which project and which cycle a summary is about.
//
// Project: a project name in the file name wins (nova-2025.2-flamingo.txt); then the subject's tag,
// the one project a title names, the project the whole text names far more than any other
// (project-mentions.ts); then the project most mentioned in the head of the document (title,
// preamble: "We had a pretty full agenda for Nova"); then etherpad names, then the project the team's links name twice or more (bug tracker,
// repositories, specs, IRC channel); then the most mentioned in the whole text if it is mentioned
// at least twice. Ties: first mention.
//
// Cycle: a PTG summary plans the *next* cycle while also looking back at the previous one
// ("2025.1 Epoxy Retrospective", "2025.2 Flamingo Planning"). In order of trust:
//   1. a "<series> PTG" / "PTG for <series>" phrase in the text;
//   2. a series or release number in the file name;
//   3. a "<series> planning" / "planning for <series>" phrase;
//   4. the document's date, or the PTG it names by city (cycle-dates.ts);
//   5. the newest series named in the head of the document;
//   6. the newest series named anywhere.
// Series names are matched capitalised ("Train", not "train") or as release numbers ("2025.2").
import { seriesOfDates } from './cycle-dates.ts';
import { nextSeries, padNames, projectOfLinks, projectOfPads, seriesOfPads, seriesOfPtgMonth, withoutCrossProject } from './context-hints.ts';
import { ALL_PROJECTS, escape, mentions, mostlyAbout, mostMentioned } from './project-mentions.ts';
import { SERIES, type Series } from './vocabulary.ts';

export interface SummaryContext {
  project?: string;
  cycle?: string;
  release?: string;
}

/** `both` is `${head}\n${full}`, when the caller has it already. */
export function detectContext(head: string, full: string, filename?: string, both = `${head}\n${full}`): SummaryContext {
  const series = detectSeries(head, full, filename, both);
  return { project: detectProject(head, full, filename), cycle: series?.name, release: series?.release };
}

export function detectProject(head: string, full: string, filename?: string): string | undefined {
  const base = filename?.toLowerCase().split(/[\\/]/).pop() ?? '';
  const inName = ALL_PROJECTS.filter((p) => new RegExp(`(^|[^a-z])${escape(p)}([^a-z]|$)`).test(base)).map((p) => ({ p, at: base.indexOf(p) }));
  if (inName.length) return inName.sort((a, b) => a.at - b.at || b.p.length - a.p.length)[0].p;
  // Lines about a cross-project session name the *other* team ("with the Neutron team"): not counted.
  const own = withoutCrossProject(head);
  return (
    subjectTag(head) ??
    titleProject(head.trim() ? head : full) ??
    mostlyAbout(withoutCrossProject(full)) ??
    mostMentioned(own, 1) ??
    committee(head) ??
    projectOfPads(padNames(`${head}\n${full}`), ALL_PROJECTS) ??
    projectOfLinks(`${head}\n${full}`, ALL_PROJECTS) ??
    mostMentioned(withoutCrossProject(full), 2) ??
    leadingName(base)
  );
}

const GENERIC_NAMES = new Set([
  'document',
  'file',
  'text',
  'ptg',
  'summary',
  'notes',
  'etherpad',
  'mail',
  'recap',
  'openstack',
  'the',
  'our',
  'team',
  'vptg',
  'report',
  'draft',
  'export',
  'index',
  'post',
  'blog',
  'page',
]);

/** Last resort: the file name's first word ("magnum-zed-notes.txt" → magnum), when it is not generic. */
function leadingName(base: string): string | undefined {
  const first = /^([a-z][a-z0-9]{1,30})(?:[-_.]|$)/.exec(base)?.[1];
  return first && !GENERIC_NAMES.has(first) && !SERIES.some((s) => s.name === first) ? first : undefined;
}

/** "a summary of the Technical Committee's sessions": the TC, which is no project name. */
function committee(head: string): string | undefined {
  return /\bTechnical Committee\b|\bTC(?:'s)? (?:discussions?|sessions?|PTG|members|meetings?)\b/.test(head.slice(0, 600)) ? 'tc' : undefined;
}

// Mailing-list and catch-all tags of a subject line, never a project.
const LIST_TAGS = new Set([
  'openstack-dev',
  'openstack-discuss',
  'openstack',
  'openstack-operators',
  'openstack-sigs',
  'openstack-infra',
  'all',
  'ptg',
  'dev',
  'discuss',
  'summary',
  'ops',
  'operators',
  'sigs',
  'forum',
  'event',
  'events',
  'meeting',
]);

/**
 * "[openstack-dev] [nova] Stein PTG summary", "[all][tc] …": the first tag of the subject that is
 * not the list's name. Only the first line of the head (the subject or title) is read.
 */
function subjectTag(head: string): string | undefined {
  const first =
    head
      .slice(0, 300)
      .split('\n')
      .find((l) => l.trim() !== '') ?? '';
  const tags = [...first.matchAll(/\[([a-z0-9][a-z0-9_.-]{0,40})\]/gi)].map((m) => m[1].toLowerCase()).filter((t) => !LIST_TAGS.has(t));
  return tags.find((t) => ALL_PROJECTS.includes(t)) ?? tags.find((t) => /^[a-z][a-z0-9-]{1,30}$/.test(t));
}

const TITLE_WORDS = /\b(?:v?ptg|summary|recap|notes|retrospective|planning|gathering|report|update)\b/i;

/**
 * "Nova Stein PTG summary", "Denver PTG Summary: Ironic": the one project a title line names wins
 * over a preamble that names other teams more often. A title naming two ("Nova-Neutron
 * cross-project notes") decides nothing; "kolla-ansible" is not also "kolla".
 */
// With no preamble, the first heading is the document's title.
function titleProject(head: string): string | undefined {
  const title = (
    head
      .slice(0, 300)
      .split('\n')
      .find((l) => l.trim() !== '') ?? ''
  ).slice(0, 200);
  if (!TITLE_WORDS.test(title)) return undefined;
  // "Nova-Neutron" names both: the hyphen-split title is read too ("kolla-ansible" stays one by the filter below).
  const names = [...new Set([...mentions(title, { title: true }), ...mentions(title.replace(/-/g, ' '), { title: true })].map((m) => m.p))];
  const own = names.filter((p) => !names.some((q) => q !== p && q.startsWith(`${p}-`)));
  return own.length === 1 ? own[0] : undefined;
}

export function detectSeries(head: string, full: string, filename?: string, text = `${head}\n${full}`): Series | undefined {
  const S = SERIES_ALT;
  // The subject or title, in any case: "[nova] stein ptg summary", "Nova Rocky PTG recap".
  const title =
    head
      .slice(0, 300)
      .split('\n')
      .find((l) => l.trim() !== '') ?? '';
  const inTitle = new RegExp(String.raw`(?<![\w.])(${S})(?![\w]|\.\d)`, 'iu').exec(title);
  if (inTitle && /\b(?:v?ptg|summary|recap|planning|retrospective|project teams gathering)\b/i.test(title)) return lookup(inTitle[1]);
  const ptg =
    notLookingBack(new RegExp(String.raw`\b(${S})\)?\s+(?:virtual\s+|vPTG\s+)?PTG\b`, 'gu'), text) ??
    new RegExp(String.raw`\bPTG\s+(?:for|of)\s+(?:the\s+)?(${S})\b`, 'u').exec(text);
  if (ptg) return lookup(ptg[1]);
  const fromName = filename && seriesInFilename(filename);
  if (fromName) return fromName;
  // "the April 2025 PTG"; an etherpad link named for its PTG ("nova-ptg-train", "apr2025-ptg-eventlet").
  const named = seriesOfPtgMonth(text) ?? seriesOfPads(padNames(text));
  if (named) return named;
  const planning =
    new RegExp(String.raw`\b(${S})\s+(?:cycle\s+)?planning\b`, 'iu').exec(text) ??
    new RegExp(String.raw`\bplanning\s+(?:for\s+)?(?:the\s+)?(${S})\b`, 'iu').exec(text) ??
    // "for the Stein cycle", "in the upcoming Train cycle" (but not "during the Stein cycle": a look back).
    new RegExp(
      String.raw`\b(?:for\s+the\s+(?:upcoming\s+|next\s+|new\s+)?|(?:during|in)\s+the\s+(?:upcoming|next|new)\s+)(${S})\s+(?:cycle|release|series)\b`,
      'u',
    ).exec(text);
  if (planning) return lookup(planning[1]);
  // "2025.1 Epoxy Retrospective" alone: a PTG looks back at the cycle before the one it plans.
  const retro = new RegExp(String.raw`\b(${S})\s+(?:cycle\s+)?retrospective\b`, 'iu').exec(text.slice(0, 20_000));
  const dated = seriesOfDates(head, text, filename);
  if (dated) return dated;
  if (retro) return next(lookup(retro[1]));
  return newest(head) ?? newest(full);
}

/** "Review Victoria PTG Actions", "since the last Xena PTG": a PTG the text looks back at, not its own. */
const LOOKING_BACK = /\b(?:review(?:ing|ed)?|last|previous|since)\s+(?:the\s+)?(?:last\s+)?$/i;

/** The first match of `re` (global) not preceded by words that look back at an earlier PTG. */
function notLookingBack(re: RegExp, text: string): RegExpExecArray | undefined {
  for (const m of text.matchAll(re)) {
    if (!LOOKING_BACK.test(text.slice(Math.max(0, m.index - 24), m.index))) return m as RegExpExecArray;
  }
  return undefined;
}

// Capitalised series names or YYYY.N release numbers ("2025.2 Flamingo" has both; either works).
const SERIES_ALT = [
  ...SERIES.map((s) => `${s.name[0].toUpperCase()}${s.name.slice(1)}`),
  ...SERIES.filter((s) => s.release).map((s) => s.release!.replace('.', '\\.')),
].join('|');

const next = nextSeries;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The date a parser found in the mail or page metadata ("Date: 2018-03-08"), as YYYY-MM-DD. */
export function normalizeDate(raw: string): string | undefined {
  const t = raw.slice(0, 120);
  const iso = /\b(20\d\d)-(\d\d)-(\d\d)/.exec(t);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const words = /\b(\d{1,2})\s+([a-z]{3})[a-z]{0,6}\.?,?\s+(20\d\d)\b|\b([a-z]{3})[a-z]{0,6}\.?\s+(\d{1,2})\b[^\n]{0,40}?\b(20\d\d)\b/i.exec(t);
  if (!words) return undefined;
  const [day, mon, year] = words[1] ? [words[1], words[2], words[3]] : [words[5], words[4], words[6]];
  const m = MONTHS.indexOf(mon.toLowerCase());
  return m < 0 ? undefined : `${year}-${String(m + 1).padStart(2, '0')}-${day.padStart(2, '0')}`;
}

function lookup(word: string): Series | undefined {
  const k = word.toLowerCase();
  return SERIES.find((s) => s.name === k || s.release === k);
}

function seriesInFilename(filename: string): Series | undefined {
  const base = filename.toLowerCase().split(/[\\/]/).pop() ?? '';
  for (const tok of base.split(/[^a-z0-9.]+|\.(?=[a-z])/)) {
    const s = lookup(tok);
    if (s) return s;
  }
  return undefined;
}

function newest(text: string): Series | undefined {
  let best = -1;
  for (const m of text.matchAll(new RegExp(String.raw`(?<![\w.])(${SERIES_ALT})(?![\w]|\.\d)`, 'gu'))) {
    best = Math.max(best, SERIES.indexOf(lookup(m[1])!));
  }
  return best >= 0 ? SERIES[best] : undefined;
}
