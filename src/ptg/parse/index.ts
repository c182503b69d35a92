// PTG summary parser: text in any of the formats summaries come in → topics with decisions,
// owners and links, plus the project and cycle the summary is for.
//
// Pipeline: validate → detect format → format parser (text → sections of plain lines)
// → topics (choose topic level, subtopics) → shared extractors → project/cycle.
import type { ParsedSummary, SummaryFormat } from '../types.ts';
import { detectContext, type SummaryContext } from './context.ts';
import { detectFormat } from './detect.ts';
import { assertUsableText, SummaryParseError } from './errors.ts';
import { parseHtml } from './formats/html.ts';
import { parseMarkdown } from './formats/markdown.ts';
import { parsePlain, stripMailEnvelope } from './formats/plain.ts';
import { parseRst } from './formats/rst.ts';
import type { Outline } from './outline.ts';
import { retrospectiveOfTitle, underRetrospective } from './retrospective.ts';
import { segmentLines } from './segment.ts';
import { buildTopics, type TopicTree } from './topics.ts';

export { detectFormat } from './detect.ts';
export { SummaryParseError } from './errors.ts';

const PARSERS: Record<SummaryFormat, (text: string) => Outline> = {
  etherpad: parsePlain,
  mail: parsePlain,
  markdown: parseMarkdown,
  rst: parseRst,
  html: parseHtml,
};

/**
 * opts.context false: the caller knows the project and cycle (`import --project --cycle`), so the
 * text is not searched for them (a tenth to a third of parsing) and the result names neither.
 */
export function parseSummary(text: string, opts: { filename?: string; context?: boolean } = {}): ParsedSummary {
  const name = opts.filename ? baseName(opts.filename) : 'the summary';
  assertUsableText(text, name);
  // Etherpad exports indent with no-break spaces; as plain text they are just spaces. Each
  // replacement only when needed: most texts have neither, and a scan for one is cheaper.
  let clean = text.replace(/^\ufeff/, '');
  if (clean.includes('\r')) clean = clean.replace(/\r\n?/g, '\n');
  if (clean.includes('\u00a0')) clean = clean.replace(/\u00a0/g, ' ');

  let format = detectFormat(clean, opts.filename);
  const outline = PARSERS[format](clean);
  if (format === 'markdown' || format === 'rst') withoutEnvelope(outline);
  let rule = outline.rule ?? 'headings';
  let tree = buildTopics(outline, { plain: format === 'mail' || format === 'etherpad' });
  // No headings of the detected format (or one heading over a long text): segment its text as
  // plain lines, so a page or mail without markup headings still splits into topics.
  if (format !== 'mail' && format !== 'etherpad' && (tree.topics.length === 0 || oneTopic(tree, outline))) {
    // One heading over the whole text is the document's title: not a line the segmenter may split at.
    const [only] = outline.sections;
    const seg =
      outline.sections.length === 1 && !outline.preamble.some((l) => l.trim()) ? segmentLines(only.lines, [only.title]) : segmentLines(flatten(outline));
    const plain = buildTopics({ ...seg.outline, meta: [...(outline.meta ?? []), ...(seg.outline.meta ?? [])] }, { plain: true });
    // A long text under one heading may split into paragraph blocks; a short one only at title lines.
    const titled = seg.rule !== 'paragraph blocks' && plain.topics.length >= 2;
    if (tree.topics.length === 0 || (plain.topics.length >= 3 && (titled || lineCount(tree) > 30)) || titled) {
      [tree, rule] = [plain, seg.rule];
      if (format !== 'html') format = 'mail';
    }
  }
  if (tree.topics.length === 0) {
    // Only possible when nothing but a mail's envelope is left: headers, quotes, a signature.
    throw new SummaryParseError(`no summary text in ${name}: only mail headers, quoted lines or a signature`);
  }
  const ctx = opts.context === false ? {} : contextOf(tree, opts.filename);
  const retrospective = retrospectiveOfTitle(tree.context.join('\n'));
  return {
    format,
    ...(ctx.project ? { project: ctx.project } : {}),
    ...(ctx.cycle ? { cycle: ctx.cycle } : {}),
    ...(ctx.release ? { release: ctx.release } : {}),
    topics: retrospective ? underRetrospective(tree.topics, retrospective) : tree.topics,
    split: rule,
  };
}

/**
 * A mail from the archive whose topics are underlined reads as Markdown or reStructuredText: its
 * envelope (the "[keystone] PTG recap" subject, author and date lines) is still the mail's, not
 * text of an Overview. The subject and date go to the metadata, as for a plain mail.
 */
function withoutEnvelope(outline: Outline): void {
  const { meta, lines } = stripMailEnvelope(outline.preamble);
  if (meta.length === 0) return;
  outline.preamble = lines;
  outline.meta = [...(outline.meta ?? []), ...meta];
}

function contextOf(tree: TopicTree, filename: string | undefined): SummaryContext {
  const { head, full, both } = contextTexts(tree);
  return detectContext(head, full, filename, both);
}

/**
 * One heading over the text: one topic, or the parts one long section was split into (titled
 * alike, or by the labels inside it: "Glance PTG: Topic number 1").
 */
function oneTopic(tree: TopicTree, outline: Outline): boolean {
  const [first] = tree.topics;
  if (!first) return false;
  const only = outline.sections.length === 1 ? outline.sections[0].title.trim() : undefined;
  return tree.topics.every((t) => t.title === first.title || (only !== undefined && (t.title === only || t.title.startsWith(`${only}: `))));
}

function lineCount(tree: TopicTree): number {
  return tree.topics.reduce((n, t) => n + t.body.split('\n').length, 0);
}

/** The outline's text back as lines: preamble, then each heading and its lines. */
function flatten(outline: Outline): string[] {
  const lines = [...outline.preamble];
  for (const s of outline.sections) lines.push('', s.title, '', ...s.lines);
  return lines;
}

/**
 * Title and preamble (where a summary says what it is about), the full text, and both joined for
 * the searches that read head then full. Built as one string with the full text a slice of it:
 * copying a megabyte of text costs milliseconds.
 */
function contextTexts(tree: TopicTree): { head: string; full: string; both: string } {
  const head = tree.context.join('\n');
  const parts = [head, ...tree.context];
  for (const t of tree.topics) parts.push(t.title, t.body);
  const both = parts.join('\n');
  return { head, full: both.slice(head.length + 1), both };
}

function baseName(filename: string): string {
  return filename.split(/[\\/]/).pop() || filename;
}
