// reStructuredText summaries: titles by the shared rule (src/markup/rst.ts: underlined or overlined
// with one punctuation character, levels in order of first appearance, as in docutils); directives
// keep their prose, images and the like are dropped; inline markup is reduced to text.
import { StyleLevels } from '../../../markup/levels.ts';
import { isRstAdornment, rstTitleAt } from '../../../markup/rst.ts';
import { normalizeDate } from '../context.ts';
import { OutlineBuilder, type Outline } from '../outline.ts';

// Was …[ \t]*(.*)$: on a line with a '\r' or '\u2028' inside, the failing '$' made the blanks and
// the '::'-split of [\w:-]+ retry each other (quadratic). Such lines are refused first (LINE_BREAK),
// so '(.*)' always reaches the end and nothing is retried.
const DIRECTIVE = /^(\s*)\.\.[ \t]+([\w:-]+)::[ \t]*(.*)/;
const LINE_BREAK = /[\r\u2028\u2029]/;
// Directives whose content is not prose (or not text at all).
const DROPPED_DIRECTIVES = new Set(['image', 'figure', 'toctree', 'contents', 'include', 'raw', 'meta', 'sectnum', 'index', 'highlight', 'csv-table']);

export function parseRst(text: string): Outline {
  const out = new OutlineBuilder();
  const levels = new StyleLevels();
  const lines = text.split('\n').map((l) => l.trimEnd());
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const title = rstTitleAt(lines, i);
    if (title) {
      out.heading(rstInline(title.title), levels.level(title.style));
      i += title.span - 1;
      continue;
    }
    // A transition: a long adornment line that starts a block and is no title's.
    const prevBlank = i === 0 || lines[i - 1] === '' || /^\.\.[ \t]+_/.test(lines[i - 1]);
    if (isRstAdornment(line) && line.length >= 4 && prevBlank) {
      out.line('');
      continue;
    }
    const directive = LINE_BREAK.test(line) ? null : DIRECTIVE.exec(line);
    if (directive) {
      i = directiveBlock(lines, i, directive, out);
      continue;
    }
    if (/^\s*\.\.(\s|$)/.test(line)) {
      i = commentBlock(lines, i, out);
      continue;
    }
    out.line(rstInline(line.replace(/::$/, (m, offset: number) => (line[offset - 1] === ' ' ? '' : ':')).trimEnd())); // trimEnd: /\s+$/ retried a blank run from each blank
  }
  return { ...out.outline, rule: 'reStructuredText titles' };
}

function indentOf(line: string): number {
  return /^\s*/.exec(line)![0].length;
}

/** Index of the last line of the indented block that belongs to the line at `start`. */
function blockEnd(lines: string[], start: number): number {
  const base = indentOf(lines[start]);
  let end = start;
  for (let j = start + 1; j < lines.length; j++) {
    if (lines[j] === '') continue;
    if (indentOf(lines[j]) <= base) break;
    end = j;
  }
  return end;
}

/** Admonitions and code blocks keep their content (dedented); images, toctrees and the like are dropped. */
function directiveBlock(lines: string[], i: number, m: RegExpExecArray, out: OutlineBuilder): number {
  const end = blockEnd(lines, i);
  if (DROPPED_DIRECTIVES.has(m[2].toLowerCase())) return end;
  const code = /^(code|code-block|sourcecode|parsed-literal)$/i.test(m[2]);
  if (m[3] && !code) out.line(rstInline(m[3]));
  let inOptions = true;
  for (let j = i + 1; j <= end; j++) {
    const body = lines[j].trim();
    if (inOptions && /^:[\w-]+:/.test(body)) continue; // directive options such as ":linenos:"
    inOptions = false;
    out.line(code ? lines[j].replace(/^\s{0,4}/, '    ') : rstInline(body));
  }
  return end;
}

/** ".. _label:" targets and ".. comments" are not text; a named target's URL is kept as "label: url". */
function commentBlock(lines: string[], i: number, out: OutlineBuilder): number {
  // Nikola's ".. title: …" / ".. date: …" metadata: the page's title and date.
  const field = /^\.\.[ \t]+(title|date):[ \t]*(\S.{0,200})$/.exec(lines[i]);
  if (field) {
    const when = field[1] === 'date' ? normalizeDate(field[2]) : undefined;
    if (field[1] === 'title') (out.outline.meta ??= []).unshift(field[2].trim());
    else if (when) (out.outline.meta ??= []).push(`Date: ${when}`);
  }
  const target = /^\s*\.\.[ \t]+_([^:]+):[ \t]*(\S.*)?$/.exec(lines[i]);
  if (target?.[2] && /^https?:\/\//.test(target[2])) out.line(`${target[1].replace(/^`|`$/g, '')}: ${target[2]}`);
  return blockEnd(lines, i);
}

/** Strips inline reST, keeping link targets in the text as "text (url)". */
export function rstInline(s: string): string {
  return (
    s
      .replace(/``(.+?)``/g, '$1')
      // Labels are taken whole and trimmed: `([^`<]*?)\s*` let a long blank run split two ways.
      .replace(/`([^`<]*)<([^>`]+)>`__?/g, (_, label: string, url: string) => (label.trim() ? `${label.trim()} (${url})` : url))
      // Roles (:ref:`label <target>`): was /:[\w:+-]+:`…/, tried from every ':' of a run such as
      // 'a:b:c:…' (quadratic). The lookbehind starts a match only where a run of role characters
      // begins (all starts in one run reach the same backtick, so the result is the same); the run's
      // head before its first ':' is kept, as before.
      .replace(/(?<![\w:+-])([\w+-]*):[\w:+-]+:`([^`<]*)(?:<[^>`]*>)?`/g, (_, head: string, label: string) => head + label.trim())
      .replace(/`([^`]+)`__?/g, '$1')
      .replace(/`([^`]+)`/g, '$1')
      .replace(/\*\*(.+?)\*\*/g, '$1')
      .replace(/(^|[^\w*])\*([^*\s](?:[^*]*[^*\s])?)\*(?=[^\w*]|$)/g, '$1$2')
      .replace(/\b([A-Za-z0-9]+)__?(?=[\s.,;:!?)]|$)/g, '$1')
      .replace(/\|([^|\s][^|]*?)\|/g, '$1')
      .replace(/^(\s*)\| /, '$1')
      .replace(/^(\s*)[*+•] /, '$1- ')
  );
}
