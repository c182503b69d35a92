// HTML for a neutral RichLine, every text piece escaped, links only to http(s). Not in the Matrix
// transport's folder because two outputs render it: Matrix `formatted_body` and the web page
// (issue 17), and neither may import the other; not in core, which keeps only the plain form.
import { DECISION_MARK, inlineText, spaced } from '../core/formatting.ts';
import { sanitizeLine } from '../core/text.ts';
import type { RichLine } from '../core/types.ts';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function safeHref(url: string): string | null {
  return /^https?:\/\/[^\s"<>]+$/i.test(url) ? url : null;
}

/** One line of HTML (Matrix `formatted_body`); every text piece escaped. */
export function renderHtml(line: RichLine): string {
  return line
    .map((part) => {
      if (typeof part === 'string') return escapeHtml(spaced(part));
      if ('bold' in part) return `<b>${escapeHtml(sanitizeLine(part.bold))}</b>`;
      if ('code' in part) return `<code>${escapeHtml(sanitizeLine(part.code))}</code>`;
      if ('link' in part) {
        const href = safeHref(part.link);
        const label = escapeHtml(sanitizeLine(part.label ?? part.link));
        return href ? `<a href="${escapeHtml(href)}">${label}</a>` : label;
      }
      if ('command' in part) return escapeHtml(spaced(inlineText(part)));
      return DECISION_MARK;
    })
    .join('')
    .replace(/ {2,}/g, ' ')
    .trim();
}
