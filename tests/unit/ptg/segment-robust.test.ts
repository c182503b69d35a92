// Segmentation rules that must not depend on how one document happens to be laid out: a lost
// blank line, a document title styled as a heading, one "Topic:" line among bare topic lines, a
// lead-in line right below a title.
import { describe, expect, it } from 'vitest';
import { parseSummary } from '../../../src/ptg/parse/index.ts';

const titles = (text: string) => parseSummary(text, { filename: 'document.txt', context: false }).topics.map((t) => t.title);
const para = (words: string) => `${words} was discussed at length by the team,\nand the plan is written down on the etherpad for everyone to read.`;

describe('segmentation robustness', () => {
  it('takes an underline drawn to the title length as a heading without a blank line above', () => {
    const text = [
      'Hello everyone,',
      'Here is my summary of the sessions.',
      'Unified limits',
      '--------------',
      para('Unified limits'),
      'Application credentials',
      '-----------------------',
      para('Access rules'),
    ].join('\n');
    expect(titles(text)).toEqual(['Unified limits', 'Application credentials']);
    // A rule under a paragraph line of another length stays a rule.
    const rule = ['Intro words.', 'Some text here and more of it so it is long enough', '---', para('Nothing')].join('\n');
    expect(titles(rule)).not.toContain('Some text here and more of it so it is long enough');
    // One line over a rule of its length is not enough: the text must draw its underlines so twice.
    const once = ['Intro words.', 'Some text', '---------', para('Nothing'), '', 'Other title', para('Other')].join('\n');
    expect(titles(once)).not.toContain('Some text');
  });

  it('takes a quoted summary whose blank lines were lost as the summary', () => {
    const text = [
      '>> Hi,',
      '>> Here is my summary of the Oslo sessions.',
      '>> oslo.config drivers',
      '>> ---------------------',
      `>> ${para('The driver')}`,
      '>> "stable" libraries',
      '>> ------------------',
      `>> ${para('Stable')}`,
    ].join('\n');
    expect(titles(text)).toEqual(['oslo.config drivers', '"stable" libraries']);
  });

  it('reads a heading over the whole text as the document title, not as its only topic', () => {
    const text = [
      'Nova Stein PTG summary',
      '======================',
      '',
      'Placement extraction',
      para('Placement'),
      '',
      'Cells v2 quotas',
      para('Quotas'),
      '',
      'Live migration',
      para('NUMA'),
    ].join('\n');
    expect(titles(text)).toEqual(['Placement extraction', 'Cells v2 quotas', 'Live migration']);
  });

  it('keeps one "Topic:" line as a topic among bare topic lines', () => {
    const text = ['Topic: Release cadence', para('Cadence'), '', 'Placement extraction', para('Placement'), '', 'Cells v2 quotas', para('Quotas')].join('\n');
    const p = parseSummary(`Some intro words.\n\n${text}`, { filename: 'document.txt', context: false });
    expect(p.topics.map((t) => t.title)).toEqual(['Release cadence', 'Placement extraction', 'Cells v2 quotas']);
    expect(p.split).toBe('bare topic lines + Topic: lines');
  });

  it('reads a line ending in ":" right below a title as its lead-in, not as the next title', () => {
    const text = [
      'Tuesday 20 April',
      '',
      'Greetings and project business',
      '',
      'Business in no particular order:',
      '',
      '  • The final release is on 12 May.',
      '  • The midcycles worked well.',
      '',
      'Divisive language',
      '',
      para('Divisive language'),
    ].join('\n');
    expect(titles(text)).toEqual(['Greetings and project business', 'Divisive language']);
  });

  it('paragraph blocks: a greeting, "Thoughts?", a signature or a footnote link is no topic of its own', () => {
    const long = (w: string) => `${w} was discussed at length, and the plan is written down on the etherpad for everyone to read.`;
    const text = [
      'Greetings everyone,',
      '',
      'Etherpad: https://etherpad.opendev.org/p/ironic-ptg',
      '',
      long('Networking'),
      '',
      long('Bucketing'),
      '',
      'Thoughts?',
      '',
      '- The Ironic Team',
      '',
      '[0]: https://etherpad.opendev.org/p/ironic-ptg-april-2025',
    ].join('\n');
    const p = parseSummary(text, { filename: 'document.txt', context: false });
    expect([p.split, p.topics.map((t) => t.title)]).toEqual([
      'paragraph blocks',
      ['Networking was discussed at length, and the plan…', 'Bucketing was discussed at length, and the plan…'],
    ]);
    // Their text is not lost: it reads on with the block above.
    expect(p.topics[1].body).toContain('ironic-ptg-april-2025');
    // A text of nothing but short blocks still has topics.
    expect(titles('Hi all,\n\nThanks!\n')).toEqual(['Hi all', 'Thanks']);
  });

  it('paragraph blocks: a short label line over a block titles it; parts of a long block are titled by their own first words', () => {
    const long = (w: string) => `${w} was discussed at length, and the plan is written down on the etherpad for everyone to read.`;
    const items = Array.from({ length: 14 }, (_, i) => `- Subject ${i} went well, said the room, and we keep doing it next cycle.`);
    const text = ['Hello,', '', long('Intro'), '', 'gate status:', '', long('The gate'), '', ...items].join('\n');
    const got = titles(text);
    expect(got.slice(0, 2)).toEqual(['Intro was discussed at length, and the plan…', 'gate status:']);
    // A question heading titles its block too; a short prompt to the reader does not.
    const asked = titles(['Hello,', '', long('Intro'), '', 'what went well?', '', long('Review'), '', 'Thoughts?', '', long('Reply')].join('\n'));
    expect(asked).toEqual(['Intro was discussed at length, and the plan…', 'what went well?', 'Reply was discussed at length, and the plan…']);
    expect(got.length).toBeGreaterThanOrEqual(4);
    expect(got[2]).toBe('Subject 0 went well, said the room, and…');
    expect(got[3]).toMatch(/^Subject \d+ went well/);
    expect(got[3]).not.toBe(got[2]);
  });

  it('reads "1. Karbor" over its item and then "2. Qinling" as a numbered list, not a title', () => {
    const text = [
      'Hello Everyone,',
      '',
      'Leaderless projects',
      'Four projects are still pending for leadership assignment. We discussed the next step.',
      '',
      '1. Karbor',
      '- Action item: diablo_rojo will start the retirement process.',
      '2. Qinling',
      '- Action item: gmann to start the retirement process.',
      '',
      'Victoria Retrospective:',
      'There are a couple of things the TC finished in the last cycle, listed here.',
    ].join('\n');
    const p = parseSummary(text, { filename: 'document.txt', context: false });
    expect(p.topics.map((t) => t.title)).toEqual(['Leaderless projects', 'Victoria Retrospective']);
    expect(p.topics[0].owners).toEqual(['diablo_rojo', 'gmann']);
  });

  it('a line ending a sentence in CJK punctuation is no title', () => {
    const text = [
      'OpenStackのプロジェクトチーム・ギャザリング',
      '',
      'コロラド州デンバーに400人以上の開発者が集まりました。スポンサーに感謝します。',
      '',
      'このPTGを逃してしまった方は次回の予定を抑えましょう。',
      '',
      '我々スーパーユーザーはこの会場でインタビューをして回りました。',
      '',
      'HeatのPTL:Rico Lin氏',
      '',
      '「開発者にとっては非常に役立っている思います。」',
      '',
      '彼は、直接顔を合わせた方がチームに意見を出しやすいと言います。',
    ].join('\n');
    expect(titles(text)).toEqual(['OpenStackのプロジェクトチーム・ギャザリング', 'HeatのPTL:Rico Lin氏']);
  });
});
