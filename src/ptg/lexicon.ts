// Built-in word lists: stop words, common acronyms, known nicks; the series list is the parser's.
import { COMMON_PROJECTS, DISTINCT_PROJECTS, SERIES } from './parse/vocabulary.ts';
import { words } from './words.ts';
// Small on purpose: the documents teach the rest (acronyms from "Long Form (ABBR)", owners).

export const STOP_WORDS = new Set(
  `a an the and or but if then than so of for on in into onto to from by with without at as about above
  after before over under again further once here there all any both each few more most other some such no
  nor not only own same too very can could will would shall should may might must do does did done doing
  is are was were be been being am have has had having i me my we us our you your he him his she her they
  them their it its this that these those what which who whom whose when where why how please tell show
  give find know let lets get got any anything something ptg topic topics say said says decide decided
  decision decisions agree agreed discuss discussed discussion talk talked about regarding re wrt
  several many much various lot lots also just still really thing things`.split(/\s+/),
);

/**
 * Words a question is phrased with rather than about ("who is working on Y", "did we stop X",
 * "when will Z land", "what happens to W"): in a question they weigh a share of their rarity,
 * so the subject's words decide. Not stop words: "stop using launchpad" still counts them a little.
 */
export const QUESTION_FILLERS = new Set(
  `happen happens happened happening work works working worked need needs needed plan plans
  planned planning handle handles handled stay stays keep keeps get gets getting make makes making use uses
  using used start starts started stop stops stopped become becomes choose chooses pick picks deal deals
  want wants wanted status state update updates updated news latest current currently now yet still next
  land lands landed landing ship ships shipped finish finishes finished done doing owns own owner owners
  responsible volunteer volunteered volunteers look looks looking help helps helped someone anyone
  people folks guys happy agreement agreements consensus conclude concluded conclusion conclusions outcome
  outcomes result results takeaway takeaways summary summarize summarise recap action actions item items
  steps timeline eta reach reached take takes taking took care sign signs signed
  story verdict bring brings brought deadline feedback thoughts opinion opinions wonder wondering remind
  explain hey hi hello thanks came come comes`.split(/\s+/),
);

/**
 * Words people ask with for what the summaries say in other words ("who paid for the trip" for "with
 * funding from my employer", "drop eventlet" for "eventlet removal"): each word of a group finds
 * the others, for a share of the credit (query.ts). Small on purpose: only words that mean the same
 * in PTG talk. Each form a question may type is listed; the search looks up one word per stem.
 */
const SYNONYM_GROUPS = [
  'drop drops dropped dropping remove removes removed removing removal',
  'pay pays paid paying fund funds funded funding sponsor sponsors sponsored sponsoring sponsorship',
  'trip trips travel travels travelled traveled travelling traveling',
  'docs doc documentation',
];

/** Word → the other words of its group. */
const SYNONYMS = new Map(SYNONYM_GROUPS.flatMap((g) => g.split(' ').map((w, _, all) => [w, all.filter((o) => o !== w)] as const)));

/** Other words for a lower-case word, from SYNONYM_GROUPS; empty when it has none. */
export function synonymsOf(word: string): readonly string[] {
  return SYNONYMS.get(word) ?? [];
}

/**
 * What a question word asks for, in the words that answer it: "when is the feature freeze" is
 * answered by a topic giving a week or a milestone, "why drop eventlet" by one giving the reasons.
 */
export const QUESTION_INTENTS: Record<string, string[]> = {
  when: 'date dates deadline week weeks month months milestone milestones schedule timeline quarter'.split(' '),
  why: 'because reason reasons motivation rationale context importance background'.split(' '),
};

/** OpenStack projects by name, lower case: the parser's lists. */
export const KNOWN_PROJECTS = new Set([...DISTINCT_PROJECTS, ...COMMON_PROJECTS]);

export function seriesOrdinal(cycleOrRelease: string | null | undefined): number {
  if (!cycleOrRelease) return -1;
  const key = cycleOrRelease.toLowerCase();
  return SERIES.findIndex((s) => s.name === key || s.release === key);
}

export function releaseOf(cycle: string): string | undefined {
  return SERIES.find((s) => s.name === cycle.toLowerCase())?.release;
}

/** The series a word names ("caracal", "2024.1" → "caracal"), lower case; undefined if none. */
export function seriesName(word: string): string | undefined {
  const key = word.toLowerCase();
  return SERIES.find((s) => s.name === key || s.release === key)?.name;
}

/** Expansions for acronyms people type; documents add their own. Keys lower case. */
export const BUILTIN_ACRONYMS: Record<string, string[]> = {
  srbac: ['secure rbac', 'secure role based access control'],
  rbac: ['role based access control'],
  ff: ['feature freeze'],
  rc: ['release candidate'],
  rc1: ['release candidate'],
  otu: ['one time use'],
  ovn: ['open virtual network'],
  vtpm: ['virtual trusted platform module', 'vtpm'],
  tpm: ['trusted platform module'],
  sev: ['secure encrypted virtualization'],
  tdx: ['trust domain extensions'],
  cca: ['confidential compute architecture'],
  qos: ['quality of service'],
  osc: ['openstack client', 'openstackclient'],
  sdk: ['software development kit'],
  ptl: ['project team lead'],
  tc: ['technical committee'],
  rfe: ['request for enhancement'],
  bp: ['blueprint'],
  lm: ['live migration'],
  vdi: ['virtual desktop infrastructure'],
  ovo: ['oslo versioned objects'],
  ci: ['continuous integration'],
  e2e: ['end to end'],
  mdev: ['mediated device'],
  sriov: ['sr iov'],
  numa: ['non uniform memory access'],
  ha: ['high availability'],
  api: ['application programming interface'],
};

/** People's IRC nicks and names; each group is one person. */
export const PEOPLE: string[][] = [
  ['gibi', 'gibizer', 'balazs', 'balazs gibizer'],
  ['sean', 'sean-k-mooney', 'sean mooney'],
  ['bauzas', 'sbauza', 'sylvain', 'sylvain bauza'],
  ['uggla', 'rene', 'rené', 'rené ribaud', 'rene ribaud'],
  ['gmann', 'ghanshyam', 'ghanshyam mann'],
  ['tkajinam', 'takashi kajinami', 'kajinami'],
  ['stephenfin', 'stephen', 'stephen finucane'],
  ['dansmith', 'dan smith'],
  ['melwitt', 'melanie', 'melanie witt'],
  ['mikal', 'michael still'],
  ['masahito', 'masahito muroi'],
];

/** Normalised name ("balazs gibizer") → every name of that person; built once. */
const PERSON_BY_NAME = new Map(PEOPLE.flatMap((group) => group.map((name) => [words(name).join(' '), group] as const)));

/** The known names of a person, given any of them in any case or spacing; undefined if unknown. */
export function personNames(name: string): string[] | undefined {
  return PERSON_BY_NAME.get(words(name).join(' '));
}
