// The one error the parser throws for bad input; its message is shown to users as is.

export class SummaryParseError extends Error {
  constructor(message: string) {
    // One line, always: callers print it without a stack.
    // (?<!\s): a blank run is tried once from its start, not again from each of its blanks.
    super(message.replace(/(?<!\s)\s*\n\s*/g, ' '));
    this.name = 'SummaryParseError';
  }
}

/** Rejects input no format could make sense of, before any parsing work. */
export function assertUsableText(text: string, name: string): void {
  if (text.trim() === '') {
    throw new SummaryParseError(`${name} is empty: expected the text of a PTG summary`);
  }
  if (looksBinary(text)) {
    throw new SummaryParseError(`${name} looks like a binary file, not text: expected a plain-text, Markdown, reStructuredText or HTML PTG summary`);
  }
}

// NUL never appears in text; a decoded binary shows up as many U+FFFD and control characters.
export function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const bad = text.match(/[\u0001-\u0008\u000b\u000e-\u001f\u007f\ufffd]/g)?.length ?? 0;
  return bad > text.length * 0.1;
}
