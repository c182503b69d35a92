// A mail from the archive whose topics are underlined reads as Markdown: its envelope is still no text.
import { describe, expect, it } from 'vitest';
import { parseSummary } from '../../../src/ptg/parse/index.ts';

describe('mail envelope in a Markdown-shaped mail', () => {
  it('leaves the subject, author and date out of the Overview; the subject still names the project', () => {
    const intro =
      'The team did not formally meet at the PTG in Shanghai, but we had virtual meetings before and after the event ' +
      'to discuss the upcoming cycle, the policy work and the retrospective of the last one.';
    const text = [
      '[keystone] PTG recap',
      '',
      'Colleen Murphy colleen at gazlene.net',
      'Mon Nov 25 21:01:46 UTC 2019',
      '',
      intro,
      '',
      'Cycle Retrospective',
      '-------------------',
      '',
      'We started with our usual end-of-cycle retrospective and decided on monthly bug squash meetings.',
      '',
      'Policy',
      '------',
      '',
      'The purpose of the policy discussion was to agree on the system scope defaults.',
    ].join('\n');
    const p = parseSummary(text, { filename: 'document.txt' });
    expect([p.format, p.project, p.topics.map((t) => t.title)]).toEqual(['markdown', 'keystone', ['Overview', 'Cycle Retrospective', 'Policy']]);
    expect(p.topics[0].body).toBe(intro);
  });
});
