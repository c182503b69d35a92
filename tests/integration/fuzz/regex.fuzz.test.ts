// Pathological input for every regex that reads untrusted text (summaries, Launchpad fields, chat,
// config): each entry point is fed families of adversarial strings, long runs of the characters its
// regexes quantify, and must finish in a time that does not explode with the input's length.
// A backtracking pattern fails by orders of magnitude (35 s for a 159-byte decision line), so the
// per-input budget is generous and measured in CPU time of this process, not wall-clock time.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { validateConfig } from '../../../src/config.ts';
import { MeetingTracker, safeMeetingName } from '../../../src/meetings/tracker.ts';
import { PrefixClashWatch } from '../../../src/meetings/prefix-clash.ts';
import { commandText, addressPattern } from '../../../src/core/router.ts';
import { sanitizeLine, truncate } from '../../../src/core/text.ts';
import { createRootLogger } from '../../../src/log.ts';
import { seedIfEmpty } from '../../../src/ptg/bundled.ts';
import { detectFormat, parseSummary } from '../../../src/ptg/parse/index.ts';
import { extractDecisions } from '../../../src/ptg/parse/decisions.ts';
import { mdInline } from '../../../src/ptg/parse/formats/markdown.ts';
import { stripMailEnvelope } from '../../../src/ptg/parse/formats/plain.ts';
import { extractOwners } from '../../../src/ptg/parse/owners.ts';
import { learnAcronyms } from '../../../src/ptg/vocabulary.ts';
import { indexable, words } from '../../../src/ptg/words.ts';
import { kindFromName } from '../../../src/schedule/kinds.ts';
import { scheduleBase } from '../../../src/schedule/sync.ts';
import { summaryFromPage } from '../../../src/sources/summary.ts';
import { parseAddArgs, slugify } from '../../../src/schedule/team.ts';
import { hints, safeText, shortTitle } from '../../../src/triage/format.ts';
import { bugIdOf, cleanTaskTitle, parseTask } from '../../../src/triage/launchpad-client.ts';
import { toChatMessage } from '../../../src/transports/irc/incoming.ts';
import { addressedTo } from '../../../src/transports/irc/policy.ts';
import { classifyMessage, cleanDisplayName, ignoreMatcher, leadingMention, stripReplyFallback } from '../../../src/transports/matrix/events.ts';
import { roomMsg } from '../../helpers/messages.ts';
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
const quietly = (fn: () => unknown) => {
  try {
    fn();
  } catch {
    // refusing the input is fine; taking forever is not
  }
};
const summary =
  (filename: string, head = '') =>
  (text: string) =>
    quietly(() => parseSummary(head + text, { filename }));

const app = createApp({
  dbPath: ':memory:',
  config: validateConfig({ rateLimit: { burst: 1000, refillSeconds: 1 } }, 'test', {}),
  log: createRootLogger({ level: 'silent', format: 'json' }),
});
seedIfEmpty(app.repo);
const ircCtx = {
  transport: 'irc',
  currentNick: 'cyclebot_',
  routerNick: 'cyclebot',
  ignore: ['opendevmeet'],
  sameNick: (a: string, b: string) => a.toLowerCase() === b.toLowerCase(),
  isChannel: (n: string) => n.startsWith('#'),
  configuredChannel: (n: string) => (n === '#nova' ? n : undefined),
  accountOf: () => undefined,
  isOp: () => false,
  opsAreChairs: true,
};
const matrixCtx = { botUserId: '@bot:test', isIgnored: ignoreMatcher(['@_oftc_*:matrix.org']), startedAt: 0, skewMs: 0 };
const matrixEvent = (body: string, html: string) => ({
  type: 'm.room.message',
  event_id: '$e',
  sender: '@a:test',
  origin_server_ts: 1,
  content: { msgtype: 'm.text', body, format: 'org.matrix.custom.html', formatted_body: html, 'm.relates_to': { 'm.in_reply_to': { event_id: '$x' } } },
});
const meetings = new MeetingTracker(['opendevmeet']);
const clash = new PrefixClashWatch('!', ['opendevmeet']);
const bot = { key: 'irc:nick:opendevmeet', display: 'opendevmeet' };

