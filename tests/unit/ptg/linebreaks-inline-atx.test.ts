// A mail whose line breaks were lost keeps its Markdown "# Topic" lines inline: the title runs
// into the first sentence of its text ("… this cycle. # Property protection Access to …").
import { describe, expect, it } from 'vitest';
import { restoreLineBreaks } from '../../../src/ptg/parse/formats/plain.ts';
import { parseSummary } from '../../../src/ptg/parse/index.ts';

const filler = 'We talked about it for a while and most people in the room agreed with the plan that came out of it. ';

describe('inline "# Title" markers in a one-line copy', () => {
  const text =
    'Hi team, we had our virtual PTG last week and here are the topics we are going to target this cycle. ' +
    `# Property protection Access to extra properties may be restricted to some users. ${filler.repeat(2)}` +
    `Recording: https://example.org/rec1?usp=s... # Periodic job for cache-cleaner and cache-pruner At the moment we have command line utilities. ${filler.repeat(2)}` +
    `# New API to list cached images on all nodes As we now have a central database we can list them. ${filler.repeat(2)}`;

  it('puts each marker back on a line of its own, the title ending where the next sentence starts', () => {
    const lines = restoreLineBreaks(text).split('\n');
    expect(lines).toContain('# Property protection');
    expect(lines).toContain('# Periodic job for cache-cleaner and cache-pruner');
    expect(lines).toContain('# New API to list cached images on all nodes');
  });

  it('splits the summary at those titles', () => {
    const titles = parseSummary(text).topics.map((t) => t.title);
    expect(titles).toEqual(
      expect.arrayContaining(['Property protection', 'Periodic job for cache-cleaner and cache-pruner', 'New API to list cached images on all nodes']),
    );
  });

  it('a marker right after a title is a title too: "# General ## We agreed to retire kolla-cli."', () => {
    const nested = `${filler.repeat(6)}Here is the summary. # General ## We agreed to retire kolla-cli (deprecated long ago). ## We discussed new services: Skyline and Venus were proposed. ${filler}`;
    const lines = restoreLineBreaks(nested).split('\n');
    expect(lines).toContain('# General');
    expect(lines).toContain('## We agreed to retire kolla-cli (deprecated long ago).');
    expect(lines).toContain('## We discussed new services:');
  });

  it('leaves a marker alone when no sentence follows within a title’s length, or mid-sentence', () => {
    const prose = `${filler.repeat(6)}See issue # Five Hundred And Twelve For Details On The Whole Long Matter Of Things Here. ${filler}`;
    expect(restoreLineBreaks(prose)).toBe(prose);
    const midSentence = `${filler.repeat(6)}the count was # Seven of the items we reviewed ${filler}`;
    expect(restoreLineBreaks(midSentence)).toBe(midSentence);
  });

  it('closes a parenthesis the title opens: "## Ability to run CI jobs locally (without Zuul, but …) This depends …"', () => {
    const line = `${filler.repeat(6)}# General topics ## Ability to run CI jobs locally (without Zuul, but possibly with Ansible) This depends on a Zuul feature called Zuul Runner. ${filler}`;
    expect(restoreLineBreaks(line).split('\n')).toContain('## Ability to run CI jobs locally (without Zuul, but possibly with Ansible)');
  });

  it('a capitalised article or pronoun starts the text after a sentence-case title', () => {
    const line = `${filler.repeat(6)}Here is the summary. # Victoria cycle retrospective The Ubuntu Focal migration went smoothly. ## Future of Kolla Klub and Kall The Kolla Klub started well. ${filler}`;
    const lines = restoreLineBreaks(line).split('\n');
    expect(lines).toContain('# Victoria cycle retrospective');
    expect(lines).toContain('## Future of Kolla Klub and Kall');
    // Capitalised word by word, "The" may be the title's own: the sentence rule still ends it.
    const titleCase = `${filler.repeat(6)}Here is the summary. # Moving To The Cloud Faster We agreed to try. ${filler}`;
    expect(restoreLineBreaks(titleCase).split('\n')).toContain('# Moving To The Cloud Faster');
  });

  it('a short label ending in a colon after the title starts its text: "### … cycle Good things: * …"', () => {
    const line = `${filler.repeat(6)}Etherpad is linked. ## Day 1 (Monday) ### Retrospective of the Wallaby cycle Good things: * we accomplished our goals, * stable team. ${filler}`;
    const lines = restoreLineBreaks(line).split('\n');
    expect(lines).toContain('### Retrospective of the Wallaby cycle');
    expect(lines.some((l) => l.startsWith('Good things:'))).toBe(true);
  });
});
