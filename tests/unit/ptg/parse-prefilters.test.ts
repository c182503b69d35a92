// The parser skips its regexes on lines they cannot match (by first character or a substring):
// lines right at those edges must still be read as before.
import { describe, expect, it } from 'vitest';
import { extractDecisions } from '../../../src/ptg/parse/decisions.ts';
import { detectFormat, parseSummary } from '../../../src/ptg/parse/index.ts';
import { extractOwners } from '../../../src/ptg/parse/owners.ts';

const texts = (...lines: string[]) => extractDecisions(lines).map((d) => d.text);

describe('prefilters', () => {
  it('finds markers in any case, and cleans only what needs it', () => {
    expect(texts('decision: use it', 'ai: gibi to check', 'ar(bob): ping', '#action sean send', 'action items:', '- one', 'Agreed: x')).toEqual([
      'use it',
      'gibi to check',
      'ping',
      'sean send',
      'one',
      'x',
    ]);
    expect(texts('✅  Two  spaces', '✅ One\ttab', '✅ already clean')).toEqual(['Two spaces', 'One tab', 'already clean']);
    expect(texts('Dear all: agreed: not a marker', 'Background: no')).toEqual([]);
  });

  it('counts plain headings in either case, bold and roles anywhere, when detecting the format', () => {
    expect(detectFormat('Topic: One\ntext\nTopic: Two\ntext\nsome **bold** words\n')).toBe('mail');
    expect(detectFormat('topic: one\ntext\ntopic 2: two\ntext\nsome **bold** words\n')).toBe('mail');
    expect(detectFormat('#### A ####\ntext **bold** here\n#### B ####\n')).toBe('markdown');
    expect(detectFormat('Notes\nsee the :ref:`guide` role\n')).toBe('rst');
  });

  it('reads mail structure after prose lines', () => {
    const mail = ['Topic: One', 'text', '*** Two ***', 'more', '+++', 'after', 'On Mon, Bob wrote:', '> quoted', 'Topic: Three', 'x', '-- ', 'sig'];
    const parsed = parseSummary(mail.join('\n'), { filename: 'notes.eml' });
    expect(parsed.topics.map((t) => [t.title, t.body, t.subtopics])).toEqual([
      ['One', 'text\n\nTwo\nmore\n\nafter', ['Two']],
      ['Three', 'x', []],
    ]);
  });

  it('still finds owners behind every verb', () => {
    const owners = (line: string) => extractOwners(extractDecisions([line]));
    for (const verb of [
      'will',
      'to fix',
      'volunteers',
      'may',
      'can',
      'is happy to',
      'agreed to',
      'offered to',
      'plans to',
      'promised to',
      'is working on',
      'takes',
      'took',
      'owns',
      'leads',
      'also will',
    ]) {
      expect([verb, owners(`✅ Gibi ${verb} it.`)]).toEqual([verb, ['Gibi']]);
    }
    expect(owners('✅ Gibi’ll do it.')).toEqual([]);
  });
});
