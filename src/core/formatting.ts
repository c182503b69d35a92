// Renders neutral RichLines once per target: plain text (console), IRC codes, Matrix HTML.
import type { Inline, RichLine } from './types.ts';
import { sanitizeLine } from './text.ts';

export const DECISION_MARK = '✅';

function inlineText(part: Inline): string {
  if (typeof part === 'string') return part;
  if ('bold' in part) return part.bold;
  if ('code' in part) return part.code;
  if ('link' in part) return part.label ? `${part.label} ${part.link}` : part.link;
  return DECISION_MARK;
}

/** Plain text: what the console prints and what Matrix puts in `body`. */
export function renderPlain(line: RichLine): string {
  return sanitizeLine(line.map(inlineText).join(''));
}

const IRC_BOLD = '\x02';

/** IRC text: bold as ^B; every user-supplied piece is sanitized before codes are added. */
export function renderIrc(line: RichLine): string {
  const text = line
    .map((part) => {
      if (typeof part !== 'string' && 'bold' in part) {
        const inner = sanitizeLine(part.bold);
        return inner ? `${IRC_BOLD}${inner}${IRC_BOLD}` : '';
      }
      return spaced(inlineText(part));
    })
    .join('');
  return text.replace(/ {2,}/g, ' ').trim();
}

// Keeps a piece's leading/trailing single spaces while removing control characters.
function spaced(text: string): string {
  const lead = /^\s/.test(text) ? ' ' : '';
  const trail = /\s$/.test(text) ? ' ' : '';
  return lead + sanitizeLine(text) + trail;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function safeHref(url: string): string | null {
  return /^https?:\/\/[^\s"<>]+$/i.test(url) ? url : null;
}

/** Matrix `formatted_body` HTML for one line; every text piece escaped. */
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
      return DECISION_MARK;
    })
    .join('')
    .replace(/ {2,}/g, ' ')
    .trim();
}
