// !triage start|status|stats|end and the quick decisions of the end-of-meeting bug review.
// status and stats are for anyone; the rest needs the role configured in triage.permission
// (chairs by default), checked against the role the router established.
import { allows } from '../src/core/permissions.ts';
import type { CommandContext, CommandSpec, Reply, Role } from '../src/core/types.ts';
import { CommandError } from '../src/errors.ts';
import type { TriageService } from '../src/triage/service.ts';
import { IMPORTANCES, ORDERS, type DecisionInput, type Order } from '../src/triage/types.ts';

export interface TriageDeps {
  service: TriageService;
  /** Role needed to start, decide and end (config triage.permission). */
  permission: Role;
  prefix: string;
}

const DECISIONS = ['confirm', 'incomplete', 'invalid', 'opinion', 'wontfix', 'dup', 'importance', 'tag', 'assign', 'skip', 'defer', 'next'] as const;
const ALIASES: Record<string, string> = { duplicate: 'dup', "won'tfix": 'wontfix', 'wont-fix': 'wontfix', confirmed: 'confirm', 'most-affected': 'most-voted', votes: 'most-voted' };
const LP_NAME = /^[a-z0-9][a-z0-9+._-]{0,63}$/i;
const TAG = /^[a-z0-9][a-z0-9+.-]{0,63}$/;

const SYNOPSIS = 'start [N] [newest|most-voted|oldest] | status | stats | end | confirm [bug] [importance] | incomplete [bug] [why] | invalid|opinion|wontfix [bug] [why] | dup [bug] <original> | importance <level> | tag <tag> | assign <name> | skip | defer | next | undo';

export function triageCommands(deps: TriageDeps): CommandSpec[] {
  const usage = `usage: ${deps.prefix}triage ${SYNOPSIS}`;
  return [
    {
      name: 'triage',
      usage: SYNOPSIS,
      help: 'The end-of-meeting untriaged-bug review: a chair starts a round of N Launchpad bugs; each decision is recorded (who, when, which meeting) and the next bug shown. Naming a bug decided earlier in the round amends its decision; undo takes back the last one. status and stats are for anyone.',
      permission: 'anyone',
      examples: [
        { input: '!triage status', expect: 'no triage round is running here' },
        { input: '!triage stats', expect: 'no backlog recorded yet' },
      ],
      handler: (ctx) => handle(ctx, deps, usage),
    },
  ];
}

async function handle(ctx: CommandContext, deps: TriageDeps, usage: string): Promise<Reply | Reply[]> {
  const words = ctx.args.trim().split(/\s+/).filter(Boolean);
  const sub = normalise(words.shift()?.toLowerCase() ?? '');
  const where = { transport: ctx.message.transport, room: ctx.message.room };
  const who = { key: ctx.message.sender.key, display: ctx.message.sender.display };
  const now = ctx.now.getTime();
  const s = deps.service;
  if (sub === '' || sub === 'help') return { lines: [[usage]] };
  if (sub === 'status') return s.status(where, now);
  if (sub === 'stats') return s.stats(now);
  if (sub !== 'start' && sub !== 'end' && sub !== 'undo' && !(DECISIONS as readonly string[]).includes(sub)) {
    throw new CommandError(`unknown !triage subcommand "${sub.slice(0, 20)}"; ${usage}`);
  }
  if (!allows(ctx.role, deps.permission)) {
    throw new CommandError(`${deps.prefix}triage ${sub} is for ${deps.permission}s only (you are ${ctx.role === 'anyone' ? 'not recognised as one' : `a ${ctx.role}`}); ${deps.prefix}triage status is for anyone`);
  }
  if (sub === 'start') return s.start(where, who, now, parseStart(words, deps.service.settings.maxCount));
  if (sub === 'end') return s.end(where, who, now);
  if (sub === 'undo') {
    if (words.length) throw new CommandError('usage: !triage undo (takes back the last decision of this round; to change a decision, name its bug: !triage confirm 2105896 low)');
    return s.undo(where, who, now, allows(ctx.role, 'chair'));
  }
  return s.decide(where, who, now, parseDecision(sub as DecisionInput['kind'], words));
}

function normalise(word: string): string {
  return ALIASES[word] ?? word;
}

