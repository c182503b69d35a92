// A numbered topic line may be a question ("2. What's up with Glance docs?"): it is a title like
// "1. Short topics". A numbered sentence ("1. We agreed to retire it.") is still not.
import { describe, expect, it } from 'vitest';
import { parseSummary } from '../../../src/ptg/parse/index.ts';
import { markedTitle } from '../../../src/ptg/parse/segment.ts';

const body = 'The team met and went through it in some detail, and agreed on what to do next with owners.\n'.repeat(3);

describe('numbered titles that ask a question', () => {
  it('a numbered question is a numbered title; a numbered sentence is not', () => {
    expect(markedTitle("2. What's up with Glance docs?")).toEqual({ title: "2. What's up with Glance docs?", kind: 'numbered' });
    expect(markedTitle('1. We agreed to retire it.')).toBeUndefined();
  });

  it('splits a mail at it', () => {
    const mail = `Hi all, here is Wednesday.\n\n1. Short topics\n${body}\n2. What's up with Glance docs?\n${body}\n3. Pike Community Goals\n${body}`;
    const titles = parseSummary(mail, { filename: 'glance.eml' }).topics.map((t) => t.title);
    expect(titles).toEqual(['1. Short topics', "2. What's up with Glance docs?", '3. Pike Community Goals']);
  });
});
