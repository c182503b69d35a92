// A day's heading over sections ("Cross Project Days (Monday / Tuesday)", "Day 2") groups that
// day's topics even when it has a few lines of its own: its sections are the topics.
import { describe, expect, it } from 'vitest';
import { parseSummary } from '../../../src/ptg/parse/index.ts';

const para = (what: string) => `We spent an hour on ${what} and agreed on a plan for the cycle.\n`;

const rst = [
  'Cross Project Days (Monday / Tuesday)',
  '=====================================',
  '',
  'These days are where the major value of the PTG is.',
  '',
  'Unified limits',
  '--------------',
  '',
  para('quota data in keystone'),
  'Edge computing',
  '--------------',
  '',
  para('the edge working group'),
  'Designate Sessions',
  '==================',
  '',
  para('DNSSEC and shared zones'),
].join('\n');

describe('day headings group their sections', () => {
  it('the sections under a day heading with a line of its own are topics', () => {
    const titles = parseSummary(rst, { filename: 'summary.rst' }).topics.map((t) => t.title);
    expect(titles).toEqual(expect.arrayContaining(['Unified limits', 'Edge computing', 'Designate Sessions']));
  });

  it('a heading that names no day keeps its short sections as one topic', () => {
    const titles = parseSummary(rst.replace('Cross Project Days (Monday / Tuesday)', 'Cross Project Discussions of the Week'), {
      filename: 'summary.rst',
    }).topics.map((t) => t.title);
    expect(titles).not.toContain('Unified limits');
  });
});
