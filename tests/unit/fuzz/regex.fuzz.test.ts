// Pathological input for every regex that reads untrusted text (summaries, Launchpad fields, chat,
// config): each entry point is fed families of adversarial strings, long runs of the characters its
// regexes quantify, and must finish in a time that does not explode with the input's length.
// A backtracking pattern fails by orders of magnitude (35 s for a 159-byte decision line), so the
// per-input budget is generous and measured in CPU time of this process, not wall-clock time.
import { describe, expect, it } from 'vitest';
import { extractDecisions } from '../../../src/ptg/parse/decisions.ts';
import { extractOwners } from '../../../src/ptg/parse/owners.ts';
import { families, slowest } from '../../helpers/pathological.ts';

const BUDGET_MS = 100;

interface Case {
  /** The regexes (file: name) this entry reaches. */
  regexes: string;
  run: (input: string) => unknown;
  pieces: string[];
  prefixes?: string[];
  suffixes?: string[];
  length?: number;
}

const owners = (text: string) => extractOwners([{ text, kind: 'action', meetbot: true, markerOwners: [] }]);

const CASES: Case[] = [
  {
    regexes: 'owners.ts: CLAUSE_SUBJECT, PASSIVE, ACTION_OWNER, TRAILING, HAS_VERB, clause and name splitters',
    run: owners,
    pieces: ['Ab', 'C', 'a', ' ', ', ', '&', ' and ', 'Ab Cd ', 'a-b', '(Ab)', ' will be ', '\t'],
    prefixes: ['AbC', 'Sean ', 'Ab-c'],
    suffixes: [' is x', ' will', ' will be fixed', ') .', '(Ab) .x'],
    length: 5_000,
  },
  {
    // Exponential shapes are tried short: 100 characters took the old pattern seconds, not ages.
    regexes: 'owners.ts via decisions.ts: "and" glued into a camel-case name (a 159-byte line took 35 s)',
    run: (s) => extractOwners(extractDecisions([s])),
    pieces: ['andand', 'and', 'anda'],
    prefixes: ['✅ AbC', '#action AbC', 'AI(AbC): AbC', 'AbC'],
    suffixes: [' is x'],
    length: 100,
  },
];

describe('regexes on untrusted text stay fast on pathological input', () => {
  it.each(CASES.map((c) => [c.regexes, c] as const))('%s', (_name, c) => {
    const [ms, input] = slowest(families(c), c.run);
    expect({ ms: Math.round(ms), input }).toEqual({ ms: expect.toSatisfy((n: number) => n < BUDGET_MS), input });
  });
});
