// Shapes shared by the PTG summary parser, the index and the search.

export type LinkKind = 'spec' | 'review' | 'bug' | 'etherpad' | 'blog' | 'other';

export interface Link {
  url: string;
  kind: LinkKind;
  /** Launchpad (or storyboard) bug number when kind is 'bug'. */
  bug?: number;
}

export type SummaryFormat = 'etherpad' | 'markdown' | 'rst' | 'html' | 'mail';

export interface Topic {
  title: string;
  /** Plain text of the topic without markup (decision lines included). */
  body: string;
  /** Titles of sub-sections and numbered items inside the topic ("Intel TDX", "1. Live-migratable flag handling ..."). */
  subtopics: string[];
  /** Agreed decisions / action items, marker stripped ("✅", "AGREED:", "AI(nick):" ...). */
  decisions: string[];
  /** People named as doing something in a decision, as written ("Gibi", "r-taketn"), de-duplicated case-insensitively. */
  owners: string[];
  /** Every URL in the topic, in order of appearance, de-duplicated. */
  links: Link[];
}

export interface ParsedSummary {
  format: SummaryFormat;
  /** Detected from the text when present ("nova"), lower case. */
  project?: string;
  /** Detected series, e.g. "2025.2 flamingo" → cycle "flamingo", release "2025.2". */
  cycle?: string;
  release?: string;
  topics: Topic[];
  /** Which rule split the text into topics: "#### headings ####", "bare topic lines", "paragraph blocks"… */
  split?: string;
}
