// The common shape every format parser produces, so extraction code never sees markup.

/** One heading and the plain-text lines under it (up to the next heading of any level). */
export interface Section {
  title: string;
  /** Bigger = deeper. Only the relative order matters (md/html use 1-6, rst/plain use order of appearance). */
  level: number;
  /** Plain text, one entry per line; '' marks a paragraph break. */
  lines: string[];
}

export interface Outline {
  /** Text before the first heading (mail greeting, front matter title): never a topic, but used for project/cycle detection. */
  preamble: string[];
  sections: Section[];
  /** Mail subject, page title: used for project/cycle detection, never a topic nor an Overview. */
  meta?: string[];
  /** Which rule split the text ("Markdown headings", "bare topic lines"), for the import report. */
  rule?: string;
}

export { StyleLevels } from '../../markup/levels.ts';

/** Builds an Outline line by line: lines before the first heading go to the preamble. */
export class OutlineBuilder {
  readonly outline: Outline = { preamble: [], sections: [] };
  private current: string[] = this.outline.preamble;

  heading(title: string, level: number): void {
    const clean = cleanTitle(title);
    if (!clean) return; // "<h2></h2>", "##": nothing to name a topic by
    const section: Section = { title: clean, level, lines: [] };
    this.outline.sections.push(section);
    this.current = section.lines;
  }

  line(text: string): void {
    this.current.push(text);
  }

  /** Paragraph break, never doubled. */
  blank(): void {
    if (this.current.length && this.current[this.current.length - 1] !== '') this.current.push('');
  }
}

/** Titles are one line of plain text: collapse whitespace, drop decorations left by markup. */
export function cleanTitle(title: string): string {
  return title
    .replace(/[\u00b6]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
