// Parts of one long section keep its title ("Zed Retrospective" twice): when they score alike and
// match alike, the section's opening part answers first; a part that scores clearly better, or
// whose own text says more of the query, keeps its place. Sections under one heading (same first subtopic) alike.
import { describe, expect, it } from 'vitest';
import { partsInOrder, type Hit } from '../../../src/ptg/search.ts';

function hit(document: string, topic: string, position: number, score: number, inBody = 0, subtopics: string[] = []): { hit: Hit; inBody: number } {
  return {
    hit: {
      document,
      project: 'glance',
      cycle: 'antelope',
      release: null,
      topic,
      score,
      decisions: [],
      owners: [],
      links: [],
      subtopics,
      body: '',
      topicId: position,
      position,
    },
    inBody,
  };
}

const order = (found: { hit: Hit; inBody: number }[]) => partsInOrder(found).map((f) => `${f.hit.document}#${f.hit.position}`);

describe('parts of one section in the results', () => {
  it('near-tied parts that match alike come in the section’s order', () => {
    expect(order([hit('g', 'Zed Retrospective', 2, 0.98), hit('g', 'Zed Retrospective', 1, 0.977)])).toEqual(['g#1', 'g#2']);
    expect(order([hit('m', 'Meetings', 3, 1.01), hit('m', 'Meetings', 1, 1.003), hit('m', 'Meetings', 2, 0.999)])).toEqual(['m#1', 'm#2', 'm#3']);
  });

  it('a part that scores clearly better, says more of the query, or is another title or document keeps its place', () => {
    expect(order([hit('r', 'Release process changes', 2, 0.736), hit('r', 'Release process changes', 1, 0.63)])).toEqual(['r#2', 'r#1']);
    expect(order([hit('i', 'From our retrospective', 2, 0.98, 1), hit('i', 'From our retrospective', 1, 0.977, 0)])).toEqual(['i#2', 'i#1']);
    expect(order([hit('g', 'Zed Retrospective', 2, 0.98), hit('g', 'Distributed responsibilities', 1, 0.977)])).toEqual(['g#2', 'g#1']);
    expect(order([hit('a', 'Retrospective', 2, 0.98), hit('b', 'Retrospective', 1, 0.977)])).toEqual(['a#2', 'b#1']);
  });

  it('so do sections under one heading (their first subtopic), matched alike', () => {
    const retro = ['Queens retrospective'];
    expect(order([hit('n', 'What needs to improve', 2, 0.749, 0, retro), hit('n', 'What went well', 0, 0.741, 0, retro)])).toEqual(['n#0', 'n#2']);
    // Under different headings, or none: each keeps its place.
    expect(order([hit('n', 'What needs to improve', 2, 0.749, 0, ['Pike']), hit('n', 'What went well', 0, 0.741, 0, retro)])).toEqual(['n#2', 'n#0']);
    expect(order([hit('n', 'What needs to improve', 2, 0.749), hit('n', 'What went well', 0, 0.741)])).toEqual(['n#2', 'n#0']);
  });
});
