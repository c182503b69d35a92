// documentVocabulary counts words without re-reading texts the body already holds: it must give
// what splitting each topic's whole text would.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_DIR } from '../../../src/ptg/bundled.ts';
import { parseSummary } from '../../../src/ptg/parse/index.ts';
import { documentVocabulary, learnAcronyms, type TopicTexts } from '../../../src/ptg/vocabulary.ts';
import { words } from '../../../src/ptg/words.ts';

function reference(topics: TopicTexts[]) {
  const df = new Map<string, number>();
  const acronyms = new Map<string, [string, string]>();
  for (const t of topics) {
    const text = [t.title, ...t.subtopics, ...t.decisions, ...t.owners, t.body].join('\n');
    for (const w of new Set(words(text))) df.set(w, (df.get(w) ?? 0) + 1);
    for (const pair of learnAcronyms(text)) acronyms.set(pair.join('\u0000'), pair);
  }
  return { df: [...df].sort(), acronyms: [...acronyms.values()] };
}

const topic = (body: string, decisions: string[], owners: string[] = []): TopicTexts => ({ title: 'T', subtopics: [], decisions, owners, body });

describe('documentVocabulary', () => {
  it('equals splitting every topic whole, on the bundled summaries', () => {
    for (const file of fs.readdirSync(BUNDLED_DIR).filter((f) => /\.(txt|md|rst|html)$/.test(f))) {
      const { topics } = parseSummary(fs.readFileSync(path.join(BUNDLED_DIR, file), 'utf8'), { filename: file });
      const got = documentVocabulary(topics);
      expect([file, [...got.df].sort(), got.acronyms]).toEqual([file, ...Object.values(reference(topics))]);
    }
  });

  it('reads texts the body holds only inside a longer word or across case context', () => {
    const topics = [
      topic('x Seanx and ✅ ship_it now', ['ship_it now', 'Sean', 'multi line'], ['Sean']),
      topic('ΑΣ.Α here', ['ΑΣ'], []),
      topic('plain text', ['Fix it.', 'Continued across lines'], ['Gibi']),
      topic('One-Time-Use\n(OTU) tokens', ['(OTU) tokens'], []),
    ];
    const got = documentVocabulary(topics);
    expect([[...got.df].sort(), got.acronyms]).toEqual(Object.values(reference(topics)));
    expect(got.df.get('sean')).toBe(1);
    expect(got.df.get('ας')).toBe(1);
  });
});
