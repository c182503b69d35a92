// Cutting a mail out of an archive page (HyperKitty, pipermail): elements by class, matched by
// <div> depth in one linear scan (cyclebot has no HTML parser among its own dependencies, and the
// archive shapes are fixed and well known), and the text of an HTML fragment.
import { decodeEntities } from '../ptg/parse/formats/entities.ts';
import { replaceTags, stripTags, tags } from '../ptg/parse/formats/html-scan.ts';

/** Every <div> whose class list holds `cls` (none inside another), with its inner HTML and where that starts. */
export function elementsWithClass(html: string, cls: string): { start: number; inner: string }[] {
  return [...divsWithClass(html, cls)];
}

/** The inner HTML of the first <div> whose class list holds `cls`, matched by div depth. */
export function elementWithClass(html: string, cls: string): string | null {
  const first = divsWithClass(html, cls).next();
  return first.done ? null : first.value.inner;
}

function* divsWithClass(html: string, cls: string): Generator<{ start: number; inner: string }> {
  let start = -1;
  let depth = 0;
  for (const div of tags(html, /<\/?div\b/gi)) {
    const opening = div.m[0][1] !== '/';
    if (start < 0) {
      if (opening && classList(html.slice(div.start, div.end)).includes(cls)) {
        start = div.end;
        depth = 1;
      }
      continue;
    }
    depth += opening ? 1 : -1;
    if (depth === 0) {
      yield { start, inner: html.slice(start, div.start) };
      start = -1;
    }
  }
  if (start >= 0) yield { start, inner: html.slice(start) };
}

function classList(tag: string): string[] {
  return (
    /\bclass\s*=\s*(?:"([^"]*)"|'([^']*)')/i
      .exec(tag)
      ?.slice(1)
      .find((v) => v !== undefined) ?? ''
  ).split(/\s+/);
}

/** The fragment without the <div>s of these classes (HyperKitty's quote toggles, or the quotes too). */
export function dropElements(html: string, classes: string[]): string {
  let out = html;
  for (const cls of classes) {
    let i = 0;
    for (let guard = 0; guard < 100; guard++) {
      // Was /<div\b[^>]*\bquoted-switch\b[^>]*>/i: cubic on a page of unclosed "<div"s.
      i = [...firstTag(out, /<div\b/gi, i, (tag) => classList(tag).includes(cls))][0] ?? -1;
      if (i < 0) break;
      const inner = elementWithClass(out.slice(i), cls) ?? '';
      const close = out.indexOf('</div>', i + out.slice(i).indexOf('>') + 1 + inner.length);
      out = out.slice(0, i) + (close < 0 ? '' : out.slice(close + 6));
    }
  }
  return out;
}

/** Where the first tag `opener` starts at or after `from` for which `ok` holds, if any. */
function* firstTag(html: string, opener: RegExp, from: number, ok: (tag: string) => boolean): Generator<number> {
  for (const t of tags(html, opener, from)) {
    if (ok(html.slice(t.start, t.end))) {
      yield t.start;
      return;
    }
  }
}

/** Text of an HTML fragment: <br> and block ends as line breaks, tags dropped, entities decoded. */
export function innerText(html: string): string {
  const blocks = replaceTags(
    html.replace(/<br\s*\/?>\n?/gi, '\n').replace(/<\/p\s*>/gi, '\n\n'),
    /<\/(?:p|div|li|blockquote|pre|h[1-6])\s*>|<div\b/gi,
    () => '\n',
  );
  return decodeEntities(stripTags(blocks))
    .replace(/\r\n?/g, '\n')
    .replace(/(?<![ \t])[ \t]+\n/g, '\n') // the lookbehind: a run of blanks is tried once
    .replace(/\n{3,}/g, '\n\n');
}
