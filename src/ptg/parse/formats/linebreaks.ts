// Text whose line breaks were lost (a mail pasted through a web form, an archive's one-line
// copy): markers that only mean something at the start of a line are put back on lines of their
// own. Inline "#### Topic ####" / "== Topic ==" / "**** Monday ****", reStructuredText underlines
// ("Tuesday ====== Ussuri Retrospective ------"), Markdown "# Topic" lines run into their text
// ("… this cycle. # Property protection Access to …"), decision markers, " - " bullets and sign-offs.
// Every pattern has bounded runs and bounded titles: linear in the line length.

/** Lines shorter than this are left alone: only a whole mail on one line needs this. */
const LONG_LINE = 600;

const INLINE_HEADING = /[ \t](#{3,8}|\*{3,8}|={2,8})[ \t]{1,4}([^#*=\n]{1,100}?)[ \t]{1,4}\1(?=[ \t]|$)/g;
const INLINE_MARKER =
  /[ \t]((?:AGREED|Agreed|Decision|Conclusion|Action [Ii]tems|Actions|Action|ACTION|AI|AR|Discussion|Summary)(?:\([^()\n]{0,40}\))?:[ \t]|✅)/g;
const INLINE_SIGN_OFF = /(?<=[.!?])[ \t]((?:Thanks|Cheers|Regards|Best regards|Best),[ \t])/g;
// " - Item" after a sentence or a colon: a bullet whose line break was lost.
const INLINE_BULLET = /(?<=[.:!?)\]"”'’][ \t]{0,2})[ \t]([-*•])[ \t](?=[\p{Lu}\d"“`(])/gu;
// An rst underline: a run of one punctuation character standing alone between spaces.
const UNDERLINE = /[ \t](([=~^-])\2{3,79})(?=[ \t]|$)/g;

// A Markdown heading marker in running text: "… cycle. # Property protection Access …".
const INLINE_ATX = /[ \t](#{1,6})[ \t](?=\p{Lu})/gu;
/** Words an inline "# Title" may have before the sentence that follows it starts... */
const INLINE_ATX_WORDS = 12;
/** ...or before its own sentence ends ("## We agreed to retire kolla-cli."). */
const INLINE_ATX_SENTENCE = 25;

export function restoreLineBreaks(text: string): string {
  if (!text.split('\n', 400).some((l) => l.length > LONG_LINE)) return text;
  return text
    .split('\n')
    .map((l) =>
      l.length > LONG_LINE
        ? inlineAtx(underlines(l.replace(INLINE_HEADING, '\n\n$1 $2 $1\n')))
            .replace(INLINE_MARKER, '\n$1')
            .replace(INLINE_BULLET, '\n$1 ')
            .replace(INLINE_SIGN_OFF, '\n\n$1')
        : l,
    )
    .join('\n');
}

/**
 * "… the PTG[1]. Tuesday ====== Ussuri Retrospective ------ As usual …": the title is the text
 * just before the run, about as long as the run (rst underlines are drawn to the title's length),
 * cut at the sentence or the underline before it and at a word boundary.
 */
function underlines(line: string): string {
  let out = '';
  let last = 0;
  for (const m of line.matchAll(UNDERLINE)) {
    const at = m.index;
    const run = m[1];
    const window = line.slice(Math.max(last, at - run.length - 3), at);
    // Cut after a sentence end, a citation "[1]" or a newline already put back.
    const cut = Math.max(
      window.lastIndexOf('. '),
      window.lastIndexOf('! '),
      window.lastIndexOf('? '),
      window.lastIndexOf('] '),
      window.lastIndexOf(': '),
      window.lastIndexOf('\n'),
    );
    let title = cut >= 0 ? window.slice(cut + 1) : window;
    // A window that starts mid-word drops that partial word.
    if (cut < 0 && at - run.length - 3 > last && !/\s/.test(line[at - run.length - 4] ?? ' ')) title = title.replace(/^\S*\s?/, '');
    title = title.trim();
    if (!/\p{L}/u.test(title) || title.length < 2) continue;
    const titleStart = at - (line.slice(0, at).length - line.slice(0, at).trimEnd().length) - title.length;
    out += `${line.slice(last, titleStart)}\n\n${title}\n${run}\n\n`;
    last = at + 1 + run.length;
  }
  return out + line.slice(last);
}

/**
 * "… this cycle. # Property protection Access to extra properties …": a "# Title" whose line
 * breaks were lost, after a sentence's end or right after another such title ("# General ## We
 * agreed …"). Nothing closes the title, so it runs to the first of: the next marker; a word that
 * starts a sentence, capitalised (not an acronym) and followed by two words in lower case
 * ("Access to extra", "At the moment"), or a capitalised article or pronoun ("The", "We") after a
 * title that is not capitalised word by word, within INLINE_ATX_WORDS words; the end of its own
 * sentence ("## We agreed to retire kolla-cli."), within INLINE_ATX_SENTENCE words. A parenthesis
 * the title opens is closed before it ends ("(without Zuul, but possibly with Ansible)"), and a
 * short label that ends in a colon after it ("… cycle Good things: * …") starts the text.
 * Without any, the marker is left in the text.
 */
function inlineAtx(line: string): string {
  let out = '';
  let last = 0;
  for (const m of line.matchAll(INLINE_ATX)) {
    if (m.index + 1 < last) continue;
    const chained = m.index + 1 === last; // right after a title put back: "# General ## We …"
    if (!chained && !/[.!?:)\]][ \t]{0,2}$/.test(line.slice(Math.max(0, m.index - 3), m.index))) continue;
    const from = m.index + m[0].length;
    const words: { text: string; at: number }[] = [];
    for (const w of line.slice(from, from + 300).matchAll(/\S+/g)) words.push({ text: w[0], at: from + w.index });
    const cut = titleEnd(words);
    if (cut < 0) continue;
    const title = line.slice(from, words[cut].at).trim();
    out += `${line.slice(last, m.index)}\n\n${m[1]} ${title}\n`;
    last = words[cut].at;
  }
  return out + line.slice(last);
}

/** Capitalised words that start a sentence, never a sentence-case title's next word. */
const BODY_START = new Set(['The', 'This', 'These', 'Those', 'That', 'We', 'Our', 'It', 'Its', 'There', 'They', 'I']);
/** Words a colon-ended label may have ("Good things:", "Not so good:"). */
const LABEL_WORDS = 3;

/** Index of the first word after an inline title, or -1. */
function titleEnd(words: { text: string }[]): number {
  const cut = titleEndFrom(words, true);
  return cut >= 0 ? cut : titleEndFrom(words, false);
}

function titleEndFrom(words: { text: string }[], closeParens: boolean): number {
  const lower = (w: { text: string } | undefined) => w !== undefined && /^\p{Ll}/u.test(w.text);
  let open = 0;
  let sentenceCase = false;
  for (let k = 1; k <= INLINE_ATX_SENTENCE && k < words.length; k++) {
    const prev = words[k - 1].text;
    if (closeParens) open = Math.max(0, open + count(prev, '(') - count(prev, ')'));
    if (lower(words[k - 1])) sentenceCase = true;
    if (/^#{1,6}$/.test(words[k].text)) return k;
    if (open > 0) continue;
    if (/[.!?]$/.test(prev)) return k;
    if (prev.endsWith(':')) return labelStart(words, k);
    if (k > INLINE_ATX_WORDS) continue;
    if (/^\p{Lu}\p{Ll}/u.test(words[k].text) && lower(words[k + 1]) && lower(words[k + 2])) return k;
    if (k >= 2 && sentenceCase && BODY_START.has(words[k].text)) return k;
  }
  return -1;
}

/** "… Wallaby cycle Good things: * …": the label's first word, when a capital after a lower-case word starts it. */
function labelStart(words: { text: string }[], k: number): number {
  for (let j = k - 1; j >= 1 && k - j <= LABEL_WORDS; j--) {
    if (/^\p{Lu}/u.test(words[j].text) && /^\p{Ll}/u.test(words[j - 1].text)) return j;
  }
  return k;
}

function count(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}
