// A PTG summary by URL: where to read it (an etherpad's plain-text export, a HyperKitty or
// pipermail message, any HTML page), and the summary text with a name and an id from the page
// (pad name, mail subject, page path). The text then goes through the usual importer. A
// HyperKitty thread also brings its author's follow-ups (hyperkitty-thread.ts).
import { tags } from '../ptg/parse/formats/html-scan.ts';
import { fetchSource, SourceError, type SourceHttpOptions, type Validators } from './http.ts';
import { followUps, threadBase } from './hyperkitty-thread.ts';
import { dropElements, elementWithClass, innerText } from './mail-html.ts';

export { elementWithClass };

export type SummaryKind = 'etherpad' | 'hyperkitty' | 'pipermail' | 'html';

export interface SummaryPage {
  kind: SummaryKind;
  /** Where it was read from (the export URL for a pad). */
  url: string;
  /** Text for the importer: pad text, "subject\n\nbody" for a mail, the page's HTML. */
  text: string;
  /** File name the importer sees (its extension picks the format). */
  name: string;
  /** Default document id. */
  id: string;
  /** One line for whoever imports it: what was left out (a thread's replies that could not be read). */
  note?: string;
}

const MAX_SCAN = 5 * 1024 * 1024;

/** Which kind of source a URL is, and the URL to fetch. */
export function summaryLocation(url: string): { kind: SummaryKind; fetchUrl: string; pad?: string } {
  const u = new URL(url);
  u.hash = '';
  const pad = /^(.*\/p\/)([^/]{1,200})(?:\/export\/txt)?\/?$/.exec(u.pathname);
  if (pad) return { kind: 'etherpad', fetchUrl: `${u.origin}${pad[1]}${pad[2]}/export/txt`, pad: decodeURIComponent(pad[2]) };
  if (/\/archives\/list\/[^/]+\/(?:message|thread)\//.test(u.pathname) || u.pathname.includes('/hyperkitty/')) return { kind: 'hyperkitty', fetchUrl: u.href };
  if (u.pathname.includes('/pipermail/')) return { kind: 'pipermail', fetchUrl: u.href };
  return { kind: 'html', fetchUrl: u.href };
}

export async function fetchSummary(url: string, http: SourceHttpOptions): Promise<SummaryPage> {
  const where = summaryLocation(url);
  const r = await fetchSource(where.fetchUrl, http);
  if (r.status !== 'ok') throw new SourceError('http', `${where.fetchUrl} answered 304 to an unconditional request`);
  return withThread(summaryFromPage(where.kind, r.url, r.text.slice(0, MAX_SCAN), where.pad), r.text.slice(0, MAX_SCAN), http);
}

/**
 * A HyperKitty thread: its first mail and the follow-ups by the same author. Replies that cannot
 * be read for now (timeout, 5xx) fail the whole fetch, to be tried again; an archive without the
 * replies endpoint gives the first mail alone, with a note saying so.
 */
async function withThread(page: SummaryPage, html: string, http: SourceHttpOptions): Promise<SummaryPage> {
  const base = page.kind === 'hyperkitty' ? threadBase(page.url) : null;
  if (!base) return page;
  try {
    const more = await followUps(base, html, http);
    return more.length ? { ...page, text: `${page.text.trimEnd()}\n\n${more.join('\n\n')}\n` } : page;
  } catch (err) {
    if (!(err instanceof SourceError) || err.transient) throw err;
    return { ...page, note: `only the first message of the thread was imported: its replies could not be read (${err.message.slice(0, 200)})` };
  }
}

/** A summary fetched with validators: 'not-modified' when the server says so (304). */
export async function fetchSummaryIfChanged(
  url: string,
  http: SourceHttpOptions,
  validators: Validators,
): Promise<{ status: 'not-modified' } | { status: 'ok'; page: SummaryPage; validators: Validators }> {
  const where = summaryLocation(url);
  const r = await fetchSource(where.fetchUrl, http, validators);
  if (r.status === 'not-modified') return { status: 'not-modified' };
  return {
    status: 'ok',
    page: await withThread(summaryFromPage(where.kind, r.url, r.text.slice(0, MAX_SCAN), where.pad), r.text.slice(0, MAX_SCAN), http),
    validators: { etag: r.etag, lastModified: r.lastModified },
  };
}

/** The summary text of a fetched page; a page without a message body is one line why. */
export function summaryFromPage(kind: SummaryKind, url: string, text: string, pad?: string): SummaryPage {
  const path = new URL(url).pathname;
  switch (kind) {
    case 'etherpad': {
      const name = pad ?? path.split('/').filter(Boolean).at(-3) ?? 'etherpad';
      return { kind, url, text, name: `${slug(name)}.txt`, id: slug(name) };
    }
    case 'hyperkitty': {
      const body = elementWithClass(text, 'email-body');
      if (body === null) throw new SourceError('http', `${url} has no HyperKitty message body (class "email-body")`);
      const subject = innerText(between(text, /<h1\b/i, '</h1>') ?? between(text, /<title\b/i, '</title>') ?? '');
      return mail(kind, url, subject, innerText(dropElements(body, ['quoted-switch'])));
    }
    case 'pipermail': {
      const article = between(text, /<!--beginarticle-->/i, '<!--endarticle-->') ?? between(text, /<pre\b/i, '</pre>');
      if (article === null) throw new SourceError('http', `${url} has no pipermail message (<pre> body)`);
      const subject = innerText(between(text, /<h1\b/i, '</h1>') ?? '');
      return mail(kind, url, subject, innerText(article));
    }
    case 'html': {
      const id = pageId(url);
      return { kind, url, text, name: `${id}.html`, id };
    }
  }
}

/** A page's default document id: its last path segment without extension, else its host name. */
export function pageId(url: string): string {
  const u = new URL(url);
  const base =
    u.pathname
      .split('/')
      .filter(Boolean)
      .at(-1)
      ?.replace(/\.[a-z]{2,5}$/i, '') ?? '';
  return slug(base || u.hostname);
}

function mail(kind: SummaryKind, url: string, subject: string, body: string): SummaryPage {
  const oneLine = subject.replace(/\s+/g, ' ').trim();
  // The id from the subject without its list tag: "[openstack-discuss] [nova] Gazpacho PTG summary" → nova-gazpacho-ptg-summary.
  const id =
    slug(oneLine.replace(/^\[[^\]]{1,60}-(?:discuss|dev|announce)\]\s*/i, '').replace(/^(?:re|fwd?):\s*/i, '')) ||
    slug(new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? 'mail');
  return { kind, url, text: `${oneLine}\n\n${body.trim()}\n`, name: `${id}.txt`, id };
}

/** A document id: lower-case letters, digits, '.', '_' and '-', at most 80. */
export function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|(?<![-.])[-.]+$/g, '') // the lookbehind: a trailing run is tried once, not from each of its characters
    .slice(0, 80)
    .replace(/(?<![-.])[-.]+$/, '');
}

/** Text from the first tag `open` starts (through its '>') to `close` (case-insensitive), or null. */
function between(text: string, open: RegExp, close: string): string | null {
  const tag = tags(text, open).next();
  if (tag.done) return null;
  const closer = new RegExp(close.replace(/[^\w]/g, '\\$&'), 'gi');
  closer.lastIndex = tag.value.end;
  const end = closer.exec(text)?.index;
  return end === undefined ? null : text.slice(tag.value.end, end);
}
