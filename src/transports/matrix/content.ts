// Builds the m.room.message content of a reply: an m.notice (bots must not trigger other bots),
// plain body plus escaped HTML, a reply relation without the quoted fallback (which would copy
// the asker's HTML verbatim), and explicit m.mentions so nobody is pinged by accident.
import { renderPlain } from '../../core/formatting.ts';
import { renderHtml } from '../../render/html.ts';
import { splitUtf8, utf8Length } from '../../core/text.ts';
import type { Reply } from '../../core/types.ts';

/** Matrix events are at most 64 KiB; body and formatted_body each stay well under half of that. */
export const MAX_BODY_BYTES = 24_000;

export interface NoticeContent {
  msgtype: 'm.notice';
  body: string;
  format: 'org.matrix.custom.html';
  formatted_body: string;
  'm.relates_to'?: { 'm.in_reply_to': { event_id: string } };
  'm.mentions': { user_ids?: string[] };
  [key: string]: unknown;
}

export interface ContentOptions {
  /** Event this answers (same room only). */
  inReplyTo?: string;
  /** Users to notify (the asker of a reply in a room). */
  mention?: string[];
  maxBytes?: number;
}

/** Renders a reply, or null when it has nothing to say. Lines beyond the size cap are summarised. */
export function buildNotice(reply: Reply, opts: ContentOptions = {}): NoticeContent | null {
  const max = opts.maxBytes ?? MAX_BODY_BYTES;
  const plain: string[] = [];
  const html: string[] = [];
  let plainBytes = 0;
  let htmlBytes = 0;
  const lines = reply.lines.map((l) => ({ p: renderPlain(l), h: renderHtml(l) })).filter((l) => l.p !== '');
  for (let i = 0; i < lines.length; i++) {
    let { p, h } = lines[i];
    const reserve = 64; // room for the "(N more lines not shown)" note
    if (plainBytes + utf8Length(p) + 1 > max - reserve || htmlBytes + utf8Length(h) + 4 > max - reserve) {
      if (plain.length === 0) {
        // A single giant line: cut it rather than send nothing. The HTML becomes the escaped cut text.
        p = splitUtf8(p, Math.floor((max - reserve) / 6))[0] + '…';
        h = escapeForCut(p);
        plain.push(p);
        html.push(h);
        i++;
      }
      const rest = lines.length - i;
      if (rest > 0) {
        const note = `(${rest} more line${rest === 1 ? '' : 's'} not shown)`;
        plain.push(note);
        html.push(`<i>${note}</i>`);
      }
      break;
    }
    plain.push(p);
    html.push(h);
    plainBytes += utf8Length(p) + 1;
    htmlBytes += utf8Length(h) + 4;
  }
  if (plain.length === 0) return null;
  const content: NoticeContent = {
    msgtype: 'm.notice',
    body: plain.join('\n'),
    format: 'org.matrix.custom.html',
    formatted_body: html.join('<br>'),
    'm.mentions': opts.mention?.length ? { user_ids: [...opts.mention] } : {},
  };
  if (opts.inReplyTo) content['m.relates_to'] = { 'm.in_reply_to': { event_id: opts.inReplyTo } };
  return content;
}

// The cut line is plain text (already sanitised by renderPlain); escape it the same way renderHtml does.
function escapeForCut(text: string): string {
  return renderHtml([text]);
}
