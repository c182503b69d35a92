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

  it('refuses a mail with nothing but its envelope: headers and a signature make no topics', () => {
    const msg = 'no summary text in nova.txt: only mail headers, quoted lines or a signature';
    expect(failure('From: a@b.org\nSubject: [nova] PTG\n\n-- \nTopic: signature\n', 'nova.txt').message).toBe(msg);
  });

  it('a mail that only quotes is read from its quote, not refused', () => {
    expect(parseSummary('> Topic: quoted\n> === also quoted ===\n-- \nTopic: signature\n', { filename: 'nova.txt' }).topics.length).toBeGreaterThan(0);
  });

  it('messages are one line', () => {
    for (const text of ['', '\u0000', 'Subject: x\n\n-- \nsig']) expect(failure(text, 'a.txt').message).not.toContain('\n');
    expect(new SummaryParseError('a\nb').message).toBe('a b');
  });
});

describe('a reply that quotes the whole summary', () => {
  const summary = [
    'Hi all, here is the summary of our PTG.',
    '',
    '#### Release cadence ####',
    'We agreed to keep the six-month cadence.',
    'AGREED: no change for the next cycle',
    '',
    '#### Stable branches ####',
    'Unmaintained branches are closed after a year.',
    '  * owner: elod',
  ];
  it('imports the quoted summary when the reply is mostly that quote', () => {
    const text = ['Thanks for this, see below.', '', 'On Mon, 3 Mar 2025, Jane wrote:', ...summary.map((l) => (l ? `>> ${l}` : '>>'))].join('\n');
    const p = parseSummary(text, { filename: 'reply.txt' });
    expect(p.topics.map((t) => t.title)).toEqual(expect.arrayContaining(['Release cadence', 'Stable branches']));
    expect(p.topics.find((t) => t.title === 'Stable branches')?.body).toContain('  * owner: elod');
  });
  it('keeps ignoring quotes when the reply says more than the quote', () => {
    const own = Array.from({ length: 6 }, (_, i) => `My own point number ${i + 1} about the gate.`);
    const text = [...own, '', ...summary.map((l) => `> ${l}`)].join('\n');
    const titles = parseSummary(text, { filename: 'reply.txt' }).topics.map((t) => t.title);
    expect(titles).not.toContain('Release cadence');
  });
});
