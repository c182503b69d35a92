// HTML pages (blog posts, rendered docs, mailing-list archives): headings h1-h6 make sections;
// paragraphs, list items and table rows become lines of plain text. A small tag walker is enough
// here: we only need text, headings, hrefs and line breaks, never a faithful DOM.
import { OutlineBuilder, type Outline } from '../outline.ts';
import { decodeEntities } from './entities.ts';
import { dropBetween, dropElements, elements, firstElement, htmlTags, replaceTags, stripTags } from './html-scan.ts';
import { parsePlain } from './plain.ts';

// Elements whose content is never summary text (removed by a linear scan: see html-scan.ts).
const DROPPED = ['script', 'style', 'head', 'nav', 'noscript', 'template', 'svg', 'iframe', 'aside', 'footer', 'form', 'button', 'select'];
const PARAGRAPH = new Set(['p', 'ul', 'ol', 'table', 'pre', 'blockquote', 'hr', 'dl', 'figure', 'section', 'article', 'main', 'header']);
const LINE = new Set(['br', 'div', 'li', 'tr', 'dt', 'dd', 'figcaption', 'caption', 'thead', 'tbody']);

export function parseHtml(html: string): Outline {
  const title = firstElement(html, 'title');
  let body = dropBetween(dropBetween(html, '<!--', '-->'), '<![CDATA[', ']]>');
  body = replaceTags(body, /<[!?]/g, () => '');
  body = dropElements(body, DROPPED);
  body = replaceTags(body, /<(?:script|style)\b/gi, (tag, m) => (tag.length - 2 >= m[0].length && tag.endsWith('/>') ? '' : tag));
  body = mainContent(body);
  // Mailing-list archives (pipermail) have one <h1> subject, no other heading, the mail in <pre>.
  const h1 = body.match(/<h1\b/gi)?.length ?? 0;
  if (h1 <= 1 && !/<h[2-6]\b/i.test(body) && /<pre\b/i.test(body)) {
    const archive = parseArchive(body, title);
    if (archive.sections.length) return archive;
  }
  const walker = new Walker();
  walker.walk(body);
  const outline = walker.out.outline;
  if (title) outline.meta = [inlineText(title)];
  // A blog post's date: <time datetime="2017-09-21T…">, or its published_time meta tag.
  const published = /\b(?:datetime|content)="(20\d\d-\d\d-\d\d)/.exec(html.slice(0, 200_000))?.[1];
  if (published) (outline.meta ??= []).push(`Date: ${published}`);
  return { ...outline, rule: 'HTML headings' };
}

/** Site chrome (headers with the blog name, sidebars) lives outside <main>/<article>. */
function mainContent(body: string): string {
  const main = elements(body, 'main', true)[0];
  if (main) return main.inner;
  const first = body.search(/<article\b/i);
  const last = body.toLowerCase().lastIndexOf('</article');
  return first >= 0 && last > first ? body.slice(first, last) : body;
}

function parseArchive(body: string, title: string | undefined): Outline {
  const pre = elements(body, 'pre')
    .map((e) => e.inner)
    .join('\n');
  const outline = parsePlain(preText(pre));
  const subject = firstElement(body, 'h1') ?? title;
  if (subject) outline.meta = [inlineText(subject), ...(outline.meta ?? [])];
  return outline;
}

/** Text of a <pre> body: tags gone (archives wrap URLs in <a>), entities decoded, whitespace kept. */
function preText(html: string): string {
  return decodeEntities(stripTags(html.replace(/<br\s*\/?>/gi, '\n')));
}

function inlineText(html: string): string {
  return decodeEntities(stripTags(html)).replace(/\s+/g, ' ').trim();
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs);
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3]) : undefined;
}

class Walker {
  readonly out = new OutlineBuilder();
  private buf = '';
  private prefix = '';
  private pre = 0;
  private heading: number | undefined;
  private lists: string[] = [];
  private row: string[] | undefined;
  private anchors: { href: string; start: number }[] = [];

  walk(html: string): void {
    let last = 0;
    for (const t of htmlTags(html)) {
      this.text(html.slice(last, t.index));
      last = t.end;
      if (t.closing) this.close(t.name.toLowerCase());
      else this.open(t.name.toLowerCase(), t.attrs);
    }
    this.text(html.slice(last));
    this.flush();
  }

  private text(raw: string): void {
    if (!raw) return;
    const t = decodeEntities(raw);
    this.buf += this.pre ? t : t.replace(/\s+/g, ' ');
  }

