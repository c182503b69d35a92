// Turns what a person typed into search terms: content words, identifiers kept whole,
// project/cycle names pulled out as a scope (a filter on documents, see scope.ts), each term with
// its alternatives (acronym, person, typo).
import { KNOWN_PROJECTS, personNames, QUESTION_FILLERS, QUESTION_INTENTS, STOP_WORDS, synonymsOf } from './lexicon.ts';
import { corrections, DERIVED_PREFIX, type Vocabulary } from './vocabulary.ts';
import { words } from './words.ts';
import { seriesOfCity } from './parse/cycle-dates.ts';

export type AltKind = 'exact' | 'acronym' | 'person' | 'typo' | 'derived' | 'synonym';

export interface Alternative {
  /** Tokens of one FTS5 phrase. */
  phrase: string[];
  kind: AltKind;
  /** Share of the term's weight a topic earns by matching this alternative. */
  credit: number;
}

export interface Term {
  text: string;
  identifier: boolean;
  alternatives: Alternative[];
  /** Share of its rarity a term weighs in the query; below 1 for a lone number ("4", "phase 2"). */
  weight?: number;
  /**
   * A question's phrasing word ("who is working on X"): it orders the answers but does not decide
   * whether a topic answers, which only the other words do.
   */
  phrasing?: boolean;
}

export interface AnalyzedQuery {
  terms: Term[];
  /** Project / cycle / release words of the query, lower case, as typed. */
  scope: string[];
  /** Cycles named ("caracal", "2024.1" → "caracal"): any series, stored or not. */
  cycles: string[];
  /** Projects of stored documents named ("nova"). */
  projects: string[];
  /** Words dropped as stop or question words. */
  dropped: string[];
  /**
   * Projects named that no summary mentions in any form ("trove" when none says it): the query asks
   * about a team the summaries know nothing of, so it has no answer, whatever its other words match.
   */
  absent: string[];
}

export interface ScopeNames {
  /** The cycle a lower-case word names: a series or release number, or a stored document's cycle. */
  cycle(word: string): string | undefined;
  /** True when a lower-case word is the project of a stored document. */
  project(word: string): boolean;
}

const MAX_TERMS = 12;
/**
 * A lone number ("eventlet 4", "phase 2") is rare in the index, so by rarity alone it would decide
 * the answer; it weighs this share instead. Identifiers keep full weight: H905 (letters and digits)
 * and bug numbers (6 digits or more).
 */
const LONE_NUMBER = /^\d{1,5}$/;
const LONE_NUMBER_WEIGHT = 0.1;
/** Words that a lone number labels ("phase 2", "step 3"): together they weigh as little. */
const NUMBERED = new Set(['phase', 'step', 'stage', 'part', 'option', 'round']);
const IDENTIFIER = /[_:./=-]|\p{L}\d|\d\p{L}/u;
/** A query starting with one of these is a question ("how does nova choose the backend"). */
const QUESTION_WORDS = new Set(
  'how what why when where who which whom whose does do did is are was were can could should will would has have shall may might must'.split(' '),
);
/** ...and so is one with these near its start ("i wonder what happened to X", "hey, who owns X")... */
const WH_WORDS = new Set('how what why when where who which whom whose'.split(' '));
/** ...or one starting with a request ("remind me...", "explain X", "anyone working on X"). */
const ASKING = new Set('tell show give explain remind summarize summarise describe list any anyone anybody'.split(' '));
/** How far into a query a question word still makes it a question. */
const WH_WITHIN = 4;
/**
 * In a question, a plain word no topic has in any form is most likely the asker's paraphrase
 * ("choose" for "select", "going" in "how is X going"): when two or more other words are known,
 * it weighs this share instead of the most ("what is the weather in denver" stays unanswered).
 */
const UNKNOWN_IN_QUESTION = 0.3;
/** What a question's phrasing word weighs ("working" in "who is working on X"): see QUESTION_FILLERS. */
const FILLER_IN_QUESTION = 0.35;

/** Raw tokens: whitespace-separated, surrounding punctuation stripped, clitics dropped (see withoutClitic). */
function rawTokens(query: string): string[] {
  return query
    .split(/\s+/)
    .map((t) => withoutClitic(t.replace(/^[^\p{L}\p{N}_]+|(?<=[\p{L}\p{N}_])[^\p{L}\p{N}_]+$/gu, '') /* lookbehind: a trailing run is tried once */))
    .filter((t) => t.length > 0);
}

