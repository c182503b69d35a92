// Turns search hits into short chat pages: a page is at most three lines, the first page answers,
// `!ptg more` shows the next. Neutral RichLines only; transports render them.
import { command, rich } from '../core/rich.ts';
import type { RichLine } from '../core/types.ts';
import { truncate } from '../core/text.ts';
import type { Hit, SearchResult } from './search.ts';
import type { Link, LinkKind } from './types.ts';
import { words } from './words.ts';
import { personNames } from './lexicon.ts';

export type Page = RichLine[];

const LINE_CHARS = 300;
const LINK_ORDER: LinkKind[] = ['spec', 'review', 'bug', 'blog', 'etherpad', 'other'];

export function bestLink(links: Link[]): Link | undefined {
  return [...links].sort((a, b) => LINK_ORDER.indexOf(a.kind) - LINK_ORDER.indexOf(b.kind))[0];
}

function where(hit: Hit): string {
  const place = [hit.project, hit.release, hit.cycle].filter(Boolean).join(' ');
  return hit.team ? `${hit.team} team: ${place}` : place;
}

/** Decisions joined as "✅ a ✅ b" until the budget runs out; returns what did not fit. */
function packDecisions(decisions: string[], budget: number): { text: string; rest: string[] } {
  const parts: string[] = [];
  let used = 0;
  let i = 0;
  for (; i < decisions.length; i++) {
    const piece = `✅ ${decisions[i]}`;
    if (used + piece.length > budget) {
      if (parts.length === 0) {
        parts.push(truncate(piece, budget));
        i++;
      }
      break;
    }
    parts.push(piece);
    used += piece.length + 1;
  }
  return { text: parts.join(' '), rest: decisions.slice(i) };
}

/** The first sentence of the first real line; reads only as far as that line (bodies run to kBs, and every hit needs one). */
export function firstSentence(body: string): string {
  let line: string | undefined;
  for (let start = 0; start < body.length && line === undefined;) {
    const end = body.indexOf('\n', start);
    const candidate = body.slice(start, end < 0 ? body.length : end).trim();
    if (candidate.length > 20) line = candidate;
    start = end < 0 ? body.length : end + 1;
  }
  return sentenceHead(line ?? body.trim());
}

/**
 * What .replace(/^(.{20,}?[.!?])\s.*$/, '$1') gave, without its retries: with a line break late in
 * the text, the failing '.*$' was retried at every sentence end (quadratic). '.' stops at a break and
 * '.*$' must not meet one, so the sentence end is the first one at or past index 20 whose blank is at
 * or after the last break, and before the first.
 */
function sentenceHead(text: string): string {
  let first = -1;
  let last = -1;
  for (const m of text.matchAll(/[\n\r\u2028\u2029]/g)) {
    if (first < 0) first = m.index;
    last = m.index;
  }
  const end = /[.!?]\s/g;
  end.lastIndex = Math.max(20, last - 1);
  const m = end.exec(text);
  return m && (first < 0 || m.index < first) ? text.slice(0, m.index + 1) : text;
}

