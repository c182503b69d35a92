// IRC text for a neutral RichLine: bold as ^B, every user-supplied piece sanitized first.
import { inlineText, spaced } from '../../core/formatting.ts';
import { sanitizeLine } from '../../core/text.ts';
import type { RichLine } from '../../core/types.ts';

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