/** Clitics after an apostrophe (straight or curly): "what's", "nova's", "we're", "didn't". */
const CLITICS = new Set(['s', 're', 've', 'll', 'd', 'm', 't']);
/** The auxiliaries whose "n't" form is not the auxiliary plus "n" ("won't", "can't", "shan't"). */
const NEGATED: Record<string, string> = { wo: 'will', ca: 'can', sha: 'shall' };

/**
 * A word without its clitic: "nova's" is nova (a project, not the phrase "nova s"), "what's" is
 * what (a question), "oslo.policy's" is oslo.policy, "didn't" is did. Split at the apostrophe,
 * the clitic made a two-word identifier that every answer had to hold.
 */
function withoutClitic(token: string): string {
  const at = Math.max(token.lastIndexOf("'"), token.lastIndexOf('\u2019'));
  if (at <= 0 || !CLITICS.has(token.slice(at + 1).toLowerCase()) || !/[\p{L}\p{N}]/u.test(token[at - 1])) return token;
  const base = token.slice(0, at);
  if (token.slice(at + 1).toLowerCase() !== 't') return base;
  if (!/^\p{L}+n$/iu.test(base)) return token;
  const aux = base.slice(0, -1);
  return NEGATED[aux.toLowerCase()] ?? aux;
}

export function analyzeQuery(
  query: string,
  vocab: Vocabulary,
  scopeNames: ScopeNames,
  exists: (phrase: string[]) => boolean,
  stemOf: (word: string) => string = (w) => w,
): AnalyzedQuery {
  const terms: Term[] = [];
  const scope: string[] = [];
  const cycles: string[] = [];
  const projects: string[] = [];
  const dropped: string[] = [];
  const absent: string[] = [];
  const tokens = rawTokens(query);
  // A question starts with a question word or ends with a question mark ("any news on X?").
  const question = isQuestion(tokens, query);
  const cityPtg = tokens.some((t) => /^v?ptg$/i.test(t)) && !tokens.some((t) => scopeNames.project(t.toLowerCase()));
  for (let i = 0; i < tokens.length && terms.length < MAX_TERMS; i++) {
    const raw = tokens[i];
    const parts = words(raw);
    if (parts.length === 0) continue;
    const lower = parts.join(' ');
    const named = raw.toLowerCase();
    // "the dublin ptg" (no project named): an in-person PTG's city names the cycle it planned.
    const cycle = scopeNames.cycle(named) ?? (cityPtg ? seriesOfCity(named, query) : undefined);
    if (cycle !== undefined || scopeNames.project(named)) {
      scope.push(named);
      const list = cycle !== undefined ? cycles : projects;
      if (!list.includes(cycle ?? named)) list.push(cycle ?? named);
      continue;
    }
    const identifier = parts.length > 1 || IDENTIFIER.test(raw);
    if (!identifier && STOP_WORDS.has(lower)) {
      dropped.push(lower);
      continue;
    }
    // A multi-word person name or acronym expansion typed out ("sean mooney", "feature freeze").
    const joined = joinedPhrase(tokens, i, vocab);
    if (joined) {
      terms.push(joined.term);
      i += joined.consumed - 1;
      continue;
    }
    const term = buildTerm(raw, parts, identifier, vocab, exists, stemOf);
    // Spelled as a project, not a typo of a word the summaries have (no correction), and in none.
    if (KNOWN_PROJECTS.has(named) && term.alternatives.length === 1 && !exists(parts)) absent.push(named);
    if (NUMBERED.has(lower) && LONE_NUMBER.test(tokens[i + 1] ?? '')) term.weight = LONE_NUMBER_WEIGHT;
    else if (question && !identifier && QUESTION_FILLERS.has(lower)) ((term.weight = FILLER_IN_QUESTION), (term.phrasing = true));
    terms.push(term);
  }
  // Two projects named ("did oslo meet with the nova team") ask about what they did together:
  // each name is a word the answer has too, besides picking the summaries.
  if (projects.length >= 2 && terms.length > 0) {
    for (const p of projects) if (terms.length < MAX_TERMS) terms.push(buildTerm(p, words(p), false, vocab, exists));
  }
  if (question) discountParaphrases(terms, exists);
  // "when is X", "why drop Y": what the question word asks for orders the answers (lexicon.ts QUESTION_INTENTS).
  // Only beside a word the question is about: "when will it land" stays a filler's question.
  const intent = question && terms.some((t) => !t.phrasing) && terms.length < MAX_TERMS ? intentTerm(tokens, exists, stemOf) : undefined;
  if (intent) terms.push(intent);
  // Only scope words ("nova flamingo"): search for them as content instead of returning nothing.
  if (terms.length === 0 && scope.length > 0) {
    for (const s of scope) terms.push(buildTerm(s, words(s), false, vocab, exists));
  }
  return { terms, scope, cycles, projects, dropped, absent };
}

