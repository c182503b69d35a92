// Heading levels by order of first appearance of a style, as reStructuredText (docutils) assigns
// them: for formats whose adornment says nothing about depth by itself.

/** Levels by first appearance of each style, 1 for the first: deeper styles get larger numbers. */
export class StyleLevels {
  private readonly seen = new Map<string, number>();
  level(style: string): number {
    let l = this.seen.get(style);
    if (l === undefined) {
      l = this.seen.size + 1;
      this.seen.set(style, l);
    }
    return l;
  }
}
