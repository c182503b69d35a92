// A PTG summary by URL: where to read it (an etherpad's plain-text export, a HyperKitty or
// pipermail message, any HTML page), and the summary text with a name and an id from the page
// (pad name, mail subject, page path). The text then goes through the usual importer.
// The message body is cut out by a linear scan of <div> nesting rather than a DOM: cyclebot has
// no HTML parser among its own dependencies, and the two archive shapes are fixed and well known.
import { decodeEntities } from '../ptg/parse/formats/entities.ts';
import { fetchSource, SourceError, type SourceHttpOptions } from './http.ts';

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
  return summaryFromPage(where.kind, r.url, r.text.slice(0, MAX_SCAN), where.pad);
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
      const subject = innerText(between(text, /<h1\b[^>]*>/i, '</h1>') ?? between(text, /<title\b[^>]*>/i, '</title>') ?? '');
      return mail(kind, url, subject, innerText(dropQuoteSwitches(body)));
    }
    case 'pipermail': {
      const article = between(text, /<!--beginarticle-->/i, '<!--endarticle-->') ?? between(text, /<pre\b[^>]*>/i, '</pre>');
      if (article === null) throw new SourceError('http', `${url} has no pipermail message (<pre> body)`);
      const subject = innerText(between(text, /<h1\b[^>]*>/i, '</h1>') ?? '');
      return mail(kind, url, subject, innerText(article));
    }
    case 'html': {
      const base = path.split('/').filter(Boolean).at(-1)?.replace(/\.[a-z]{2,5}$/i, '') ?? '';
      const id = slug(base || new URL(url).hostname);
      return { kind, url, text, name: `${id}.html`, id };
    }
  }
}

function mail(kind: SummaryKind, url: string, subject: string, body: string): SummaryPage {
  const oneLine = subject.replace(/\s+/g, ' ').trim();
  // The id from the subject without its list tag: "[openstack-discuss] [nova] Gazpacho PTG summary" → nova-gazpacho-ptg-summary.
  const id = slug(oneLine.replace(/^\[[^\]]{1,60}-(?:discuss|dev|announce)\]\s*/i, '').replace(/^(?:re|fwd?):\s*/i, '')) || slug(new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? 'mail');
  return { kind, url, text: `${oneLine}\n\n${body.trim()}\n`, name: `${id}.txt`, id };
}

/** A document id: lower-case letters, digits, '.', '_' and '-', at most 80. */
export function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80)
    .replace(/[-.]+$/, '');
}

function between(text: string, open: RegExp, close: string): string | null {
  const m = open.exec(text);
  if (!m) return null;
  const start = m.index + m[0].length;
  const end = text.toLowerCase().indexOf(close.toLowerCase(), start);
  return end < 0 ? null : text.slice(start, end);
}

/** The inner HTML of the first <div> whose class list holds `cls`, matched by div depth. */
export function elementWithClass(html: string, cls: string): string | null {
  const divs = /<(\/?)div\b[^>]*>/gi;
  let start = -1;
  let depth = 0;
  for (let m = divs.exec(html); m; m = divs.exec(html)) {
    if (start < 0) {
      if (m[1] === '' && classList(m[0]).includes(cls)) {
        start = m.index + m[0].length;
        depth = 1;
      }
      continue;
    }
    depth += m[1] === '' ? 1 : -1;
    if (depth === 0) return html.slice(start, m.index);
  }
  return start < 0 ? null : html.slice(start);
}

function classList(tag: string): string[] {
  return (/\bclass\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag)?.slice(1).find((v) => v !== undefined) ?? '').split(/\s+/);
}

/** HyperKitty's "...show quoted text" toggles are page chrome. */
function dropQuoteSwitches(html: string): string {
  let out = html;
  for (let guard = 0; guard < 100; guard++) {
    const i = out.search(/<div\b[^>]*\bquoted-switch\b[^>]*>/i);
    if (i < 0) break;
    const inner = elementWithClass(out.slice(i), 'quoted-switch') ?? '';
    const close = out.indexOf('</div>', i + out.slice(i).indexOf('>') + 1 + inner.length);
    out = out.slice(0, i) + (close < 0 ? '' : out.slice(close + 6));
  }
  return out;
}

/** Text of an HTML fragment: <br> and block ends as line breaks, tags dropped, entities decoded. */
function innerText(html: string): string {
  return decodeEntities(
    html
      .replace(/<br\s*\/?>\n?/gi, '\n')
      .replace(/<\/p\s*>/gi, '\n\n')
      .replace(/<\/(?:p|div|li|blockquote|pre|h[1-6])\s*>|<div\b[^>]*>/gi, '\n')
      .replace(/<[^>]*>/g, ''),
  )
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
}
