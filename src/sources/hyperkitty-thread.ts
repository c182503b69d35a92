// A HyperKitty thread URL names a whole thread, and a PTG summary is often more than its first
// mail: the author sends the rest as follow-ups ("part 2", a forgotten topic). The thread page
// shows the first message only; the others come from the page's replies endpoint (JSON with
// the replies' HTML, a chunk at a time). The follow-ups by the first message's author are the
// summary's; replies by others (questions, thanks) are not, and neither are quoted lines.
import { fetchSource, SourceError, type SourceHttpOptions } from './http.ts';
import { dropElements, elementsWithClass, innerText } from './mail-html.ts';

/** Replies read at most (chunks of the endpoint), and follow-ups kept at most. */
const MAX_CHUNKS = 5;
const MAX_FOLLOW_UPS = 20;
const MAX_JSON = 5 * 1024 * 1024;

/** "/archives/list/<list>/thread/<id>/" → the thread's base URL, or null for any other page. */
export function threadBase(url: string): string | null {
  const u = new URL(url);
  const m = /^(.*\/archives\/list\/[^/]{1,200}\/thread\/[A-Za-z0-9]{1,80})\/?$/.exec(u.pathname);
  return m ? `${u.origin}${m[1]}/` : null;
}

/** One message of a thread page or a replies chunk: who sent it and its body (HTML). */
export function messages(html: string): { author: string; body: string }[] {
  const authors = elementsWithClass(html, 'email-author');
  const bodies = elementsWithClass(html, 'email-body');
  const out: { author: string; body: string }[] = [];
  // Each message has one author block before its body: pair each body with the last author before
  // it (both lists are in page order: one pass, whatever the page holds).
  let a = -1;
  for (const body of bodies) {
    while (a + 1 < authors.length && authors[a + 1].start < body.start) a++;
    if (a >= 0) out.push({ author: innerText(authors[a].inner).replace(/\s+/g, ' ').trim(), body: body.inner });
  }
  return out;
}

/**
 * The follow-ups to append: the text of every reply by the first message's author, in thread
 * order, without quoted lines. Throws SourceError when the replies cannot be read.
 */
export async function followUps(base: string, threadPage: string, http: SourceHttpOptions): Promise<string[]> {
  const author = messages(threadPage)[0]?.author;
  if (!author) return [];
  const out: string[] = [];
  let offset = 0;
  for (let chunk = 0; chunk < MAX_CHUNKS && out.length < MAX_FOLLOW_UPS; chunk++) {
    const r = await fetchSource(`${base}replies?sort=thread&offset=${offset}`, http);
    if (r.status !== 'ok') break;
    let data: { replies_html?: unknown; more_pending?: unknown; next_offset?: unknown };
    try {
      data = JSON.parse(r.text.slice(0, MAX_JSON)) as typeof data;
    } catch {
      throw new SourceError('http', `${base}replies answered something other than JSON`);
    }
    if (typeof data.replies_html !== 'string') throw new SourceError('http', `${base}replies has no replies_html`);
    for (const m of messages(data.replies_html.slice(0, MAX_JSON)))
      if (m.author === author && out.length < MAX_FOLLOW_UPS) out.push(innerText(dropElements(m.body, ['quoted-switch', 'quoted-text'])).trim());
    if (data.more_pending !== true || typeof data.next_offset !== 'number' || data.next_offset <= offset) break;
    offset = data.next_offset;
  }
  return out.filter(Boolean);
}
