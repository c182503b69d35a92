// Crafted input for every pattern the segmenter, the mail stripper and the decision markers run on
// summary text: each must stay linear. A 159-byte line once took 35 s in the owner parser.
import { describe, expect, it } from 'vitest';
import { extractDecisions } from '../../../src/ptg/parse/decisions.ts';
import { restoreLineBreaks } from '../../../src/ptg/parse/formats/plain.ts';
import { parseSummary } from '../../../src/ptg/parse/index.ts';
import { extractOwners } from '../../../src/ptg/parse/owners.ts';
import { markedTitle } from '../../../src/ptg/parse/segment.ts';

/** Milliseconds fn takes; the budget is generous (a slow CI, two cores) but a backtracking regex blows it by orders. */
function ms(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

// Each crafted line targets one pattern: long runs of what it repeats, with the ending it needs missing.
const CRAFTED: Record<string, string> = {
  'WRAPPED (#### x ####)': '#'.repeat(12) + ' a'.repeat(70) + ' ' + '#'.repeat(11) + 'x',
  'WRAPPED, spaces': '== ' + ' '.repeat(130) + 'a' + ' '.repeat(5) + '=',
  TOPIC_LINE: 'Topic ' + '1'.repeat(3) + ' '.repeat(100) + ':' + ' x'.repeat(50),
  INLINE_HEADING: ' ' + ('#### ' + 'a '.repeat(60)).repeat(200),
  'INLINE_HEADING, stars': ' ' + '*** '.repeat(3000) + 'x',
  INLINE_MARKER: ' ' + 'AI('.repeat(2000) + 'x',
  INLINE_SIGN_OFF: ('. Thanks' + ' '.repeat(5)).repeat(1000),
  'archive author': 'Matt ' + 'a '.repeat(30) + ' at ' + 'x'.repeat(60),
  'archive date': 'Thu ' + 'Sep '.repeat(30),
  'list footer': 'x'.repeat(60) + ' mailing' + ' '.repeat(50),
  NUMBERED: '*' + '1.'.repeat(40) + ' ' + 'a'.repeat(70),
  EMPHASIS: '**' + 'a_'.repeat(58) + '*',
  'ALL CAPS': 'A '.repeat(60),
  SALUTATION: 'Thanks' + ', '.repeat(3) + 'Aa'.repeat(50) + '!',
  MARKER: '*' + '_'.repeat(2) + 'agreed' + '*'.repeat(2) + ' '.repeat(3) + '(' + 'a'.repeat(80) + ' '.repeat(100) + ')x',
  'MARKER, parens': 'AI' + ' ('.repeat(500) + ':',
  LIST_MARKER: '**action items' + ' '.repeat(2000) + 'x',
  'upper-case marker': 'AGREED' + ' '.repeat(3) + '—'.repeat(1000) + ' '.repeat(2000),
  'inline underline': ' x' + ' ='.repeat(3000) + ' ' + '-'.repeat(79) + 'a',
  'inline bullet': ('. - ' + ' '.repeat(3)).repeat(1500),
  'inline # title': ('. # A ' + 'b '.repeat(10)).repeat(400),
  'outline item': '  '.repeat(50) + '1. ' + 'a '.repeat(55),
  'underlined title': 'Title ' + 'x'.repeat(100) + '\n' + '='.repeat(199) + '-',
  'committee / file name': 'TC '.repeat(2000) + "Technical Committee's",
  'owners in emphasis': '**' + 'nick '.repeat(300) + '** will',
  'PTG city': 'Denver '.repeat(3000) + 'PTG',
  'project aliases and links': 'OpenInfra Foundation '.repeat(300) + 'First Contact '.repeat(300) + 'openstack/'.repeat(300) + 'Kata room '.repeat(300),
  'dates (archive month, first line)': '2019-May-'.repeat(2000) + '2017.11.'.repeat(40),
};

describe('regex safety on crafted summary text', () => {
  for (const [name, line] of Object.entries(CRAFTED)) {
    it(`${name}: parse, decisions and owners stay fast`, () => {
      const text = `[openstack-dev] [nova] ${line.slice(0, 100)}\n${line}\n\n${line}\nAgreed: ${line}\n\n${line}\n`;
      const took = ms(() => {
        parseSummary(text);
        extractOwners(extractDecisions([line, `AI: ${line}`, `- ${line}`]));
        markedTitle(line);
        restoreLineBreaks(`${line} `.repeat(Math.ceil(700 / line.length)));
      });
      expect(took).toBeLessThan(1500);
    });
  }

  it('a megabyte of crafted lines with lost line breaks parses in well under a second per megabyte', () => {
    const text = Object.values(CRAFTED).join(' ').repeat(200).slice(0, 1_000_000);
    expect(ms(() => parseSummary(text))).toBeLessThan(3000);
  });
});