export function parseStart(words: string[], maxCount: number): { size?: number; order?: Order } {
  const out: { size?: number; order?: Order } = {};
  for (const w of words.map((x) => normalise(x.toLowerCase()))) {
    if (/^\d+$/.test(w)) {
      const n = Number(w);
      if (n < 1 || n > maxCount) throw new CommandError(`a round takes 1 to ${maxCount} bugs, not ${w}`);
      out.size = n;
    } else if ((ORDERS as readonly string[]).includes(w)) {
      out.order = w as Order;
    } else {
      throw new CommandError(`unknown order "${w.slice(0, 20)}": use newest, most-voted or oldest`);
    }
  }
  return out;
}

const importance = (w: string | undefined) => IMPORTANCES.find((i) => i.toLowerCase() === w?.toLowerCase());

/** A bug number as typed: 2105896, #2105896, bug 2105896 or a bugs.launchpad.net link. */
export function bugNumber(w: string | undefined): number | undefined {
  const m = w ? /^(?:#|lp:?#?)?(\d{1,9})$/i.exec(w) ?? /\/\+?bugs?\/(\d{1,9})\/?$/.exec(w) : null;
  return m ? Number(m[1]) : undefined;
}

/**
 * `confirm [bug] [importance]`, `incomplete [bug] [why…]`, `dup [bug] <master>`, `tag <tag>`…
 * A leading bug number names the bug the decider means (refused when it is not the current one).
 */
export function parseDecision(kind: DecisionInput['kind'], words: string[]): DecisionInput {
  const input: DecisionInput = { kind };
  const rest = [...words];
  if (rest[0]?.toLowerCase() === 'bug') rest.shift();
  if (kind === 'dup') {
    const nums = rest.map(bugNumber);
    if (rest.length === 2 && nums[0] !== undefined && nums[1] !== undefined) {
      input.bugId = nums[0];
      input.value = String(nums[1]);
    } else if (rest.length === 1 && nums[0] !== undefined) {
      input.value = String(nums[0]);
    } else {
      throw new CommandError('usage: !triage dup <bug number of the original>, e.g. !triage dup 2100001');
    }
    return input;
  }
  const lead = bugNumber(rest[0]);
  if (lead !== undefined && rest[0] !== undefined && /^(?:#|lp)?\d{5,}|\//i.test(rest[0])) {
    input.bugId = lead;
    rest.shift();
  } else if ((kind === 'confirm' || kind === 'importance') && rest.length === 2 && /^(?:#|lp)?\d{5,}|\//i.test(rest[1])) {
    // "confirm low 2122650": the bug may also come after the importance.
    input.bugId = bugNumber(rest.pop());
  }
  switch (kind) {
    case 'confirm': {
      if (rest.length > 1 || (rest.length === 1 && !importance(rest[0]))) throw new CommandError(`usage: !triage confirm [${IMPORTANCES.join('|').toLowerCase()}]`);
      const imp = importance(rest[0]);
      if (imp) input.value = imp;
      return input;
    }
    case 'importance': {
      const imp = importance(rest[0]);
      if (!imp || rest.length > 1) throw new CommandError(`usage: !triage importance <${IMPORTANCES.join('|').toLowerCase()}>`);
      input.value = imp;
      return input;
    }
    case 'tag': {
      const tag = rest[0]?.toLowerCase();
      if (!tag || rest.length > 1 || !TAG.test(tag)) throw new CommandError('usage: !triage tag <tag> (one Launchpad tag: lower-case letters, digits, + - .), e.g. !triage tag libvirt');
      input.value = tag;
      return input;
    }
    case 'assign': {
      const name = rest[0]?.replace(/^~/, '');
      if (!name || rest.length > 1 || !LP_NAME.test(name)) throw new CommandError('usage: !triage assign <launchpad name>, e.g. !triage assign gibi');
      input.value = name;
      return input;
    }
    case 'incomplete':
    case 'invalid':
    case 'opinion':
    case 'wontfix':
    case 'skip':
    case 'defer': {
      const reason = rest.join(' ').trim();
      if (reason) input.reason = reason.length > 200 ? `${reason.slice(0, 199)}…` : reason;
      return input;
    }
    default:
      return input;
  }
}
