// HTML templates that escape by default: `markup\`<p>${text}</p>\`` escapes every interpolated value
// unless it is itself a template result (SafeHtml). Hand-written instead of a template library
// because it is 30 lines, has no parser, and makes forgetting to escape impossible: a plain string
// can only ever enter a page escaped.
import { escapeHtml } from '../render/html.ts';

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Value = SafeHtml | string | number | null | undefined | false | readonly Value[];

function piece(v: Value): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return (v as readonly Value[]).map(piece).join('');
  return escapeHtml(String(v as string | number));
}

/** The template tag: literal parts as written, every value escaped (arrays joined, SafeHtml kept). */
export function markup(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += piece(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** A URL for an href: only http(s) or a path on this site; anything else becomes '#'. */
export function href(url: string): string {
  return /^(https?:\/\/|\/)[^\s"<>]*$/i.test(url) && !url.startsWith('//') ? url : '#';
}