  private open(tag: string, attrs: string): void {
    if (/^h[1-6]$/.test(tag)) {
      this.paragraph();
      this.heading = Number(tag[1]);
      return;
    }
    if (tag === 'a') {
      const href = attr(attrs, 'href');
      if (href && /^https?:\/\//i.test(href)) this.anchors.push({ href, start: this.buf.length });
      return;
    }
    if (tag === 'img') {
      // Blogs render emoji such as ✅ as <img alt="✅">; keep those, drop other images.
      const alt = attr(attrs, 'alt') ?? '';
      if (alt && [...alt].length <= 2 && !/[\w]/.test(alt)) this.buf += alt;
      return;
    }
    if (this.row && (tag === 'td' || tag === 'th')) {
      this.cell();
      return;
    }
    if (tag === 'tr') {
      this.endRow(); // </tr> is optional in HTML
      this.flush();
      this.row = [];
      return;
    }
    if (this.row) {
      if (PARAGRAPH.has(tag) || LINE.has(tag)) this.buf += ' '; // a cell stays on its row
      return;
    }
    if (tag === 'ul' || tag === 'ol') {
      if (this.lists.length) this.flush();
      else this.paragraph();
      this.lists.push(tag);
      return;
    }
    if (tag === 'li') {
      this.flush();
      this.prefix = `${'  '.repeat(Math.max(0, this.lists.length - 1))}- `;
      return;
    }
    if (tag === 'pre') {
      this.paragraph();
      this.pre++;
      return;
    }
    // "<br><br>" in a mail part is a paragraph break.
    if (tag === 'br' && !this.buf.trim() && !this.prefix && !this.pre) this.out.blank();
    else if (PARAGRAPH.has(tag)) this.paragraph();
    else if (LINE.has(tag)) this.flush();
  }

  private close(tag: string): void {
    if (/^h[1-6]$/.test(tag) && this.heading !== undefined) {
      const title = this.buf;
      this.buf = '';
      this.anchors = [];
      this.out.heading(title, this.heading);
      this.heading = undefined;
      return;
    }
    if (tag === 'a') {
      const a = this.anchors.pop();
      if (a && this.heading === undefined) {
        const sameLine = a.start >= 0 && a.start <= this.buf.length;
        this.buf += linkSuffix(sameLine ? this.buf.slice(a.start) : '', a.href, sameLine);
      }
      return;
    }
    if (tag === 'tr' || tag === 'table') this.endRow();
    if (this.row) return;
    if (tag === 'ul' || tag === 'ol') {
      this.lists.pop();
      if (this.lists.length) this.flush();
      else this.paragraph();
      return;
    }
    if (tag === 'pre') {
      this.flush();
      this.pre = Math.max(0, this.pre - 1);
      this.out.blank();
      return;
    }
    if (PARAGRAPH.has(tag)) this.paragraph();
    else if (LINE.has(tag)) this.flush();
  }

  private endRow(): void {
    if (!this.row) return;
    this.cell();
    const cells = this.row.map((c) => c.replace(/\s+/g, ' ').trim());
    this.row = undefined;
    if (cells.some((c) => c)) this.out.line(cells.join(' | '));
  }

  private cell(): void {
    if (this.row && (this.row.length || this.buf.trim())) this.row.push(this.buf);
    this.buf = '';
  }

  private paragraph(): void {
    this.flush();
    // <p> inside <li> is a loose list: keep the items together so continuations still apply.
    if (!this.lists.length) this.out.blank();
  }

  /** Ends the current line; inside <pre> every newline is kept. */
  private flush(): void {
    if (this.heading !== undefined || this.row) return;
    if (this.pre) {
      for (const l of this.buf.replace(/^\n/, '').split('\n')) this.out.line(l.trimEnd());
    } else {
      const text = this.buf.replace(/\s+/g, ' ').trim();
      if (!text) return; // keep a pending "- " for <li><p>text</p></li>
      this.out.line(this.prefix + text);
    }
    this.buf = '';
    this.prefix = '';
    this.anchors = this.anchors.map((a) => ({ ...a, start: -1 })); // an anchor spanning lines
  }
}

/** "<a href=u>the spec</a>" reads "the spec (u)"; an anchor whose text is the URL stays the URL. */
function linkSuffix(text: string, href: string, sameLine: boolean): string {
  const t = text.trim().replace(/\/$/, '');
  const bare = href.replace(/^https?:\/\//i, '').replace(/\/$/, '');
  if (sameLine && (t === href.replace(/\/$/, '') || t === bare)) return '';
  if (sameLine && !t) return href;
  return ` (${href})`;
}
