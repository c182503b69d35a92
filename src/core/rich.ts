// Builds reply lines that name commands as elements, and renders those with the prefix.
import type { Inline, Reply, RichLine } from './types.ts';

/** The prefix when none is configured (config `prefix`): what an unrendered command shows. */
export const DEFAULT_PREFIX = '!';

/** A command the reader can type, without the prefix: command('triage end'). */
export const command = (name: string): Inline => ({ command: name });

/**
 * A line from a template whose values may be inline elements:
 * rich`no bug left: ${command('triage end')} closes it` → ['no bug left: ', {command}, ' closes it'].
 */
export function rich(strings: TemplateStringsArray, ...values: (Inline | number)[]): RichLine {
  const line: RichLine = [];
  let pending = '';
  strings.forEach((s, i) => {
    pending += s;
    if (i >= values.length) return;
    const v = values[i];
    if (typeof v === 'string' || typeof v === 'number') pending += String(v);
    else {
      if (pending) line.push(pending);
      line.push(v);
      pending = '';
    }
  });
  if (pending) line.push(pending);
  return line;
}

/** Text for a log line or a CLI message: commands shown with the given prefix. */
export function lineText(line: string | RichLine, prefix = DEFAULT_PREFIX): string {
  if (typeof line === 'string') return line;
  return line
    .map((p) => {
      if (typeof p === 'string') return p;
      if ('command' in p) return prefix + p.command;
      if ('bold' in p) return p.bold;
      if ('code' in p) return p.code;
      if ('link' in p) return p.label ? `${p.label} ${p.link}` : p.link;
      return '✅';
    })
    .join('');
}

/** The line with every command element rendered as text with the prefix, joined to the text around it. */
export function withPrefix(line: RichLine, prefix: string): RichLine {
  if (!line.some((p) => typeof p !== 'string' && 'command' in p)) return line;
  const out: RichLine = [];
  for (const p of line) {
    const piece = typeof p !== 'string' && 'command' in p ? prefix + p.command : p;
    const last = out.length - 1;
    if (typeof piece === 'string' && typeof out[last] === 'string') out[last] += piece;
    else out.push(piece);
  }
  return out;
}

/** The reply with its commands rendered: what the router hands to transports. */
export function renderCommands(reply: Reply, prefix: string): Reply {
  return { ...reply, lines: reply.lines.map((l) => withPrefix(l, prefix)) };
}
