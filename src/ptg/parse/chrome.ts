// Page chrome a blog or wiki page leaves in its text after the post: the comment widget ("Comments"
// over "Comments powered by Disqus"), share and like buttons, links to related posts. A heading
// of that name over a few words is no topic: nobody asks a summary about its comment box.
import type { Topic } from '../types.ts';

const CHROME_TITLE =
  /^(?:\d{1,4} )?(?:comments?|responses?|replies|leave a (?:reply|comment)|post a comment|share(?: this(?: post)?)?|like this|related(?: posts| articles)?|post navigation|about the author)[:.!]?$/i;
/** Chrome is a few words; a "Comments" section of real text (a review's comments) stays. */
const CHROME_CHARS = 300;

export function isPageChrome(t: Pick<Topic, 'title' | 'body' | 'decisions'>): boolean {
  return t.title.length <= 40 && CHROME_TITLE.test(t.title.trim()) && t.body.length < CHROME_CHARS && t.decisions.length === 0;
}
