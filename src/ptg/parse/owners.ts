// Owners: people a decision names as doing something. Only decisions are read: a name in the
// discussion text ("Confirm with gmann", "Mikal raised") is context, not an assignment.
//
// Rules, on each decision:
//  - nicks in the marker: "AI(gibi):", "ACTION(sean, gmann):";
//  - action markers (AI/AR/Action/#action) followed by "nick:" / "nick," or a nick-shaped word;
//    after meetbot's "#action" any first word that is not a verb ("#action jbernard send ...");
//  - at the start of a clause, a name followed by an assignment verb: "Gibi will ...",
//    "r-taketn to reopen", "Sbauza volunteered", "Uggla may submit", "Stephen is happy to",
//    "Sean and Gibi will ..." (passives such as "Fix will be reviewed" do not count);
//  - a single parenthesised name at the very end: "... (Sean)."
// A name is a capitalised word (optionally with a capitalised surname), a camel-case nick
// ("TheJulia", "JayF"), a nick with '-', '_' or digits ("r-taketn", "HJ-KIM"), or a lower-case
// word at the start of a sentence ("gmann will").
// Pronouns, generic nouns, imperative verbs and project/technology names are never people.
import type { Decision } from './decisions.ts';
import { PROJECT_WORDS } from './vocabulary.ts';

const NOT_PEOPLE = new Set(
  `i we you he she it they this that these those there here which who what someone somebody anyone
  everyone everybody nobody people team teams each all both either neither one none nothing something
  anything everything operators operator users user admins admin deployers reviewers reviewer cores core
  contributors contributor developers maintainers ptl tc community project projects service services work
  fix fixes patch patches spec specs blueprint blueprints change changes code docs doc documentation tests
  test testing ci job jobs feature features support implementation proposal effort plan goal idea approach
  api apis rfe bug bugs release releases cycle topic discussion consensus decision next follow follow-up
  followup note however if when then once until after before for and but so or not no yes maybe please let
  lets agreement action outcome result cleanup upgrade upgrades migration backport backports default
  defaults option options value values config configuration driver drivers schema database db instances
  instance vm vms server servers host hosts node nodes ports port trait traits image images volume volumes
  hardware kernel linux ubuntu centos rhel debian fedora windows kubernetes k8s ceph ovn ovs gerrit zuul
  github launchpad storyboard etherpad openstack opendev openinfra
  plan try continue need aim start agree remember want decide seek propose ask move switch go wait talk
  reach refer stick reply respond make help look keep use add have get begin prefer choose opt ensure
  encourage commit tend expect hope attempt push review write document investigate consider revisit
  provide introduce define support trial process mark justify clarify proceed implement monitor raise flag
  take ping reach check confirm coordinate track update submit create open reopen drop remove`.split(/\s+/),
);

