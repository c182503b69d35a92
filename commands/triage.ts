// triage start|status|stats|end and the quick decisions of the end-of-meeting bug review, as
// sub-commands: status and stats are for anyone; the rest needs the role configured in
// triage.permission (chairs by default), checked by the router. With several teams, the rule and
// chairs are those of the team the command acts for: the round's running in the room, else the
// team named first (start), else the message's.
import { allows } from '../src/core/permissions.ts';
import { command, rich } from '../src/core/rich.ts';
import type { AccessRule, ChatMessage, CommandContext, CommandExample, CommandSpec, Reply, Role, SubcommandSpec, TeamScope } from '../src/core/types.ts';
import { CommandError } from '../src/errors.ts';
import type { TriageService } from '../src/triage/service.ts';
import { IMPORTANCES, ORDERS, type DecisionInput, type Order } from '../src/triage/types.ts';

export interface TriageDeps {
  /** The service of a message no team's round or name picks (the single team's). */
  service: TriageService;
  /** Role needed to start, decide and end (config triage.permission). */
  permission: Role;
  /** Several teams: each team's service (its Launchpad project, its rounds), the role its triage needs and its chairs. */
  teams?: ReadonlyMap<string, TeamTriage>;
  /** The team whose round runs in a room, if any: every command there goes to that round. */
  roundTeam?: (transport: string, room: string) => string | undefined;
}

export interface TeamTriage {
  service: TriageService;
  /** The team's triage.permission (the top-level one unless the team sets its own). */
  permission: Role;
  /** The team's chairs (identity entries, as in permissions.chairs). */
  chairs: readonly string[];
  /** Whether the team lists the room: its rounds run only in its own channels and the shared ones. */
  listsRoom(transport: string, room: string): boolean;
}

const ALIASES: Record<string, string> = { 'most-affected': 'most-voted', votes: 'most-voted' };
const LP_NAME = /^[a-z0-9][a-z0-9+._-]{0,63}$/i;
const TAG = /^[a-z0-9][a-z0-9+.-]{0,63}$/;
const LEVELS = IMPORTANCES.join('|').toLowerCase();

type Kind = DecisionInput['kind'];
/**
 * The quick decisions: name, aliases, arguments, help, and an example with the line it answers.
 * The examples test runs the examples in this order in one round (started by start's example),
 * so each decision that moves on leaves a bug for the next one.
 */
const DECISIONS: [Kind, string[], string, string, CommandExample][] = [
  ['confirm', ['confirmed'], '[bug] [importance]', 'Confirmed, with an importance if given.', decided('confirm high', 'Confirmed, importance High')],
  [
    'incomplete',
    [],
    '[bug] [why]',
    'Incomplete: more information needed from the reporter.',
    decided('incomplete which release? logs please', 'Incomplete \\(which release\\? logs please\\)'),
  ],
  ['invalid', [], '[bug] [why]', 'Invalid.', decided('invalid not a nova bug', 'Invalid \\(not a nova bug\\)')],
  ['opinion', [], '[bug] [why]', 'Opinion.', decided('opinion works as designed', 'Opinion \\(works as designed\\)')],
  ['wontfix', ["won'tfix", 'wont-fix'], '[bug] [why]', "Won't fix.", decided('wontfix', "Won't Fix")],
  ['dup', ['duplicate'], '[bug] <original>', 'A duplicate of the original bug.', decided('dup 2100001', 'duplicate of bug 2100001')],
  ['importance', [], `<${LEVELS}>`, 'Sets the importance only.', decided('importance low', 'importance Low')],
  ['tag', [], '<tag>', 'Adds one Launchpad tag.', decided('tag libvirt', 'tagged libvirt')],
  ['assign', [], '<launchpad name>', 'Assigns the bug.', decided('assign gibi', 'assigned to gibi')],
  ['skip', [], '[why]', 'Moves on without deciding.', decided('skip', 'skipped')],
  ['defer', [], '[why]', 'Carries the bug to the next round.', decided('defer', 'deferred')],
  ['next', [], '', 'Moves on to the next bug.', { input: 'triage next', expect: /^Bug \d+: no decision recorded, skipped$/ }],
];