const CASES: Case[] = [
  // ---- PTG summaries (etherpads are world-editable; configured summaries are re-read at start) ----
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
  {
    regexes: 'decisions.ts: BULLET, MARKER, marker-owner splitter',
    run: (s) => extractDecisions([s, '  - ' + s]),
    pieces: [' ', '\t', 'AI', '(', ',', ' and ', '/', '&', '✅', ':'],
    prefixes: ['AI(', 'AI ', '#action ', '- ', 'Decisions'],
    suffixes: [')', '):', ' :x'],
  },
  {
    regexes: 'detect.ts: HTML/Markdown/rst/plain heading and link probes',
    run: (s) => detectFormat(s),
    pieces: ['<p', '#', ' ', '\t', '=', '*', '0', '[', '](http:', '`', '::', ':a:'],
    prefixes: ['## ', '== ', '.. '],
    suffixes: ['\n##', '=='],
    length: 4_000,
  },
  {
    regexes: 'formats/markdown.ts: ATX heading, table rule, title:, code spans, images, links, autolinks, tags, reference links; topics.ts anchors',
    run: summary('x.md', '# Nova PTG\n\n'),
    pieces: ['#', ' ', '\t', '`', '![](', '[', '"', '<a', '<http:l', '-|', ':'],
    prefixes: ['## ', 'title:', '| --- | '],
    suffixes: ['#'],
    length: 4_000,
  },
  {
    // Exponential before: '🔗' twice in an alternation under /u; 28 symbols took seconds.
    regexes: 'topics.ts: heading permalink symbols stripped from titles',
    run: summary('x.md', '# Nova PTG\n\n## Topic '),
    pieces: ['🔗', '¶', '🔗 '],
    suffixes: ['\nbody'],
    length: 56,
  },
  {
    // Inline Markdown on one long line: 20,000 chars of '<a' without '>' made the tag pattern rescan.
    regexes: 'formats/markdown.ts: mdInline HTML tags (html-scan.ts)',
    run: (s) => mdInline(s),
    pieces: ['<a', '</b', '< a', '<a "'],
  },
  {
    regexes: 'formats/rst.ts: directives, trailing blanks, inline links and roles; topics.ts anchors',
    run: summary('x.rst', 'Nova PTG\n========\n\nTopic\n-----\n\n'),
    pieces: ['..', ' ', '\t', '::', '`', '<', ':a:', '-'],
    prefixes: ['.. ', ':a:`', '`'],
    suffixes: ['>`_', '`'],
    length: 4_000,
  },
  {
    // Web pages are imported whole (up to 5 MB): 20,000 '<' took the old /<[^>]*>/g 230 ms.
    regexes: 'formats/html.ts + html-scan.ts: block stripping, tags, comments, CDATA, <main>/<pre>/<h1>/<title>, attributes',
    run: summary('x.html', '<h2>Nova</h2><p>x</p>'),
    pieces: ['<', '<p', '<!--', '<![CDATA[', '<?', '<svg>H', "'<A'A", '/PRE><PRE>', '/MAIN><MAIN>', '<TITLE\u0000', '<STYLE<P', '<a "'],
    prefixes: ['<main>', '<a href=', '<pre>', '<h1>'],
    suffixes: ['>'],
  },
  {
    // The old quoted-switch search was cubic: 10,000 characters of unclosed "<div"s took 11.5 s.
    regexes: 'sources/summary.ts: summaryFromPage (div nesting, quoted-switch, h1/title/pre bodies, innerText, slug)',
    run: (s) => ['hyperkitty', 'pipermail', 'html'].map((kind) => quietly(() => summaryFromPage(kind as 'html', 'https://lists.example/a/b', s))),
    pieces: ['<DIV\u0000V', '\u0000QUOTED-SWITCH\u0000V', '<div', '<h1\u0000', '<TITLE<E', '<PRE\u0000', '<', ' \t', '-', '</p', '<br'],
    prefixes: ['<div class="email-body">', '<div class="email-body"><div class="x quoted-switch"', '<h1>', '<title>', '<pre>'],
    suffixes: ['>', '</div>'],
  },
  {
    regexes: 'schedule/sync.ts: scheduleBase (trailing slashes)',
    run: (s) => scheduleBase(s),
    pieces: ['/', 'a/'],
    suffixes: ['\u0000/'],
  },
  {
    regexes: 'formats/plain.ts: ####-headings, signatures, Subject:; segment.ts; links.ts; context.ts',
    run: summary('x.txt', 'Nova PTG summary\n\n#### Topic ####\n'),
    pieces: ['#', '=', '*', ' ', '\t', '0', '_', '.', ' lp #', '@', 'https://'],
    prefixes: ['## ', '== ', 'Subject: ', 'PTG '],
    suffixes: ['##', ' planning', '1234'],
    length: 4_000,
  },
  {
    // Mail headers: blanks before a value that is then too long were traded back and forth with
    // .{0,300}; 100,000 tabs took ~110 ms before, 0.3 ms now.
    regexes: 'formats/plain.ts: stripMailEnvelope Subject:/Date: values',
    run: (s) => stripMailEnvelope(['From: a@b', `Subject:${s}`, `Date:${s}`]),
    pieces: ['\t', ' ', ' \t'],
    suffixes: ['\u2028'],
    length: 100_000,
  },
  {
    regexes: 'vocabulary.ts: acronym-in-parentheses learner; words.ts: word splitting, indexable',
    run: (s) => [learnAcronyms(s), words(s), indexable(s)],
    // 'a' + 20,000 '_' + 'a' took indexable 900 ms before its '_' runs were tried once each.
    pieces: ['0', 'a', ' ', '-', '(AB)', '_', 'é'],
    prefixes: ['a'],
    suffixes: [' (ABC)', '\u0000', 'a'],
  },
  // ---- chat (both transports, router, commands) ----
  {
    regexes: 'matrix events.ts: classifyMessage (reply fallback, leading pill), cleanDisplayName, ignore globs',
    run: (s) => [
      classifyMessage(matrixEvent(s, s), matrixCtx),
      leadingMention({ format: 'org.matrix.custom.html', formatted_body: s }, '@bot:test'),
      cleanDisplayName(s, '@a:test'),
      stripReplyFallback(s),
      matrixCtx.isIgnored(s),
    ],
    pieces: ['<a href="https://matrix.to/#/', '@', 'x', '?', '"', ' ', '> ', '\u202e', '*'],
    prefixes: ['<a href="https://matrix.to/#/@bot:test', '> <@a:b> '],
    suffixes: ['">x</a>', '\n\n!ping'],
    length: 64 * 1024,
  },
  {
    regexes: 'irc incoming.ts / policy.ts: toChatMessage, addressedTo; router.ts: addressPattern, commandText',
    run: (s) => [
      toChatMessage({ nick: 'a', ident: '~a', hostname: 'h', target: '#nova', message: s }, ircCtx),
      addressedTo(s, 'cyclebot_', 'cyclebot', ircCtx.sameNick),
      commandText(roomMsg(s), '!', addressPattern('cyclebot')),
    ],
    pieces: [' ', '@', ':', ',', 'cyclebot_', '!', '\t'],
    prefixes: ['cyclebot_', '@cyclebot:'],
    suffixes: [':x'],
    length: 64 * 1024,
  },
  {
    regexes: 'commands: !ptg (topics/more, query analysis, answer snippets), !schedule add, !help, !status through the router',
    run: (s) => app.router.handle(roomMsg(s)),
    pieces: [' ', '_', '-', '.', '!', '?', 'a', 'é', '\u0000', '"'],
    prefixes: ['!ptg ', '!ptg topics', '!schedule add 2026-01-01 ', '!help ', '!triage '],
    length: 4_000,
  },
  {
    regexes: 'schedule team.ts: parseAddArgs, slugify; kinds.ts: kindFromName',
    run: (s) => [quietly(() => parseAddArgs(s)), slugify(s), kindFromName(s)],
    pieces: [' ', '\t', '-', 'spec', 'reeze', 'kind:', '0', '.'],
    prefixes: ['2026-01-01 ', '2026-01-01 10:00 ', 'spec '],
    suffixes: [' freeze', '\u0000', ':'],
  },
  {
    regexes: 'meetings.ts: banners, safeMeetingName; prefix-clash.ts: Limnoria error shape; text.ts: sanitizeLine, truncate',
    run: (s) => [
      meetings.observe(roomMsg(s, bot, { observeOnly: true }), new Date(0)),
      safeMeetingName(s),
      clash.observe(roomMsg(s, bot, { observeOnly: true }), new Date(0)),
      sanitizeLine(s),
      truncate(s, 300),
    ],
    pieces: ['_', '.', '-', ' ', '\t', "'", 'Meeting started ', ' UTC', 'Error: "', 'a'],
    prefixes: ["The meeting name has been set to '", 'Meeting started ', 'x: Error: "'],
    suffixes: ["'", ' UTC.', '" is not'],
  },
  // ---- Launchpad fields (anyone can file a bug) ----
  {
    regexes: 'launchpad-client.ts: cleanTaskTitle, bugIdOf, parseTask; format.ts: version/patch hints, shortTitle, safeText',
    run: (s) => [
      cleanTaskTitle(s),
      bugIdOf(s),
      parseTask({ title: s, bug_link: 'https://api.launchpad.net/devel/bugs/1', web_link: s, self_link: s }),
      hints({ id: 1, title: s, tags: [], heat: 0, usersAffected: 0, messageCount: 0, description: s, hasPatch: false, duplicateOf: null, informationType: s }),
      shortTitle(s),
      safeText(s),
    ],
    pieces: [': "', 'Bug #0 in ', '/', '/bugs/', '0', ' ', 'version', '.', 'https://review.opendev.org/', 'master'],
    prefixes: ['Bug #1 in nova: "', 'https://bugs.launchpad.net/nova/+bug/'],
    suffixes: ['"x', ' branch', '1.2.3'],
  },
  // ---- configuration (read once, but from a file someone may paste) ----
  {
    regexes: 'config.ts: nick, channel, room, user id, project, time, date and offset patterns',
    run: (s) =>
      quietly(() =>
        validateConfig(
          {
            nick: s,
            permissions: { chairs: [s] },
            irc: { host: 'x', channels: [s] },
            matrix: { homeserverUrl: 'https://x', accessToken: 't', rooms: [s], inviteAllowlist: [s] },
            schedule: { postAt: s, events: [{ name: 'x', date: s }] },
          },
          'test',
          {},
        ),
      ),
    pieces: ['a', ':', '#', '@', ' ', '-', '0'],
    prefixes: ['#', '@', '!'],
    suffixes: [':', ' '],
  },
];

describe('regexes on untrusted text stay fast on pathological input', () => {
  it.each(CASES.map((c) => [c.regexes, c] as const))('%s', (_name, c) => {
    const [ms, input] = slowest(families(c), c.run);
    expect({ ms: Math.round(ms), input }).toEqual({ ms: expect.toSatisfy((n: number) => n < BUDGET_MS), input });
  });
});
