// How often a text names each project: by its name ("Nova", "the ironic team"), another name for
// it ("OSC", "Kata Containers", "the OpenInfra Foundation"), and more strongly when the name is a
// team's ("the requirements room", "Keystone PTL", "First Contact SIG", "the QA track").
import { COMMON_PROJECTS, DISTINCT_PROJECTS, PROJECT_ALIASES, TEAM_ONLY_PROJECTS } from './vocabulary.ts';

/** Every known project, longest name first (so "kolla-ansible" is tried before "kolla"). */
export const ALL_PROJECTS = [...new Set([...DISTINCT_PROJECTS, ...COMMON_PROJECTS, ...TEAM_ONLY_PROJECTS, ...Object.keys(PROJECT_ALIASES)])].sort(
  (a, b) => b.length - a.length,
);

/** Words after a project's name that make it a team's name: in any case ("the glance team"). */
const TEAM_WORDS = 'team teams project community ptg vptg core cores contributors meeting meetings session sessions developers folks summary recap'
  .split(' ')
  .map(anyCase)
  .join('|');

/** A team's own room, track, leader or SIG: the text is that team's. Each such mention counts three times. */
const STRONG_WORDS = ['room', 'track', 'ptl', 'sig'];
const STRONG_WEIGHT = 3;
const STRONG = STRONG_WORDS.map(anyCase).join('|');

/**
 * The foundation organises every PTG and is thanked in many summaries ("the friendly folks at the
 * OpenInfra Foundation who organised this event"): it counts only when named three times or more.
 */
const UMBRELLA: Record<string, number> = { openinfra: 3 };

/** "qa" → "[qQ][aA]": Node 20 has no inline (?i:…) group. */
function anyCase(word: string): string {
  return [...word].map((c) => (c.toLowerCase() !== c.toUpperCase() ? `[${c.toLowerCase()}${c.toUpperCase()}]` : escape(c))).join('');
}

export function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

/**
 * Project and technology names a pairing may join ("glance + cinder", "glance+ceph"): a session of
 * two teams, or a team and what it works with. Lower case, as greetings list their topics.
 */
const PAIRED = `(?:${[...new Set([...ALL_PROJECTS, ...'ceph libvirt ovn ovs rabbitmq kubernetes'.split(' ')])]
  .filter((p) => /^[a-z][a-z-]*$/.test(p))
  .map(escape)
  .join('|')})`;

/**
 * A heading that is a team's name ("Designate Sessions", "Nova team") heads that team's part of
 * the summary: it counts like the team's room. A line of its own, up to 60 characters.
 */
const TEAM_HEADING_WEIGHT = 3;

export interface Mention {
  p: string;
  n: number;
  first: number;
}

/**
 * Each project's mention patterns, built once: building ~90 patterns on every call was a tenth of
 * parsing a summary whose head names no project.
 */
