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

  const good = Array.from({ length: 6 }, (_, i) => `The session number ${i} went smoothly and everyone knew where the etherpad was`);
  const bad = Array.from({ length: 5 }, (_, i) => `Too many blueprints were approved in round ${i} compared to the review bandwidth`);
  const act = ['Limit approved blueprints to what cores can review', 'Start the docs with the spec, not after the code merged'];
  const list = (xs: string[]) => xs.map((x) => `- ${x}`).join('\n');

  it('a long retrospective under one heading splits at its own labels, each part titled by its label', () => {
    const md = [
      '# Foo Zed PTG summary',
      '## Retrospective',
      `**What went well**\n\n${list(good)}`,
      `**What needs improvement**\n\n${list(bad)}`,
      `Action items:\n${list(act)}`,
      '## Release schedule',
      'We will release every two weeks from milestone 1 on, the libraries first.',
    ].join('\n\n');
    const p = parseSummary(md, { filename: 'retro.md' });
    expect(p.topics.map((t) => t.title)).toEqual([
      'Retrospective: What went well',
      'Retrospective: What needs improvement',
      'Retrospective: Action items',
      'Release schedule',
    ]);
    expect(p.topics[0].body).toContain('session number 5');
    expect(p.topics[1].body).toContain('round 4');
    expect(p.topics[2].decisions).toHaveLength(2);
  });

  it('a numbered mail topic that is a long retrospective splits at its "Label:" lines', () => {
    const mail = [
      'Hi all, here are the notes.',
      `1. Retrospective\n\nWhat went well:\n${list(good)}\n\nWhat needs improvement:\n${list(bad)}`,
      '2. Release cadence\n\nWe will release every two weeks from milestone 1 on, the libraries first.',
    ].join('\n\n');
    const p = parseSummary(mail, { filename: 'retro.txt' });
    expect(p.topics.map((t) => t.title)).toEqual(['1. Retrospective: What went well', '1. Retrospective: What needs improvement', '2. Release cadence']);
  });

  it('a part that starts inside a list below "Action Items:" and a blank line repeats the label too', () => {
    const lines = [
      'As seems to be the norm with retrospectives, we did bring up a number of issues that slowed us down.',
      '',
      'Action Items:',
      '',
      ...Array.from({ length: 12 }, (_, i) => `* Person${i} will update section ${i} of the Project Team Guide with the new text.`),
    ];
    const text = ['From our retrospective', '', ...lines, '', 'Goals', '', 'We reviewed the goals.'].join('\n');
    const p = parseSummary(text, { filename: 'mail.txt' });
    const retro = p.topics.filter((t) => t.title === 'From our retrospective');
    expect(retro.length).toBeGreaterThanOrEqual(2);
    expect(retro.flatMap((t) => t.decisions)).toHaveLength(12);
  });

  it('a part that starts inside a list repeats the sentence leading in to it', () => {
    const lead = "For the benefit of people who haven't attended, this is the way the cinder team works at the PTG:";
    const lines = ['', lead, '', ...Array.from({ length: 14 }, (_, i) => `  • rule number ${i} of the sessions, which everyone present follows`)];
    const parts = splitParts({ title: 'Greetings', level: 1, lines }, 1200);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const p of parts) expect(p.lines.find((l) => l.trim())).toBe(lead);
    expect(parts.map((p) => p.title)).toEqual(parts.map(() => 'Greetings'));
  });

  it('a label every topic has ("Discussion:") is a template, not a part title', () => {
    const topic = (name: string, n: number) => [
      `== Topic: ${name} ==`,
      'Discussion:',
      ...Array.from({ length: n }, (_, i) => `- Point ${i} about the governance documents and how the team keeps them current.`),
      'Action Items:',
      ...Array.from({ length: n }, (_, i) => `- Update section ${i} of the Project Team Guide with the new text.`),
    ];
    const p = parseSummary([...topic('TC Retrospective', 8), ...topic('Goals', 1)].join('\n'), { filename: 'tc.txt' });
    const titles = p.topics.map((t) => t.title);
    expect(titles.filter((t) => t.includes('TC Retrospective')).length).toBeGreaterThanOrEqual(2);
    expect(titles.some((t) => /Discussion|Action Items/.test(t))).toBe(false);
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