/** The pages for one hit: the answer line (+ one more line of decisions), then the rest. */
export function hitPages(hit: Hit, permalink?: (hit: Hit) => string): Page[] {
  const link = bestLink(hit.links);
  const head: RichLine = [{ bold: `[${where(hit)}]` }, ' ', { bold: hit.topic }, ' — '];
  const packed = packDecisions(hit.decisions, LINE_CHARS - hit.topic.length - 40);
  const summary = packed.text || truncate(firstSentence(hit.body), 200);
  head.push(summary);
  if (hit.owners.length) head.push(` (owners: ${hit.owners.join(', ')})`);
  if (link && !summary.includes(link.url)) head.push(' ', { link: link.url });
  // web.baseUrl set: the answer ends with the topic's page on the web site.
  if (permalink) head.push(' ', { link: permalink(hit) });
  const first: Page = [head];
  let rest = packed.rest;
  if (rest.length) {
    const more = packDecisions(rest, LINE_CHARS);
    first.push([more.text + (more.rest.length ? ` (+${more.rest.length} more)` : '')]);
    rest = more.rest;
  }
  const pages: Page[] = [first];
  const otherLinks = hit.links.filter((l) => l !== link);
  while (rest.length) {
    const page: Page = [];
    while (rest.length && page.length < 3) {
      const more = packDecisions(rest, LINE_CHARS);
      page.push([more.text]);
      rest = more.rest;
    }
    pages.push([[{ bold: `${hit.topic} (cont.)` }], ...page].slice(0, 3));
  }
  if (otherLinks.length) {
    const line: RichLine = [{ bold: `${hit.topic} links:` }];
    for (const l of otherLinks.slice(0, 4)) line.push(` ${l.kind}${l.bug ? ` #${l.bug}` : ''} `, { link: l.url });
    pages.push([line]);
  }
  return pages;
}

/** A hint line naming the next best topics. */
function hintLine(others: Hit[]): RichLine | null {
  if (others.length === 0) return null;
  const names = others.slice(0, 3).map((h) => `"${truncate(h.topic, 50)}" (${h.project} ${h.cycle})`);
  return rich`also: ${names.join(', ')} — ${command('ptg more')}`;
}

/** A person asked about: what they own first, then where they are named. */
function personPage(name: string, hits: Hit[]): Page | null {
  const names = new Set((personNames(name) ?? [name]).map((n) => words(n).join(' ')));
  const isThem = (owner: string) => names.has(words(owner).join(' '));
  const isOwner = (h: Hit) => h.owners.some(isThem);
  const owned = hits.filter(isOwner);
  if (owned.length === 0) return null;
  const named = hits.filter((h) => !isOwner(h));
  const display = owned[0].owners.find(isThem) ?? name;
  const line: RichLine = [{ bold: display }, ` owns decisions in ${owned.length} topic${owned.length > 1 ? 's' : ''}: `];
  line.push(owned.map((h) => `${h.topic} (${h.project} ${h.cycle})`).join('; '));
  const page: Page = [line];
  if (named.length) page.push([`also named in: ${named.map((h) => h.topic).join('; ')}`]);
  return page;
}

export interface Answer {
  /** The page shown now. */
  first: Page;
  /** The pages after it, built when first asked for: most answers never get a "!ptg more". */
  rest: () => Page[];
}

/**
 * The answer to a search result: the first page now, the rest on demand. hasCycle tells whether a
 * summary of a cycle is imported, so "nothing found" can say that the cycle asked about is missing.
 */
export function answerPages(
  result: SearchResult,
  documentsNote: () => string,
  hasCycle: (cycle: string) => boolean = () => true,
  permalink?: (hit: Hit) => string,
): Answer {
  const { hits } = result;
  if (hits.length === 0) {
    const missing = result.analysis.cycles.filter((c) => !hasCycle(c));
    const { absent } = result.analysis;
    const why = missing.length
      ? `: no ${missing.map((c) => c[0].toUpperCase() + c.slice(1)).join(' or ')} summary among`
      : absent.length
        ? `: no mention of ${absent.join(' or ')} in`
        : ' in';
    return {
      first: [
        rich`nothing found for "${truncate(result.query.trim(), 80)}"${why} ${documentsNote()}. Try other words, or ${command('ptg topics')} to list them.`,
      ],
      rest: () => [],
    };
  }
  const terms = result.analysis.terms;
  // A one-word query naming someone who owns decisions gets the "what does X own" page first.
  const person = terms.length === 1 ? personPage(terms[0].text, hits) : null;
  if (person) return { first: person, rest: () => hits.flatMap((hit) => hitPages(hit, permalink)) };
  const [first, ...rest] = hitPages(hits[0], permalink);
  const hint = hintLine(hits.slice(1));
  return {
    first: hint ? [...first.slice(0, 2), hint] : first,
    rest: () => [...rest, ...hits.slice(1).flatMap((hit) => hitPages(hit, permalink))],
  };
}
