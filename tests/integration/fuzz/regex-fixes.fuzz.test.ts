// Pathological input for the regexes fixed after the first audit (issue 12 item 8): one case per
// fix, each at a length where the old pattern took far more than the budget (seen failing with the
// old pattern put back), while the linear code takes a few ms. CPU time of this process, as in
// regex.fuzz.test.ts, so other processes on the machine do not make it flaky.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { validateConfig } from '../../../src/config.ts';
import { createRootLogger } from '../../../src/log.ts';
import { firstSentence } from '../../../src/ptg/answer.ts';
import { detectFormat, parseSummary } from '../../../src/ptg/parse/index.ts';
import { SummaryParseError } from '../../../src/ptg/parse/errors.ts';
import { mdInline } from '../../../src/ptg/parse/formats/markdown.ts';
import { extractLinks } from '../../../src/ptg/parse/links.ts';
import { rstText } from '../../../src/schedule/rst.ts';
import { LaunchpadClient } from '../../../src/triage/launchpad-client.ts';
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
const app = createApp({ dbPath: ':memory:', config: validateConfig({}, 'test', {}), log: createRootLogger({ level: 'silent', format: 'json' }) });

const CASES: Case[] = [
  {
    // Old ATX lazy content: '## ' + 2,000 blanks + 'x\r' took 7.9 s (fixed in 83f0dcd).
    regexes: 'formats/markdown.ts: ATX heading content and closing run',
    run: summary('x.md', '# Nova PTG\n\n'),
    pieces: [' ', '\t', ' #'],
    prefixes: ['## ', '### x'],
    // '\r' would be a line break by then (parseSummary normalizes it); '\u2028' is not, and '.' stops at it.
    suffixes: ['x\u2028y', ' #\u2028x'],
    length: 1_000,
  },
  {
    // Old title: lazy group and table rule '\s*\|?\s*': quadratic in a blank run (fixed in 83f0dcd).
    regexes: 'formats/markdown.ts: front matter title:/date:, table rule',
    run: (s) => quietly(() => parseSummary(`---\ntitle:a${s}\ndate:${s}\nx: y\n---\n\n## Topic\n\n${s}\n`, { filename: 'x.md' })),
    pieces: [' ', '\t'],
    prefixes: ['b', '|'],
    suffixes: ['b\u2028', '\u2028x', '|'],
    length: 30_000,
  },
  {
    // Old /(`+)(.+?)\1/g: a run of backticks, then text without a closing run, was cubic.
    regexes: 'formats/markdown.ts: mdInline code spans',
    run: (s) => mdInline(s),
    pieces: ['a', ' ', '`a'],
    prefixes: ['`'.repeat(4_000)],
    suffixes: ['\r'],
    length: 4_000,
  },
  {
    regexes: 'formats/markdown.ts: mdInline images, links, autolinks, reference links',
    run: (s) => mdInline(s),
    pieces: ['![](', '![', '[a](', '[a](b', '<http:l', '<mailto:x', '\u0000[[', '[['],
    suffixes: [']', ')'],
    length: 60_000,
  },
  {
    regexes: 'formats/rst.ts: DIRECTIVE before a stray line break, trailing blanks, role names',
    run: summary('x.rst', 'Nova PTG\n========\n\nTopic\n-----\n\n'),
    pieces: [' ', '\t', '::', 'a:'],
    prefixes: ['..\t-::', '..  a', 'x'],
    suffixes: ['\u2028x', 'b', ':`'],
    length: 30_000,
  },
  {
    regexes: 'links.ts: BUG_MENTION ("bug" + blanks, no "#")',
    run: (s) => extractLinks(s),
    pieces: ['\t', ' '],
    prefixes: ['LP', 'bug', 'bug:'],
    length: 30_000,
  },
  {
    regexes: 'errors.ts: SummaryParseError message to one line',
    run: (s) => new SummaryParseError(s),
    pieces: ['\t', ' '],
    length: 30_000,
  },
  {
    regexes: 'detect.ts: HTML_BLOCK over the whole text',
    run: (s) => detectFormat(s),
    pieces: ['<p', '<P\u0000A', '<div'],
    suffixes: ['>'],
    length: 30_000,
  },
  {
    // Lines of 2,000 characters: the longest the prose probes read, so the text gets many of them.
    regexes: 'detect.ts: MD_INLINE, RST_MARKUP on many capped lines',
    run: (s) => detectFormat(s),
    // Crafted lines of 2,000 characters, the most these probes read of a line, filling a megabyte.
    pieces: ['*\t[\t](http:*', '`::<http::', '[a](http:'].map((p) => `${p.repeat(Math.ceil(2000 / p.length)).slice(0, 2000)}\n`),
    length: 2_000_000,
  },
  {
    regexes: 'answer.ts: first sentence of a hit (sentence ends before a stray line break)',
    run: (s) => firstSentence(s),
    pieces: ['!\t', '. ', 'a'],
    suffixes: ['\r', '\u2028x'],
    length: 30_000,
  },
  {
    // openstack/releases schedule.rst is fetched from the network: event bodies are untrusted.
    regexes: 'schedule/rst.ts: rstText label before <url>',
    run: (s) => rstText(s),
    pieces: ['\t', ' ', '_`_<`'],
    prefixes: ['`_', '`a'],
    suffixes: ['\u0000>`_'],
    length: 30_000,
  },
  {
    regexes: 'launchpad-client.ts: trailing slashes of the API origin',
    run: (s) => quietly(() => new LaunchpadClient({ http: {} as never, baseUrl: `https://lp.test/${s}`, project: 'nova', pageSize: 75, maxPages: 1 } as never)),
    pieces: ['/'],
    suffixes: ['a', '/a'],
    length: 30_000,
  },
  {
    // Bypasses the router's input cap (4,000): the pattern itself must be linear.
    regexes: 'commands/ptg.ts: "topics" and its argument',
    run: (s) =>
      quietly(() =>
        Promise.resolve(app.registry.find('ptg')!.handler({ message: roomMsg('!ptg'), args: s, role: 'anyone', now: new Date(0) })).catch(() => undefined),
      ),
    pieces: ['\t', ' '],
    prefixes: ['topics\n', 'topics'],
    suffixes: ['I\nx'],
    length: 30_000,
  },
];

describe('regexes fixed after the first audit stay fast on pathological input', () => {
  it.each(CASES.map((c) => [c.regexes, c] as const))('%s', (_name, c) => {
    const [ms, input] = slowest(families(c), c.run);
    expect({ ms: Math.round(ms), input }).toEqual({ ms: expect.toSatisfy((n: number) => n < BUDGET_MS), input });
  });
});