const NAME = String.raw`(?:\p{Lu}[\p{Ll}\d]*(?:\p{Lu}[\p{Ll}\d]*)+|\p{Lu}[\p{Ll}'’]+(?:\s\p{Lu}\p{Ll}+)?|[\p{L}][\p{L}\d]*(?:[-_][\p{L}\d]+)+|\p{Ll}[\p{Ll}\d]{2,})`;
const VERB = String.raw`(?:will|'ll|’ll|to\s+\p{Ll}|volunteer(?:s|ed)?|may|can|is\s+(?:happy|going|willing)\s+to|(?:agreed|offered|plans?|promised)\s+to|is\s+working\s+on|takes|took|owns|leads)`;
const ADVERB = String.raw`(?:(?:also|then|probably|likely|still|kindly|again)\s+)?`;
// Names are joined by ',', '&' or a whole word 'and': an 'and' glued to letters ("…CandandandAnd")
// let the engine split one word into names in exponentially many ways (a 159-byte line took 35 s).
// With separators that cannot occur inside a name, a list of names parses one way only.
const NAME_SEP = String.raw`(?:\s*[,&]\s*|\s+and\s+)`;
const CLAUSE_SUBJECT = new RegExp(String.raw`^(?:(?:and|then|but|so|also|next)\s+)?(${NAME}(?:${NAME_SEP}${NAME})*)\s+${ADVERB}${VERB}`, 'u');
// A subject stands at a clause's start: the regexes below read at most this much of a clause, and
// the last TAIL characters of a decision, so that their cost does not grow with the text.
const MAX_CLAUSE = 300;
const TAIL = 120;
// A word CLAUSE_SUBJECT's verb must start with, after a space: a cheap test that rules out most clauses.
const HAS_VERB = /\s(?:will|'ll|’ll|to\s|volunteer|may|can|is\s|agreed|offered|plan|promised|takes|took|owns|leads)/;
const PASSIVE = new RegExp(String.raw`^(?:[^\s]+\s+){1,4}?(?:will|may|can|to)\s+${ADVERB}be\s+\p{L}+(?:ed|en)\b`, 'u');
const TRAILING = new RegExp(String.raw`\(\s*(${NAME})\s*\)\s*(?:[.!]\s*)?$`, 'u');
const NICK = /^[\p{L}][\p{L}\d]*(?:[-_][\p{L}\d]+)+$/u;
const ACTION_OWNER = new RegExp(String.raw`^(${NAME})(?:\s*[:,]\s|\s+(?=\p{Ll}))`, 'u');

/** Longer decisions are cut before the emphasis strip: owners are named near the start. */
const MAX_DECISION = 2000;

export function extractOwners(decisions: Decision[]): string[] {
  const owners: string[] = [];
  const add = (name: string) => {
    const n = name.trim();
    if (isPerson(n) && !owners.some((o) => o.toLowerCase() === n.toLowerCase())) owners.push(n);
  };
  for (const raw of decisions) {
    // "**gibi** to write the spec", "*nick* will": emphasis marks a name, it is not part of it.
    const d = raw.text.includes('*') || raw.text.includes('__') ? { ...raw, text: raw.text.slice(0, MAX_DECISION).replace(/\*{1,3}|__/g, '') } : raw;
    d.markerOwners.forEach(add);
    if (d.kind === 'action') {
      const first = ACTION_OWNER.exec(d.text.slice(0, MAX_CLAUSE));
      if (first && (/[:,]/.test(first[0]) || NICK.test(first[1]) || d.meetbot)) add(first[1]);
    }
    for (const clause of clauses(d.text)) {
      const lowercaseOk = clause.sentenceStart;
      const head = clause.text.slice(0, MAX_CLAUSE);
      const m = HAS_VERB.test(head) ? CLAUSE_SUBJECT.exec(head) : null;
      if (!m || PASSIVE.test(head)) continue;
      for (const name of m[1].split(/\s*(?:,|\band\b|&)\s*/u)) {
        if (/^\p{Ll}/u.test(name) && !NICK.test(name) && !lowercaseOk) continue;
        add(name);
      }
    }
    const trailing = TRAILING.exec(d.text.slice(-TAIL));
    if (trailing && !/\s/.test(trailing[1])) add(trailing[1]);
  }
  return owners;
}

/**
 * Splits a decision at sentence and clause punctuation. Lower-case nicks are only believed at a
 * sentence start, where "patches to review" after a comma would otherwise read as a person.
 */
function clauses(text: string): { text: string; sentenceStart: boolean }[] {
  const out: { text: string; sentenceStart: boolean }[] = [];
  const re = /([.;:!?](?=\s)|,|\(|\)|\s[-–—]\s)/g;
  let last = 0;
  let sentenceStart = true;
  for (const m of text.matchAll(re)) {
    out.push({ text: text.slice(last, m.index).trim(), sentenceStart });
    sentenceStart = /[.;:!?]/.test(m[1]);
    last = m.index + m[0].length;
  }
  out.push({ text: text.slice(last).trim(), sentenceStart });
  return out.filter((c) => c.text);
}

export function isPerson(name: string): boolean {
  if (name.length < 2) return false;
  // All-caps single words are acronyms (OVN, API), unless nick-shaped ("HJ-KIM").
  if (/^[\p{Lu}\d]+$/u.test(name)) return false;
  return name.split(/\s+/).every((w) => {
    const k = w.toLowerCase().replace(/['’]s$/, '');
    return !NOT_PEOPLE.has(k) && !PROJECT_WORDS.has(k);
  });
}