/** An example decision and the acknowledgement it gets: "Bug 2105896: <what> — recorded for gibi". */
function decided(input: string, what: string): CommandExample {
  return { input: `triage ${input}`, expect: new RegExp(`^Bug \\d+: ${what} — recorded for \\S+$`) };
}

const SYNOPSIS =
  'start [N] [newest|most-voted|oldest] | status | stats | end | confirm [bug] [importance] | incomplete [bug] [why] | invalid|opinion|wontfix [bug] [why] | dup [bug] <original> | importance <level> | tag <tag> | assign <name> | skip | defer | next | undo';
const usage = () => rich`usage: ${command(`triage ${SYNOPSIS}`)}`;

export function triageCommands(deps: TriageDeps): CommandSpec[] {
  const s = deps.service;
  const running = (m: ChatMessage) => deps.roundTeam?.(m.transport, m.room);
  // The round running in the room decides (a decision is for its bugs); else the message's team.
  const teamOf = (m: ChatMessage, team: TeamScope | undefined) => running(m) ?? (team?.multi ? team.current : undefined);
  // start and stats may name the team first: "triage start nova 5", "triage stats neutron".
  const namedFirst = (args: string, team: TeamScope | undefined) => {
    const first = /^\S{1,48}/.exec(args.trim())?.[0].toLowerCase();
    return first !== undefined && team?.multi && deps.teams?.has(first) ? first : undefined;
  };
  const byTeam = (team: string | undefined) => (team !== undefined ? deps.teams?.get(team) : undefined);
  const svc = (ctx: CommandContext) => byTeam(teamOf(ctx.message, ctx.team))?.service ?? s;
  const named = (ctx: CommandContext, usage: string): { service: TriageService; args: string; team?: string } => {
    if (!deps.teams || !ctx.team?.multi) return { service: s, args: ctx.args };
    const picked = ctx.team.take(ctx.args, usage);
    const team = running(ctx.message) ?? picked.team;
    return { service: byTeam(team)?.service ?? s, args: picked.args, team };
  };
  // Who may start, decide and end: the rule and chairs of the team the command acts for.
  const access =
    (naming: boolean): AccessRule =>
    ({ message, args, team }) => {
      const t = byTeam(running(message) ?? (naming ? namedFirst(args, team) : undefined) ?? teamOf(message, team));
      return t ? { permission: t.permission, chairs: t.chairs } : undefined;
    };
  const where = (ctx: CommandContext) => ({ transport: ctx.message.transport, room: ctx.message.room });
  const who = (ctx: CommandContext) => ({ key: ctx.message.sender.key, display: ctx.message.sender.display });
  const words = (ctx: CommandContext) => ctx.args.split(/\s+/).filter(Boolean);
  const sub = (
    name: string,
    args: string,
    help: string,
    permission: Role,
    handler: (ctx: CommandContext) => Promise<Reply | Reply[]> | Reply | Reply[],
    more: Partial<SubcommandSpec> = {},
  ): SubcommandSpec => ({ name, usage: args, help, permission, handler, ...more });
  const decision = ([kind, aliases, args, help, example]: (typeof DECISIONS)[number]) =>
    sub(kind, args, help, deps.permission, (ctx) => svc(ctx).decide(where(ctx), who(ctx), ctx.now.getTime(), parseDecision(kind, words(ctx))), {
      aliases,
      examples: [example],
      access: access(false),
    });
  return [
    {
      name: 'triage',
      usage: '<sub-command> [arguments]',
      help: 'The end-of-meeting untriaged-bug review: a chair starts a round of N Launchpad bugs; each decision is recorded (who, when, which meeting) and the next bug shown. Naming a bug decided earlier in the round amends its decision; undo takes back the last one. status and stats are for anyone.',
      permission: 'anyone',
      // In the order of a round (the examples test runs their examples in this order).
      subcommands: [
        sub('status', '', 'The running round and its current bug.', 'anyone', (ctx) => svc(ctx).status(where(ctx), ctx.now.getTime()), {
          examples: [{ input: 'triage status', expect: /^no triage round is running here\. A chair starts one with \S+triage start / }],
        }),
        sub(
          'stats',
          '',
          "The untriaged backlog over time (a team's name first: that team's).",
          'anyone',
          (ctx) => named(ctx, 'triage stats <team>').service.stats(ctx.now.getTime()),
          {
            examples: [{ input: 'triage stats', expect: /^no backlog recorded yet for nova: / }],
          },
        ),
        sub('help', '', 'The sub-commands in one line.', 'anyone', () => ({ lines: [usage()] })),
        sub(
          'start',
          '[N] [newest|most-voted|oldest]',
          "Starts a round of N bugs of the channel's team's queue (with several teams, a team's name may come first).",
          deps.permission,
          (ctx) => {
            const { service, args, team } = named(ctx, 'triage start <team> [N]');
            const t = byTeam(team);
            if (t && !t.listsRoom(ctx.message.transport, ctx.message.room))
              throw new CommandError(
                rich`${team ?? ''}'s triage rounds run in its own channels (${command('teams ' + (team ?? ''))} lists them); nothing started`,
              );
            return service.start(where(ctx), who(ctx), ctx.now.getTime(), parseStart(args.split(/\s+/).filter(Boolean), service.settings.maxCount));
          },
          {
            examples: [{ input: 'triage start 10 newest', expect: /^Bug triage, nova: \d+ untriaged \(status New\), .* This round: 10 bugs, newest first\.$/ }],
            access: access(true),
          },
        ),
        ...DECISIONS.map(decision),
        sub(
          'undo',
          '',
          'Takes back the last decision of this round.',
          deps.permission,
          (ctx) => {
            if (ctx.args)
              throw new CommandError(
                rich`usage: ${command('triage undo')} (takes back the last decision of this round; to change a decision, name its bug: ${command('triage confirm 2105896 low')})`,
              );
            return svc(ctx).undo(where(ctx), who(ctx), ctx.now.getTime(), allows(ctx.role, 'chair'));
          },
          { examples: [{ input: 'triage undo', expect: /^Correction: bug \d+ undid "deferred" \(\S+\)$/ }], access: access(false) },
        ),
        sub('end', '', 'Closes the round with a summary.', deps.permission, (ctx) => svc(ctx).end(where(ctx), who(ctx), ctx.now.getTime()), {
          examples: [{ input: 'triage end', expect: /^Triage round ended: \d+ bugs reviewed — / }],
          access: access(false),
        }),
      ],
      handler: (ctx) => {
        const word = words(ctx)[0];
        if (!word) return { lines: [usage()] };
        throw new CommandError([...rich`unknown ${command('triage')} subcommand "${word.slice(0, 20)}"; `, ...usage()]);
      },
    },
  ];
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
  const m = w ? (/^(?:#|lp:?#?)?(\d{1,9})$/i.exec(w) ?? /\/\+?bugs?\/(\d{1,9})\/?$/.exec(w)) : null;
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
      throw new CommandError(rich`usage: ${command('triage dup <bug number of the original>')}, e.g. ${command('triage dup 2100001')}`);
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
      if (rest.length > 1 || (rest.length === 1 && !importance(rest[0]))) throw new CommandError(rich`usage: ${command(`triage confirm [${LEVELS}]`)}`);
      const imp = importance(rest[0]);
      if (imp) input.value = imp;
      return input;
    }
    case 'importance': {
      const imp = importance(rest[0]);
      if (!imp || rest.length > 1) throw new CommandError(rich`usage: ${command(`triage importance <${LEVELS}>`)}`);
      input.value = imp;
      return input;
    }
    case 'tag': {
      const tag = rest[0]?.toLowerCase();
      if (!tag || rest.length > 1 || !TAG.test(tag))
        throw new CommandError(
          rich`usage: ${command('triage tag <tag>')} (one Launchpad tag: lower-case letters, digits, + - .), e.g. ${command('triage tag libvirt')}`,
        );
      input.value = tag;
      return input;
    }
    case 'assign': {
      const name = rest[0]?.replace(/^~/, '');
      if (!name || rest.length > 1 || !LP_NAME.test(name))
        throw new CommandError(rich`usage: ${command('triage assign <launchpad name>')}, e.g. ${command('triage assign gibi')}`);
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
