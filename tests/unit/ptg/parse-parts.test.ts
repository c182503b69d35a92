// Long flat sections split into parts (src/ptg/parse/parts.ts): the shapes are an etherpad
// retrospective whose "What went well" list is most of the text, a one-paragraph forum report
// whose line breaks were lost, and a "Discussion:" / "Action Items:" block.
import { describe, expect, it } from 'vitest';
import { parseSummary } from '../../../src/ptg/parse/index.ts';
import { sentences, splitParts } from '../../../src/ptg/parse/parts.ts';

const item = (i: number) => `  * Item ${i}: the team finished the work on subject number ${i} and wrote the docs for it`;

describe('long flat sections split into parts', () => {
  it('a retrospective list holding most of the summary splits at bullets, each part under the same title', () => {
    const text = [
      '*Queens Retrospective: Rocky PTG Summary',
      '',
      '*Key topics',
      '',
      '  * What went well',
      ...Array.from({ length: 14 }, (_, i) => '  ' + item(i + 1)),
      '  * What needs to improve',
      '    * Reviews take too long to land for new contributors',
      '    * Specs are approved late in the cycle',
    ].join('\n');
    const p = parseSummary(text, { filename: 'retro.txt' });
    const well = p.topics.filter((t) => t.title === 'What went well');
    expect(well.length).toBeGreaterThanOrEqual(2);
    // Every item is in exactly one part, whole, in order.
    const joined = well.map((t) => t.body).join('\n');
    for (let i = 1; i <= 14; i++) expect(joined.split(`subject number ${i} `).length).toBe(2);
    for (const t of well) expect(t.body.length).toBeLessThan(0.5 * text.length);
    expect(p.topics.map((t) => t.title)).toContain('What needs to improve');
  });

  it('a paragraph that lost its line breaks is cut at sentence ends', () => {
    const s = (i: number) => `Speaker ${i} reported on the subject number ${i} and the room agreed on the follow-up for it.`;
    const body = Array.from({ length: 16 }, (_, i) => s(i + 1)).join(' ');
    const parts = splitParts({ title: 'Forum', level: 1, lines: [body] }, body.length + 100);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(parts.every((p) => p.title === 'Forum')).toBe(true);
    expect(parts.map((p) => p.lines.join(' ')).join(' ')).toBe(body);
  });

  it('a part that starts inside an "Action Items:" list repeats the label, so its items stay decisions', () => {
    const lines = [
      'Discussion:',
      ...Array.from({ length: 3 }, (_, i) => `- Point ${i} about the governance documents and how the team keeps them current.`),
      'Action Items:',
      ...Array.from({ length: 12 }, (_, i) => `- Update section ${i} of the Project Team Guide with the new text.`),
    ];
    const text = ['== Topic: TC Retrospective ==', ...lines, '== Topic: Goals ==', 'We reviewed the goals.'].join('\n');
    const p = parseSummary(text, { filename: 'tc.txt' });
    const retro = p.topics.filter((t) => t.title.includes('TC Retrospective'));
    expect(retro.length).toBeGreaterThanOrEqual(2);
    expect(retro.flatMap((t) => t.decisions)).toHaveLength(12);
  });

  it('a short section, or one that is a small share of the summary, stays whole', () => {
    const short = { title: 'A', level: 1, lines: [item(1), item(2)] };
    expect(splitParts(short, 200)).toEqual([short]);
    const long = { title: 'B', level: 1, lines: Array.from({ length: 12 }, (_, i) => item(i)) };
    expect(splitParts(long, 10 * 1200)).toEqual([long]);
  });

  it('sentences: cut only before a capital or digit, never inside "e.g. foo"', () => {
    expect(sentences('We use the flag, e.g. the option named foo in the config file. Then we go home and rest.')).toEqual([
      'We use the flag, e.g. the option named foo in the config file.',
      'Then we go home and rest.',
    ]);
  });
});
