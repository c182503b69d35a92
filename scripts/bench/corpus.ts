// A generated corpus of realistic topics built from the Flamingo summary's own vocabulary,
// and the summaries as text for import throughput.
import fs from 'node:fs';
import path from 'node:path';
import { parseSummary } from '../../src/ptg/parse/index.ts';
import type { ParsedSummary, Topic } from '../../src/ptg/types.ts';
import { BUNDLED_DIR } from '../../src/ptg/bundled.ts';
import { prng } from './stats.ts';

export const FLAMINGO_TEXT = fs.readFileSync(path.join(BUNDLED_DIR, 'nova-2025.2-flamingo.txt'), 'utf8');
export const FLAMINGO = parseSummary(FLAMINGO_TEXT, { filename: 'nova-2025.2-flamingo.txt' });

/** n topics whose titles, bodies, decisions and owners are recombined from real ones. */
export function generatedDocuments(nTopics: number, perDoc = 40, seed = 42): ParsedSummary[] {
  const rnd = prng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const vocab = FLAMINGO_TEXT.split(/\s+/).filter((w) => /^[\p{L}][\p{L}\p{N}_:.-]*$/u.test(w));
  const sentence = (n: number) => Array.from({ length: n }, () => pick(vocab)).join(' ');
  const docs: ParsedSummary[] = [];
  for (let made = 0; made < nTopics; ) {
    const topics: Topic[] = [];
    for (let i = 0; i < perDoc && made < nTopics; i++, made++) {
      const base = pick(FLAMINGO.topics);
      topics.push({
        title: `${base.title} ${sentence(2)}`,
        body: Array.from({ length: 6 }, () => sentence(18)).join('\n'),
        subtopics: base.subtopics,
        decisions: Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => sentence(14)),
        owners: rnd() < 0.4 ? [pick(['Gibi', 'Sean', 'Uggla', 'Masahito', 'Tkajinam', 'Gmann'])] : [],
        links: base.links,
      });
    }
    docs.push({ format: 'etherpad', topics });
  }
  return docs;
}

/**
 * The generated topics as summary texts, written the way the Flamingo summary is (a greeting,
 * `#### Title ####` headings, ✅ decision lines, "Owner will …"): what `cyclebot import` reads.
 */
export function generatedSummaryTexts(nDocs: number, perDoc: number, seed = 42): string[] {
  return generatedDocuments(nDocs * perDoc, perDoc, seed).map((doc) => {
    const parts = ['Hello everyone,', '', 'Here is the summary of our PTG sessions, topic by topic.', ''];
    for (const t of doc.topics) {
      parts.push('', `#### ${t.title} ####`, '', t.body, '');
      for (const [i, d] of t.decisions.entries()) parts.push(i === 0 && t.owners.length ? `✅ ${t.owners[0]} will ${d}` : `✅ ${d}`);
    }
    return parts.join('\n') + '\n';
  });
}

/** About `bytes` of real summary text: the Flamingo summary repeated with distinct headings. */
export function summaryText(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const copy = FLAMINGO_TEXT.replace(/#### (.+?) ####/g, `#### $1 (${i}) ####`);
    parts.push(copy);
    size += Buffer.byteLength(copy);
  }
  return parts.join('\n\n');
}
