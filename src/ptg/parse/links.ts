// Links: every http(s) URL in a topic's text, cleaned, de-duplicated and classified.
// A bare Launchpad bug reference ("bug #2098892", "LP#2098892") is also a link: it names a bug
// as precisely as a URL does, so it becomes https://bugs.launchpad.net/bugs/N (kind 'bug').
import type { Link, LinkKind } from '../types.ts';

const URL_RE = /https?:\/\/[^\s<>"'`{}|\\^\u00a0\u201c\u201d\u2018\u2019]+/gi;
// Was \s*:?\s*: with no ':' the two blank runs split one run every way (quadratic). Same language.
const BUG_MENTION = /\b(?:bug|lp)\s*(?::\s*)?#\s*(\d{4,8})\b/gi;

export function extractLinks(text: string): Link[] {
  const found: { at: number; url: string; mention: boolean }[] = [];
  for (const m of text.matchAll(URL_RE)) found.push({ at: m.index, url: trimUrl(m[0]), mention: false });
  for (const m of text.matchAll(BUG_MENTION)) found.push({ at: m.index, url: `https://bugs.launchpad.net/bugs/${m[1]}`, mention: true });
  found.sort((a, b) => a.at - b.at);

  // Each URL is parsed and classified once (URL parsing is the costly part).
  const classified = new Map<string, Link>();
  const classify = (url: string) => classified.get(url) ?? classified.set(url, classifyLink(url)).get(url)!;
  // "bug #N" next to the bug's own URL is the same bug, not a second link.
  const urlBugs = new Set(found.filter((f) => !f.mention).map((f) => classify(f.url).bug));
  const links: Link[] = [];
  for (const { url, mention } of found) {
    if (!/^https?:\/\/[^/]+\.[^/]+/i.test(url) || links.some((l) => l.url === url)) continue;
    const link = classify(url);
    if (mention && urlBugs.has(link.bug)) continue;
    links.push(link);
  }
  return links;
}

/** Drops punctuation that ends the sentence rather than the URL; ")" only when unbalanced. */
export function trimUrl(raw: string): string {
  let url = raw;
  for (;;) {
    const last = url[url.length - 1];
    if (/[.,;:!?'"*>\]…]/.test(last)) url = url.slice(0, -1);
    else if (last === ')' && count(url, '(') < count(url, ')')) url = url.slice(0, -1);
    else return url;
  }
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

export function classifyLink(url: string): Link {
  let host = '';
  let path = '';
  try {
    const u = new URL(url);
    host = u.hostname.toLowerCase();
    path = (u.pathname + u.hash).toLowerCase();
  } catch {
    return { url, kind: 'other' };
  }
  const bug = bugNumber(host, path);
  if (bug !== undefined) return { url, kind: 'bug', bug };
  return { url, kind: kindOf(host, path) };
}

function bugNumber(host: string, path: string): number | undefined {
  const m =
    (host.endsWith('launchpad.net') && (/\/\+bug\/(\d+)/.exec(path) ?? /^\/bugs\/(\d+)/.exec(path))) ||
    (host === 'storyboard.openstack.org' && /#!\/story\/(\d+)/.exec(path)) ||
    null;
  return m ? Number(m[1]) : undefined;
}

function kindOf(host: string, path: string): LinkKind {
  if (
    host === 'specs.openstack.org' ||
    host === 'blueprints.launchpad.net' ||
    (/^review\.(opendev|openstack)\.org$/.test(host) && /\/c\/openstack\/[\w.-]+-specs\//.test(path)) ||
    /\/[\w.-]+-specs\//.test(path) ||
    /\/specs\//.test(path)
  ) {
    return 'spec';
  }
  if (/^review\.(opendev|openstack)\.org$/.test(host)) return 'review';
  if (/^etherpad\.(opendev|openstack)\.org$/.test(host) || host.startsWith('etherpad.')) return 'etherpad';
  if (
    host.endsWith('.github.io') ||
    host === 'medium.com' ||
    host.endsWith('.medium.com') ||
    host === 'dev.to' ||
    host.endsWith('.wordpress.com') ||
    host.endsWith('.blogspot.com') ||
    host.startsWith('blog.') ||
    host.startsWith('superuser.') ||
    (host === 'developers.redhat.com' && path.startsWith('/articles')) ||
    /\/(posts?|blog|blogs)\//.test(path)
  ) {
    return 'blog';
  }
  return 'other';
}
