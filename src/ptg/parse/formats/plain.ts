// Plain text: etherpad exports and mails. Both are the same text model, so one parser serves the
// 'etherpad' and 'mail' formats; detection only decides which label to report. The mail's
// envelope (headers, archive chrome, quotes, signature, list footer) is removed first, then
// segment.ts splits what is left into topics, with explicit heading lines such as
// "#### Topic ####", "=== Topic ===", "--- Topic ---", "*** Topic ***" or "Topic: ..." first.
import type { Outline } from '../outline.ts';
import { normalizeDate } from '../context.ts';
import { segmentLines } from '../segment.ts';
import { restoreLineBreaks } from './linebreaks.ts';

export { restoreLineBreaks } from './linebreaks.ts';

export { matchPlainHeading, type PlainHeading } from '../headings.ts';

export function parsePlain(text: string): Outline {
  const { meta, lines } = stripMailEnvelope(restoreLineBreaks(text).split('\n'));
  const { outline, rule } = segmentLines(lines);
  outline.meta = [...meta, ...(outline.meta ?? [])];
  return { ...outline, rule };
}

// Every pattern below needs one of these first characters (or is a header line): prose is kept as is.
const PATTERN_START = new Set([...'-_ \t>O#=*tT~+.PpNnMmUuOo']);
const prose = (line: string) => line === '' || !PATTERN_START.has(line[0]);

const MAIL_HEADER = /^(from|to|cc|subject|date|reply-to|message-id|in-reply-to|references|sender)[ \t]*:/i;
/** Pipermail/HyperKitty renderings of the header: "Matt Riedemann mriedemos at gmail.com", dates. */
const ARCHIVE_AUTHOR = /^[\p{L} .'’-]{2,60}\s\S{1,64} at \S{1,64}\.\w{2,10}$|^\S{1,64}@\S{1,64}\.\w{2,10}$|^[\p{L} .'’-]{2,60}\s<\S{1,64}@\S{1,64}>$/u;
const ARCHIVE_DATE =
  /^(?:(?:mon|tue|wed|thu|fri|sat|sun)\w{0,6},?\s)?(?:\w{3,9}\.?\s\d{1,2},?\s\d{4}|\d{1,2}\s\w{3,9}\.?\s\d{4}|\w{3}\s\w{3}\s{1,2}\d{1,2}\s[\d:]{8}\s\w{3,4}\s\d{4})(?:,?\s[\d:]{4,8}\s?(?:[ap]\.?m\.?)?(?:\s?\w{3,4})?)?$/i;
const ARCHIVE_CHROME =
  /^(?:jump to: navigation|previous message|next message|messages sorted by|reply|back to the thread|back to the list|show replies by date|sign in to reply online|use email software|start a new thread|download|attachments?|permalink|vote|new subject|\d{1,4} participants?|participants \(\d{1,4}\)|last active|first post|replies|show replies by thread|older|newer|thread|[0-9:. ]{3,12}[ap]\.?m\.?|view all threads|discussion overview)\b.{0,80}$/i;
/** Pipermail's navigation, found above and below the mail. */
const ARCHIVE_NAV = /^(?:previous message|next message|messages sorted by)(?: \(by \w{1,10}\))?:/i;
const LIST_FOOTER =
  /^(?:_{10,}\s*$|-{5,}\s*next part\s*-{5,}|more information about the \S{1,60} mailing list|\S{1,60} mailing list\s*$|unsubscribe:|openstack-(?:dev|discuss)@lists\.)/i;

/**
 * Removes what belongs to the mail rather than to the summary: the header block (its subject is
 * kept as metadata for project/cycle detection), archive chrome (author, date, navigation),
 * quoted lines of an earlier message and their "On … wrote:" attribution (quotes must not create
 * topics or decisions), and everything after a signature separator "-- " or the list footer.
 */
export function stripMailEnvelope(lines: string[]): { meta: string[]; lines: string[] } {
  const meta: string[] = [];
  const out: string[] = [];
  let i = 0;
  while (i < lines.length && lines[i].trim() === '') i++;
  if (i < lines.length && MAIL_HEADER.test(lines[i])) {
    // The value starts at a non-blank so the blank runs cannot trade characters (no backtracking).
    for (; i < lines.length && lines[i].trim() !== ''; i++) {
      const subject = /^subject[ \t]*:[ \t]*((?:[^ \t\r\n\u2028\u2029].{0,299})?)$/i.exec(lines[i]);
      if (subject) meta.unshift(subject[1].trim());
      const date = /^date[ \t]*:[ \t]*((?:[^ \t\r\n\u2028\u2029].{0,119})?)$/i.exec(lines[i]);
      const when = date && normalizeDate(date[1]);
      if (when) meta.push(`Date: ${when}`);
    }
  } else if (i < lines.length && /^\s*\[[^\]\n]{1,40}\]/.test(lines[i]) && lines[i].length < 200) {
    // "[openstack-dev] [nova] Stein PTG summary", as an archive page shows its subject.
    meta.push(lines[i].trim());
    i++;
  }
  // Author, date and navigation lines right below the subject (pipermail, HyperKitty).
  for (let k = 0; k < 8 && i < lines.length; k++) {
    const t = lines[i].trim();
    if (t.length > 120) break;
    if (ARCHIVE_DATE.test(t)) {
      const when = normalizeDate(t);
      if (when) meta.push(`Date: ${when}`);
      i++;
    } else if (t === '' || ARCHIVE_AUTHOR.test(t) || ARCHIVE_CHROME.test(t)) i++;
    else break;
  }
  // A reply that is mostly a quote of the summary (forwarded, or "+1, see below") has the summary
  // in its quoted lines: those are kept, unquoted, when they outnumber the reply's own lines 4 to 1
  // (or the reply says nothing itself), so such a text is never refused.
  const withQuotes: string[] = [];
  let [own, quoted] = [0, 0];
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (prose(line)) {
      out.push(line);
      withQuotes.push(line);
      if (line !== '') own++;
      continue;
    }
    const t = line.trim();
    if (t.length <= 120 && (LIST_FOOTER.test(t) || /^-- ?$/.test(line))) break;
    if (t.length <= 120 && ARCHIVE_NAV.test(t)) continue;
    if (line.startsWith('>From ')) {
      out.push(line.slice(1)); // mbox escaping of a line starting "From ", not a quote
      continue;
    }
    if (/^[ \t]*>/.test(line)) {
      const text = unquote(line);
      withQuotes.push(text);
      if (text.trim() !== '') quoted++;
      continue;
    }
    if (t.length < 300 && /^On .{5,250}wrote:\s*$/.test(t) && /^[ \t]*>/.test(nextNonBlank(lines, i + 1) ?? '')) continue;
    out.push(line);
    withQuotes.push(line);
    if (t !== '') own++;
  }
  return { meta, lines: quoted > 0 && (own === 0 || (quoted >= 5 && own * 4 <= quoted)) ? withQuotes : out };
}

/** The line without its quote markers ("> > text" → "text"). A loop, not a regex: any length is linear. */
function unquote(line: string): string {
  let k = 0;
  while (line[k] === ' ' || line[k] === '\t') k++;
  while (line[k] === '>') {
    k++;
    if (line[k] === ' ') k++;
  }
  return line.slice(k);
}

function nextNonBlank(lines: string[], from: number): string | undefined {
  for (let i = from; i < lines.length; i++) if (lines[i].trim() !== '') return lines[i];
  return undefined;
}
