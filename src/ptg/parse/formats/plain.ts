// Plain text: etherpad exports and mails. Both are the same text model (headings are whole lines
// such as "#### Topic ####", "=== Topic ===", "*** Topic ***" or "Topic: ..."), so one parser serves
// the 'etherpad' and 'mail' formats; detection only decides which label to report.
import { OutlineBuilder, StyleLevels, type Outline } from '../outline.ts';

interface PlainHeading {
  title: string;
  style: string;
}

// A title must contain a letter or digit so separator lines ("########") are not headings.
const WRAPPED = /^(#{2,}|={2,}|\*{3,})[ \t]*(.*?[\p{L}\p{N}].*?)[ \t]*(?:#{2,}|={2,}|\*{3,})[ \t]*$/u;
const TOPIC_LINE = /^topic(?:[ \t]+\d+)?[ \t]*:[ \t]*(\S.*)$/i;

export function matchPlainHeading(line: string): PlainHeading | undefined {
  const wrapped = WRAPPED.exec(line);
  // Style = the opening run, so "#### x ####" and "== x ==" can coexist at different levels.
  if (wrapped) return { title: wrapped[2], style: wrapped[1] };
  const topic = TOPIC_LINE.exec(line);
  if (topic) return { title: topic[1], style: 'topic:' };
  return undefined;
}

// Every pattern in this file needs one of these first characters: other lines are prose, kept as they are.
const PATTERN_START = new Set([...'-_ \t>O#=*tT~+.']);
const prose = (line: string) => line === '' || !PATTERN_START.has(line[0]);

const MAIL_HEADER = /^(from|to|cc|subject|date|reply-to|message-id|in-reply-to|references|sender)[ \t]*:/i;
const SEPARATOR = /^[ \t]*([-=_*#~+.])\1{2,}[ \t]*$/;

export function parsePlain(text: string): Outline {
  const out = new OutlineBuilder();
  const levels = new StyleLevels();
  const lines = stripMailEnvelope(text.split('\n'));
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (prose(line)) {
      out.line(line);
      continue;
    }
    const heading = matchPlainHeading(line);
    if (heading) {
      out.heading(heading.title, levels.level(heading.style));
    } else if (SEPARATOR.test(line)) {
      out.line(''); // a rule between paragraphs carries no text
    } else {
      out.line(line);
    }
  }
  return out.outline;
}

/**
 * Removes what belongs to the mail rather than to the summary: the header block (its Subject is
 * kept for project/cycle detection), quoted lines of an earlier message and their "On … wrote:"
 * attribution (quotes must not create topics or decisions), and everything after a signature
 * separator "-- " or a Mailman footer rule.
 */
export function stripMailEnvelope(lines: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  if (lines.length && MAIL_HEADER.test(lines[0])) {
    for (; i < lines.length && lines[i].trim() !== ''; i++) {
      const subject = /^subject[ \t]*:[ \t]*(.*)$/i.exec(lines[i]);
      if (subject) out.push(subject[1].trim(), '');
    }
  }
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (prose(line)) {
      out.push(line);
      continue;
    }
    if (/^-- ?$/.test(line) || /^_{10,}\s*$/.test(line)) break;
    if (/^[ \t]*>/.test(line)) continue;
    if (/^On .{5,}wrote:\s*$/.test(line) && /^[ \t]*>/.test(nextNonBlank(lines, i + 1) ?? '')) continue;
    out.push(line);
  }
  return out;
}

function nextNonBlank(lines: string[], from: number): string | undefined {
  for (let i = from; i < lines.length; i++) if (lines[i].trim() !== '') return lines[i];
  return undefined;
}
