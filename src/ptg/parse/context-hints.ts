// Weaker project/cycle hints than a subject or a "<series> PTG" phrase: etherpad names in links
// ("etherpad.opendev.org/p/nova-dalmatian-ptg"), a month and year next to "PTG" ("the April 2025
// PTG"), and which lines talk about *other* teams (cross-project sessions), so their names do
// not count as the summary's own project.
import { seriesOfMonth } from './cycle-dates.ts';
import { SERIES, type Series } from './vocabulary.ts';

const MAX_SCAN = 200_000;
const MAX_PADS = 20;

/** Lines about another team ("cross-project meeting with the Neutron team"): not the summary's own project. */
const OTHER_TEAM = /cross[- ]projects?\b|\bjoint (?:sessions?|meetings?)\b/i;

/** The text without its cross-project lines (lines over 1000 characters are kept: a lost-line-break copy is one line). */
export function withoutCrossProject(text: string): string {
  if (!/cross[- ]project|joint (?:session|meeting)/i.test(text)) return text;
  return text
    .split('\n')
    .filter((l) => l.length > 1000 || !OTHER_TEAM.test(l))
    .join('\n');
}

/** Etherpad names of the links in the text, lower case, in order ("nova-dalmatian-ptg"). Read-only "r.…" pads say nothing. */
export function padNames(text: string): string[] {
  const out: string[] = [];
  for (const m of text.slice(0, MAX_SCAN).matchAll(/etherpad\.[a-z.]{1,40}\/p\/([A-Za-z0-9._-]{1,100})/g)) {
    const name = m[1].toLowerCase().replace(/[.-]+$/, '');
    if (!name.startsWith('r.')) out.push(name);
    // A summary links a handful of pads; a crafted text of thousands costs nothing more.
    if (out.length >= MAX_PADS) break;
  }
  return out;
}

function padTokens(pad: string): string[] {
  return pad.split(/[-_]+/);
}

// Links name the team's own repositories, trackers and channels: the project most of them name.
// A repository named bare ("openstack/nova", as Depends-On and review lines write it) counts too; so
// do the other foundation projects' own namespaces (opendev.org/starlingx/…, github.com/kata-containers/…).
const PROJECT_LINKS =
  /(?:launchpad\.net\/|storyboard\.openstack\.org\/#!\/project\/(?:openstack\/)?|(?:opendev\.org|github\.com|git\.openstack\.org\/cgit|specs\.openstack\.org)\/openstack\/|(?<![\w./:-])openstack\/|docs\.openstack\.org\/|wiki\.openstack\.org\/wiki\/|project:(?:openstack\/)?|#openstack-|(?:opendev\.org|github\.com)\/(?=(?:starlingx|airship|kata-containers)\/))([A-Za-z0-9][A-Za-z0-9_.-]{1,60})/g;
const MAX_LINKS = 50;

/** The repository or tracker name's project: "python-novaclient" → nova, "manila-specs" → manila. */
function projectOfRepo(name: string, projects: string[]): string | undefined {
  const n = name.toLowerCase().replace(/[._-]+$/, '');
  if (projects.includes(n)) return n;
  const bare = n
    .replace(/^python-/, '')
    .replace(/client$/, '')
    .replace(/-(?:specs|tempest-plugin|ui|dashboard|lib|plugin)$/, '');
  if (projects.includes(bare)) return bare;
  const first = bare.split(/[-_.]/)[0];
  return projects.includes(first) ? first : undefined;
}

/**
 * The project the text's links name most ("bugs.launchpad.net/manila/+bug/1", "opendev.org/openstack/python-manilaclient",
 * "specs.openstack.org/openstack/manila-specs", "#openstack-manila"), at least `min` times; ties: first named.
 */
export function projectOfLinks(text: string, projects: string[], min = 2): string | undefined {
  const votes = new Map<string, number>();
  let seen = 0;
  for (const m of text.slice(0, MAX_SCAN).matchAll(PROJECT_LINKS)) {
    const p = projectOfRepo(m[1], projects);
    if (p) votes.set(p, (votes.get(p) ?? 0) + 1);
    if (++seen >= MAX_LINKS) break;
  }
  let best: string | undefined;
  for (const [p, n] of votes) if (n >= min && (!best || n > votes.get(best)!)) best = p;
  return best;
}

/** The first pad whose name holds a known project ("nova-victoria-ptg" → nova). */
export function projectOfPads(pads: string[], projects: string[]): string | undefined {
  for (const pad of pads) {
    const hit = padTokens(pad).find((t) => projects.includes(t));
    if (hit) return hit;
  }
  return undefined;
}

/**
 * The cycle a pad is for: "nova-ptg-train" → train; "manila-wallaby-retrospective" → xena (a
 * retrospective is held at the next cycle's PTG); "apr2025-ptg-eventlet" → the series released
 * next after April 2025 (flamingo), and so does "ironic-ptg-april-2025". The first pad that says
 * something wins.
 */
export function seriesOfPads(pads: string[]): Series | undefined {
  for (const pad of pads) {
    const tokens = padTokens(pad);
    const retro = tokens.some((t) => t === 'retro' || t === 'retrospective');
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k];
      const s = SERIES.find((x) => x.name === t || x.release === t);
      if (s) return retro ? nextSeries(s) : s;
      // "apr2025", or month and year as two tokens ("ironic-ptg-april-2025").
      const joined = /^20\d\d$/.test(tokens[k + 1] ?? '') ? `${t}${tokens[k + 1]}` : t;
      const dated = /^([a-z]{3})[a-z]{0,6}(20\d\d)$/.exec(joined);
      const month = dated ? seriesOfMonth(dated[1], dated[2]) : undefined;
      if (month) return month;
    }
  }
  return undefined;
}

/** "the April 2025 PTG", "October 2025 virtual PTG", "PTG (April 2024)": the series that PTG plans. */
export function seriesOfPtgMonth(text: string): Series | undefined {
  const t = text.slice(0, MAX_SCAN);
  const m =
    /\b([A-Z][a-z]{2})[a-z]{0,6}\.?,? (20\d\d)\)? (?:virtual |vPTG )?v?PTG\b/.exec(t) ??
    /\bv?PTG\b[ (,]{1,3}(?:in |of |held in )?([A-Z][a-z]{2})[a-z]{0,6}\.?,? (20\d\d)\b/.exec(t);
  return m ? seriesOfMonth(m[1], m[2]) : undefined;
}

export function nextSeries(s: Series | undefined): Series | undefined {
  const i = s ? SERIES.indexOf(s) : -1;
  return i >= 0 && i + 1 < SERIES.length ? SERIES[i + 1] : s;
}
