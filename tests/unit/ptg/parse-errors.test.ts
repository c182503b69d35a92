// Input the parser must refuse, with a one-line message a user can act on.
import { describe, expect, it } from 'vitest';
import { parseSummary, SummaryParseError } from '../../../src/ptg/parse/index.ts';

const failure = (text: string, filename?: string): SummaryParseError => {
  try {
    parseSummary(text, { filename });
  } catch (err) {
    if (err instanceof SummaryParseError) return err;
    throw err;
  }
  throw new Error('parseSummary did not throw');
};

describe('parseSummary errors', () => {
  it('refuses empty and whitespace-only text', () => {
    expect(failure('', 'nova.txt').message).toBe('nova.txt is empty: expected the text of a PTG summary');
    expect(failure(' \n\t\r\n ', 'docs/nova.md').message).toBe('nova.md is empty: expected the text of a PTG summary');
  });

  it('refuses binary content: NUL bytes or more than 10% control / replacement characters', () => {
    const msg = 'x.bin looks like a binary file, not text: expected a plain-text, Markdown, reStructuredText or HTML PTG summary';
    expect(failure('#### Topic ####\nok\u0000', 'x.bin').message).toBe(msg);
    expect(failure(`#### A ####\n${'\ufffd'.repeat(5)}`, 'x.bin').message).toBe(msg);
    expect(failure(`#### A ####\n${'\u0007\u001b'.repeat(3)}`, 'x.bin').message).toBe(msg);
    // A few stray characters in a long text are tolerated.
    expect(() => parseSummary(`#### A ####\n${'text '.repeat(40)}\ufffd\u0007`)).not.toThrow();
  });

  it('never refuses a text with prose in it: no headings means paragraph blocks', () => {
    const p = parseSummary('Hello everyone,\n\nThe PTG went well.\n\nBest regards,\nRené\n', { filename: 'nova.txt' });
    expect([p.split, p.topics.map((t) => t.title)]).toEqual(['paragraph blocks', ['Hello everyone', 'The PTG went well', 'Best regards']]);
    expect(parseSummary('Nothing here').topics.map((t) => t.title)).toEqual(['Nothing here']);
    const html = parseSummary('<html><body><p>Hello</p><p>No headings here</p><div>x</div></body></html>', { filename: 'page.html' });
    expect(html.topics.length).toBeGreaterThan(0);
  });

  it('refuses a mail with nothing but its envelope: quotes and signature make no topics', () => {
    const msg = 'no summary text in nova.txt: only mail headers, quoted lines or a signature';
    expect(failure('> Topic: quoted\n> === also quoted ===\n-- \nTopic: signature\n', 'nova.txt').message).toBe(msg);
  });

  it('messages are one line', () => {
    for (const text of ['', '\u0000', '> quoted\n-- \nsig']) expect(failure(text, 'a.txt').message).not.toContain('\n');
    expect(new SummaryParseError('a\nb').message).toBe('a b');
  });
});