/**
 * A phrasing term for what a question word near the start asks for ("when" → a week, a milestone, a
 * month): the words of it that summaries have, one per stem. Like a filler, it orders the answers
 * and never decides whether a topic answers.
 */
function intentTerm(tokens: string[], exists: (phrase: string[]) => boolean, stemOf: (word: string) => string): Term | undefined {
  const wh = tokens
    .slice(0, WH_WITHIN)
    .map((t) => t.toLowerCase())
    .find((t) => Object.hasOwn(QUESTION_INTENTS, t));
  if (wh === undefined) return undefined;
  const stems = new Set<string>();
  const alternatives: Alternative[] = [];
  for (const w of QUESTION_INTENTS[wh]) {
    const stem = stemOf(w);
    if (!stems.has(stem) && exists([w])) (stems.add(stem), alternatives.push({ phrase: [w], kind: 'exact', credit: 1 }));
  }
  return alternatives.length > 0 ? { text: wh, identifier: false, alternatives, weight: FILLER_IN_QUESTION, phrasing: true } : undefined;
}

function isQuestion(tokens: string[], query: string): boolean {
  const first = tokens[0]?.toLowerCase() ?? '';
  if (QUESTION_WORDS.has(first) || ASKING.has(first) || query.trimEnd().endsWith('?')) return true;
  return tokens.slice(1, WH_WITHIN).some((t) => WH_WORDS.has(t.toLowerCase()));
}

/** A question's plain words that no topic has, when two or more of its other words are known. */
function discountParaphrases(terms: Term[], exists: (phrase: string[]) => boolean): void {
  const unknown = terms.filter((t) => !t.identifier && t.alternatives.length === 1 && !exists(t.alternatives[0].phrase));
  if (terms.length - unknown.length < 2) return;
  for (const t of unknown) t.weight = UNKNOWN_IN_QUESTION;
}

function buildTerm(
  raw: string,
  parts: string[],
  identifier: boolean,
  vocab: Vocabulary,
  exists: (p: string[]) => boolean,
  stemOf: (word: string) => string = (w) => w,
): Term {
  const alts: Alternative[] = [{ phrase: parts, kind: 'exact', credit: 1 }];
  const key = parts.join(' ');
  if (!identifier && parts.length === 1) for (const w of derivedForms(key, vocab, stemOf)) addAlt(alts, [w], 'derived', DERIVED_CREDIT);
  // Another word for it ("paid" → funding), when a summary has it: for less than the word itself.
  if (!identifier && parts.length === 1) {
    // One word per stem ("removal" finds what "removed" would): each alternative adds its own bm25.
    const stems = new Set([stemOf(key)]);
    for (const w of synonymsOf(key)) {
      const stem = stemOf(w);
      if (!stems.has(stem) && exists([w])) (stems.add(stem), addAlt(alts, [w], 'synonym', SYNONYM_CREDIT));
    }
  }
  const person = personNames(key);
  if (person) {
    for (const name of person) addAlt(alts, words(name), 'person', 1);
  }
  const acronymKey = parts.join('');
  for (const long of vocab.acronyms.get(acronymKey) ?? []) addAlt(alts, words(long), 'acronym', 1);
  // Typos only for words the index does not have in any form: never instead of an exact hit.
  if (alts.length === 1 && !exists(parts)) {
    if (!identifier) {
      for (const c of corrections(vocab, key)) addAlt(alts, [c.word], 'typo', c.distance === 1 ? 0.7 : 0.55);
      if (alts.length === 1) for (const w of contractions(vocab, key)) addAlt(alts, [w], 'typo', 0.55);
    } else if (parts.length > 1 && parts.every((p) => /^\p{L}+$/u.test(p))) {
      // "ironic-inspektor": correct the unknown parts of a hyphenated name, keep the phrase.
      const fixed = parts.map((p) => (exists([p]) ? p : corrections(vocab, p, 1)[0]?.word));
      if (fixed.every((p): p is string => p !== undefined)) addAlt(alts, fixed, 'typo', 0.7);
    }
  }
  compounds(alts, parts, exists);
  return { text: raw, identifier, alternatives: alts, ...(LONE_NUMBER.test(raw) ? { weight: LONE_NUMBER_WEIGHT } : {}) };
}

/** What another word for it earns: "funding" for "paid" says the same, in the summary's words. */
const SYNONYM_CREDIT = 0.6;

/** What another form of a word earns: "contributor" for "contributing" is the same subject, less surely. */
const DERIVED_CREDIT = 0.7;
/** Most letters another form's stem adds to the word's, or drops from it ("contribut" + "or"). */
const DERIVED_SUFFIX = 3;