const MENTION_PATTERNS = ALL_PROJECTS.map((p) => {
  const distinct = DISTINCT_PROJECTS.includes(p);
  const listed = distinct || COMMON_PROJECTS.includes(p) || TEAM_ONLY_PROJECTS.includes(p);
  // A common word counts capitalised ("Ironic"), or in any case when it names a team ("the ironic
  // team", "glance PTG", "requirements room"); a short name ("QA") only then.
  const team = `${anyCase(p)}(?=[ -](?:${TEAM_WORDS}|${STRONG})\\b)`;
  // A deliverable named after it ("glance-download", "ironic-python-agent") names the project in any case.
  const compound = `${escape(p)}(?=-[a-z])`;
  // Paired with another project by "+" ("glance + cinder", "cinder+glance"): a project name in any case.
  // The look-behind comes after the name: tried only where the name stands, not at every position.
  const paired = `${escape(p)}(?= ?\\+ ?${PAIRED}(?![\\w-]))|${escape(p)}(?<=(?<![\\w-])${PAIRED} ?\\+ ?${escape(p)})`;
  const word = distinct ? escape(p) : TEAM_ONLY_PROJECTS.includes(p) ? team : `(?:${p[0].toUpperCase()}${escape(p.slice(1))}|${team}|${compound}|${paired})`;
  // A whole word, or the start of a hyphenated name ("nova-compute" counts for nova).
  // "Fellow Octavians": a team's name for itself counts for its project.
  const suffix = distinct ? '(?:ns?)?' : '';
  const aliases = PROJECT_ALIASES[p] ?? [];
  const alias = aliases.length ? new RegExp(`(?<![\\w-])(?:${aliases.join('|')})(?![\\w-])`, 'g') : null;
  const strongName = [anyCase(p), ...aliases].join('|');
  return {
    p,
    re: listed ? new RegExp(`(?<![\\w-])${word}${suffix}(?![\\w])`, distinct ? 'gi' : 'g') : null,
    alias,
    strong: new RegExp(`(?<![\\w-])(?:${strongName})(?=[ -](?:${STRONG})\\b)`, 'g'),
    heading: new RegExp(`^(?:${strongName}) (?:${TEAM_WORDS}|${STRONG})$`),
    // Every name pattern matches the name in ASCII letters of some case (no Unicode case folding): a
    // text whose lower-case form lacks the name has no match, found by one native substring search.
    lower: alias === null && p === p.toLowerCase() ? p : null,
  };
});

/**
 * Each project the text names, with how often (a team's room, track, PTL or SIG three times) and
 * where first. A link's address is no mention: "[StarlingX](https://www.starlingx.io/blog/starlingx-vptg…)"
 * names StarlingX once, by its text (the addresses a team's links use are read by projectOfLinks).
 */
export function mentions(raw: string, opts: { title?: boolean } = {}): Mention[] {
  const text = withoutUrls(raw);
  const out: Mention[] = [];
  const lower = text.toLowerCase();
  const strongWords = STRONG_WORDS.some((w) => lower.includes(w));
  let lines: string[] | undefined;
  for (const { p, re, alias, strong, heading, lower: name } of MENTION_PATTERNS) {
    if (name !== null && !lower.includes(name)) continue;
    const hits = [...(re ? text.matchAll(re) : []), ...(alias ? text.matchAll(alias) : [])];
    // A title names what it is about: the foundation counts there once ("OpenInfra Project Communities … at October PTG").
    if (!hits.length || hits.length < (opts.title ? 1 : (UMBRELLA[p] ?? 1))) continue;
    const teams = strongWords ? [...text.matchAll(strong)].length : 0;
    lines ??= shortLines(text);
    const headings = lines.filter((l) => heading.test(l)).length;
    out.push({
      p,
      n: hits.length + (STRONG_WEIGHT - 1) * teams + (TEAM_HEADING_WEIGHT - 1) * headings,
      first: hits.reduce((at, h) => Math.min(at, h.index), Infinity),
    });
  }
  return out;
}

/** Web addresses blanked out, the text's length and offsets kept. */
function withoutUrls(text: string): string {
  return text.includes('://') ? text.replace(/\bhttps?:\/\/[^\s<>()[\]"']+/g, (u) => ' '.repeat(u.length)) : text;
}

/** Lines of up to 60 characters, trimmed: where a heading may stand. */
function shortLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && l.length <= 60);
}

export function mostMentioned(text: string, min: number): string | undefined {
  let best: Mention | undefined;
  for (const cand of mentions(text)) {
    if (cand.n < min) continue;
    if (!best || cand.n > best.n || (cand.n === best.n && cand.first < best.first)) best = cand;
  }
  return best?.p;
}

/** How many mentions a project needs, and how many times the next one's, for a text to be mostly about it. */
const MOSTLY_MIN = 3;
const MOSTLY_RATIO = 3;

/** The project a text names far more than any other (at least 3 mentions, 3 times the next): it is about that one. */
export function mostlyAbout(text: string): string | undefined {
  const all = mentions(text).sort((a, b) => b.n - a.n);
  const [top, next] = all;
  return top && top.n >= MOSTLY_MIN && top.n >= MOSTLY_RATIO * (next?.n ?? 0) ? top.p : undefined;
}
