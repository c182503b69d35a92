// Linear scans for the HTML shapes cut out of whole pages (tags, comments, elements by name).
// Hand-written because JavaScript regexes have no atomic groups: /<[^>]*>/g or
// /<x\b[^>]*>[\s\S]*?<\/x\s*>/ retry from every '<' and rescan to the end when the closer is
// missing, quadratic (cubic with two such runs) on a 5 MB page. Here each delimiter is found once,
// by indexOf or a fixed-shape regex, and a scan stops as soon as a closer is missing, because no
// later start could find one either. Each function says which regex it behaves exactly like.

/** Like text.replace(/OPEN[\s\S]*?CLOSE/g, rep) for literal `open` and `close`. */
export function dropBetween(text: string, open: string, close: string, rep = ''): string {
  let out = '';
  let last = 0;
  for (let i = text.indexOf(open); i >= 0; i = text.indexOf(open, last)) {
    const end = text.indexOf(close, i + open.length);
    if (end < 0) break;
    out += text.slice(last, i) + rep;
    last = end + close.length;
  }
  return out + text.slice(last);
}

/** Like text.replace(/<[^>]*>/g, rep): every '<' up to the next '>'. */
export function stripTags(text: string, rep = ''): string {
  return dropBetween(text, '<', '>', rep);
}

/** Like text.replace(/OPENER[^>]*>/g, rep) where `opener` (global, fixed length) matches where a tag starts. */
export function replaceTags(text: string, opener: RegExp, rep: (tag: string, m: RegExpExecArray) => string): string {
  let out = '';
  let last = 0;
  for (const t of tags(text, opener)) {
    out += text.slice(last, t.start) + rep(text.slice(t.start, t.end), t.m);
    last = t.end;
  }
  return out + text.slice(last);
}

/**
 * Each match of /OPENER[^>]*>/g in order: `opener` matches where a tag starts, in a bounded length
 * (an opener match that already ends in '>', such as a closing tag, is a whole tag by itself).
 */
export function* tags(text: string, opener: RegExp, from = 0): Generator<{ start: number; end: number; m: RegExpExecArray }> {
  const re = new RegExp(opener.source, opener.flags.includes('g') ? opener.flags : opener.flags + 'g');
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const gt = m[0].endsWith('>') ? m.index + m[0].length - 1 : text.indexOf('>', m.index + m[0].length);
    if (gt < 0) return; // no '>' after this start, so none after any later one
    yield { start: m.index, end: gt + 1, m };
    re.lastIndex = gt + 1;
  }
}

const closers = new Map<string, RegExp>();
function closer(name: string): RegExp {
  const key = name.toLowerCase();
  let re = closers.get(key);
  if (!re) closers.set(key, (re = new RegExp(`<\\/${key}\\s*>`, 'gi')));
  return re;
}

/** Where `</name\s*>` next occurs at or after `from` (case-insensitive): [start, end] or null. */
function closeTag(text: string, name: string, from: number): [number, number] | null {
  const re = closer(name);
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? [m.index, m.index + m[0].length] : null;
}

/**
 * Elements of one tag name (`name` a plain tag name from code), in order, like
 * matchAll(/<name\b[^>]*>([\s\S]*?)<\/name\s*>/gi); with `greedy`, only the first, whose inner
 * text runs to the last closer, like /<name\b[^>]*>([\s\S]*)<\/name\s*>/i.
 */
export function elements(text: string, name: string, greedy = false): { start: number; end: number; inner: string }[] {
  const out: { start: number; end: number; inner: string }[] = [];
  let from = 0;
  for (;;) {
    const open = tags(text, new RegExp(`<${name}\\b`, 'gi'), from).next();
    if (open.done) return out;
    const { start, end: innerStart } = open.value;
    let close = closeTag(text, name, innerStart);
    if (!close) return out; // no closer after this opener, so none after any later one
    if (greedy) {
      for (let next: [number, number] | null = close; next; next = closeTag(text, name, next[1])) close = next;
      return [{ start, end: close[1], inner: text.slice(innerStart, close[0]) }];
    }
    out.push({ start, end: close[1], inner: text.slice(innerStart, close[0]) });
    from = close[1];
  }
}

/** Like /<name\b[^>]*>([\s\S]*?)<\/name\s*>/i.exec(text)?.[1]. */
export function firstElement(text: string, name: string): string | undefined {
  for (const e of elements(text, name)) return e.inner;
  return undefined;
}

/**
 * Like text.replace(/<(a|b|…)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '') for the tag `names`: a name whose
 * closer is missing is skipped from then on (none can follow later either), so the scan is linear.
 */
export function dropElements(text: string, names: string[]): string {
  const opener = new RegExp(`<(${names.join('|')})\\b`, 'gi');
  const dead = new Set<string>();
  let out = '';
  let last = 0;
  for (let m = opener.exec(text); m; m = opener.exec(text)) {
    const name = m[1].toLowerCase();
    if (dead.has(name)) continue;
    const gt = m[0].endsWith('>') ? m.index + m[0].length - 1 : text.indexOf('>', m.index + m[0].length);
    if (gt < 0) break;
    const close = closeTag(text, name, gt + 1);
    if (!close) {
      dead.add(name);
      opener.lastIndex = m.index + 1;
      continue;
    }
    out += text.slice(last, m.index);
    last = opener.lastIndex = close[1];
  }
  return out + text.slice(last);
}

const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * Every tag in order, like matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/g).
 * That regex has one parse per start, but a start whose quotes or '>' never close rescans to the end,
 * and the next '<' does it again. Here a position found (outside quotes) to lead to no '>' is
 * remembered as dead, so no later start walks that stretch again.
 */
export function* htmlTags(html: string): Generator<{ index: number; end: number; closing: boolean; name: string; attrs: string }> {
  const starts = /<\/?[a-zA-Z]/g;
  let dead: Uint8Array | undefined;
  const n = html.length;
  /** End of the attributes scanned from `p` outside quotes: the '>' index, or -1. */
  const scan = (p: number, mark: boolean): number => {
    while (p < n) {
      if (dead?.[p]) return -1;
      if (mark) dead![p] = 1;
      const c = html[p];
      if (c === '>') return p;
      if (c === '"' || c === "'") {
        const q = html.indexOf(c, p + 1);
        if (q < 0) return -1;
        p = q + 1;
      } else p++;
    }
    return -1;
  };
  for (let m = starts.exec(html); m; m = starts.exec(html)) {
    let p = m.index + m[0].length;
    while (p < n && isAlnum(html.charCodeAt(p))) p++;
    if (html[p] === '_') continue; // \b after the name fails
    const gt = scan(p, false);
    if (gt < 0) {
      dead ??= new Uint8Array(n);
      scan(p, true);
      continue;
    }
    const closing = m[0][1] === '/';
    yield { index: m.index, end: gt + 1, closing, name: html.slice(m.index + (closing ? 2 : 1), p), attrs: html.slice(p, gt) };
    starts.lastIndex = gt + 1;
  }
}