/**
 * Words of the summaries whose stem extends the word's stem, or is extended by it, by a suffix of
 * up to three letters ("contributing" → contributor, "contributors" → contribution, "inclusion"
 * and "include" are left apart): the stemmer joins plurals and verb forms, not a person or a
 * thing made from a verb. One word per stem; stems shorter than six letters are left alone.
 */
function derivedForms(word: string, vocab: Vocabulary, stemOf: (w: string) => string): string[] {
  if (word.length < DERIVED_PREFIX || word.length > 40 || !/^\p{L}+$/u.test(word)) return [];
  const stem = stemOf(word);
  if (stem.length < DERIVED_PREFIX) return [];
  const prefix = stem.slice(0, Math.max(DERIVED_PREFIX, stem.length - DERIVED_SUFFIX));
  const seen = new Set([stem]);
  const out: string[] = [];
  for (const w of vocab.byPrefix.get(stem.slice(0, DERIVED_PREFIX)) ?? []) {
    if (!w.startsWith(prefix)) continue;
    const s = stemOf(w);
    if (seen.has(s)) continue;
    seen.add(s);
    const [short, long] = s.length <= stem.length ? [s, stem] : [stem, s];
    if (short.length >= DERIVED_PREFIX && long.startsWith(short) && long.length - short.length <= DERIVED_SUFFIX) out.push(w);
  }
  return out;
}

/** Shortest part of a compound word that is split or joined ("sub" + "teams"). */
const COMPOUND_PART = 3;

/**
 * One word written as two or two as one: "subteams" also finds "sub-teams" / "sub teams", and
 * "sub-teams" finds "subteams", when the index has that spelling, for full credit.
 */
function compounds(alts: Alternative[], parts: string[], exists: (p: string[]) => boolean): void {
  if (parts.length === 2 && parts.every((p) => p.length >= COMPOUND_PART && /^\p{L}+$/u.test(p))) {
    const joined = parts.join('');
    if (exists([joined])) addAlt(alts, [joined], 'exact', 1);
    return;
  }
  const [word] = parts;
  if (parts.length !== 1 || word.length < 2 * COMPOUND_PART || word.length > 30 || !/^\p{L}+$/u.test(word)) return;
  for (let cut = COMPOUND_PART; cut <= word.length - COMPOUND_PART; cut++) {
    const split = [word.slice(0, cut), word.slice(cut)];
    if (exists(split)) addAlt(alts, split, 'exact', 1);
  }
}

function addAlt(alts: Alternative[], phrase: string[], kind: AltKind, credit: number): void {
  const key = phrase.join(' ');
  if (phrase.length > 0 && !alts.some((a) => a.phrase.join(' ') === key)) alts.push({ phrase, kind, credit });
}

// Looks for 2–5 consecutive tokens that spell a known person or an acronym's expansion.
function joinedPhrase(tokens: string[], start: number, vocab: Vocabulary): { term: Term; consumed: number } | null {
  for (let n = Math.min(5, tokens.length - start); n >= 2; n--) {
    const phrase = words(tokens.slice(start, start + n).join(' '));
    const key = phrase.join(' ');
    const person = personNames(key);
    if (person) {
      const alts: Alternative[] = [{ phrase, kind: 'exact', credit: 1 }];
      for (const name of person) addAlt(alts, words(name), 'person', 1);
      return { term: { text: key, identifier: false, alternatives: alts }, consumed: n };
    }
    const abbr = vocab.abbreviations.get(key);
    if (abbr !== undefined) {
      const alts: Alternative[] = [{ phrase, kind: 'exact', credit: 1 }];
      addAlt(alts, [abbr], 'acronym', 1);
      return { term: { text: key, identifier: false, alternatives: alts }, consumed: n };
    }
  }
  return null;
}

/**
 * Known words that shorten an unknown one by dropping letters inside it ("alertmgr" for
 * "alertmanager", "mgmt" is too short a prefix): same first four letters and last letter, at least
 * two letters fewer, the rest in order.
 */
function contractions(vocab: Vocabulary, word: string): string[] {
  if (word.length < 7 || !/^\p{L}+$/u.test(word)) return [];
  const out: string[] = [];
  for (let len = 5; len <= word.length - 2; len++) {
    for (const cand of vocab.byLength.get(len) ?? []) {
      if (cand.slice(0, 4) !== word.slice(0, 4) || cand[len - 1] !== word[word.length - 1]) continue;
      let j = 4;
      for (let i = 4; i < word.length && j < len; i++) if (word[i] === cand[j]) j++;
      if (j === len) out.push(cand);
      if (out.length >= 2) return out;
    }
  }
  return out;
}
