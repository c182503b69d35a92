// reStructuredText section titles, one rule for every reader (PTG summaries, release schedules):
// overline + title + underline, or title + underline, adorned with any one punctuation character.
// Levels follow the order in which adornment styles first appear, as in docutils.

/** A line of one punctuation character repeated (at least twice), trailing blanks allowed. */
const ADORNMENT = /^([!-/:-@[-`{-~])\1+[ \t]*$/;
/** ".. _label:" hyperlink target: a title may sit right below one. */
const TARGET = /^\.\.[ \t]+_/;
/** ".. " explicit markup (comments, directives, targets) is never title text. */
const EXPLICIT = /^\.\.(?:[ \t]|$)/;

export function isRstAdornment(line: string | undefined): boolean {
  return line !== undefined && line.length >= 2 && ADORNMENT.test(line);
}

export interface RstTitle {
  /** The title text, trimmed, markup left in (each reader reduces inline markup its own way). */
  title: string;
  /** "over=" for an overlined title, "under-" for an underlined one: docutils tells them apart. */
  style: string;
  /** Lines the title takes: 3 with an overline, 2 without. */
  span: number;
}

/**
 * The section title that starts at lines[i], if any. A title starts a block: the line above is
 * blank, a ".. _label:" target, or absent. Adornments are as long as the title or, as docutils accepts
 * with a warning, 4 characters or more (a title renamed upstream keeps its old underline); an overline
 * and its underline are the same line; an underlined title is not inset.
 */
export function rstTitleAt(lines: readonly string[], i: number): RstTitle | null {
  const above = i > 0 ? lines[i - 1].trimEnd() : '';
  if (above !== '' && !TARGET.test(above)) return null;
  const line = lines[i]?.trimEnd() ?? '';
  const next = lines[i + 1]?.trimEnd();
  if (isRstAdornment(line)) {
    const title = next?.trim();
    if (!title || lines[i + 2]?.trimEnd() !== line || (line.length < title.length && line.length < 4)) return null;
    return { title, style: `over${line[0]}`, span: 3 };
  }
  if (!line.trim() || /^\s/.test(line) || EXPLICIT.test(line)) return null;
  if (!isRstAdornment(next) || (next!.length < line.length && next!.length < 4)) return null;
  return { title: line, style: `under${next![0]}`, span: 2 };
}
