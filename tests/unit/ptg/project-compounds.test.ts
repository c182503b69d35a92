// A project whose name is a common word ("glance", "ironic", "heat") counts in lower case when a
// deliverable is named after it ("glance-download", "ironic-python-agent"): that is no English.
import { describe, expect, it } from 'vitest';
import { mentions } from '../../../src/ptg/parse/project-mentions.ts';

const count = (text: string, p: string) => mentions(text).find((m) => m.p === p)?.n ?? 0;

describe('common-word project names in deliverable names', () => {
  it('"glance-download" and "ironic-python-agent" name their projects', () => {
    expect(count('We implemented the glance-download plugin and the glance-coresec group reviews it.', 'glance')).toBe(2);
    expect(count('The ironic-python-agent image grew again.', 'ironic')).toBe(1);
  });

  it('the plain lower-case word is still no mention', () => {
    expect(count('At a glance, the heat in the room was ironic.', 'glance')).toBe(0);
    expect(count('At a glance, the heat in the room was ironic.', 'heat')).toBe(0);
  });
});
