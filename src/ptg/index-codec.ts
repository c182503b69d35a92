// A built index (TopicIndex.snapshot()) as one JSON text and a run of byte strings, and back.
// The numbers are varints, each term's positions as the steps between them: a third of the
// index's in-memory size. Written and read a part at a time (PART_BYTES), so neither side ever
// holds the whole byte form and a running bot writes it between other work; a number never
// spans two parts.
import type { IndexSnapshot } from './topic-index.ts';

/** About this many bytes a part: a few milliseconds' work to encode, write, read or decode. */
export const PART_BYTES = 1 << 18;

interface Meta {
  slots: number;
  positions: number;
  totalLength: number;
  documents: string[];
  terms: string[];
  stems: [string, string][];
}

/**
 * The snapshot's numbers (per slot: id, document, length, title words, body length; per term:
 * count, then steps) yielded in parts of about `partBytes`, in order, each valid until the next is
 * asked for (the buffer is reused); then its strings and counts as JSON, the return value.
 */
export function* encodeIndex(s: IndexSnapshot, partBytes = PART_BYTES): Generator<Uint8Array, string, void> {
  const documents = [...new Set(s.documents)];
  const documentOf = new Map(documents.map((d, i) => [d, i]));
  const buf = new Uint8Array(partBytes + 5 * 8); // a slot's five numbers past partBytes
  let at = 0;
  const put = (n: number) => {
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`index codec: ${n} is not a whole number >= 0`);
    for (; n >= 128; n = Math.floor(n / 128)) buf[at++] = (n % 128) | 128;
    buf[at++] = n;
  };
  const part = () => {
    const bytes = buf.subarray(0, at);
    at = 0;
    return bytes;
  };
  for (let slot = 0; slot < s.ids.length; slot++) {
    put(s.ids[slot]);
    put(documentOf.get(s.documents[slot])!);
    put(s.lengths[slot]);
    put(s.titleWords[slot]);
    put(s.bodyLengths[slot]);
    if (at >= partBytes) yield part();
  }
  let positions = 0;
  for (const list of s.postings) {
    put(list.length);
    positions += list.length;
    for (let i = 0, last = 0; i < list.length; i++) {
      put(list[i] - last);
      last = list[i];
      if (at >= partBytes) yield part();
    }
  }
  if (at > 0) yield part();
  const meta: Meta = { slots: s.ids.length, positions, totalLength: s.totalLength, documents, terms: s.terms, stems: s.stems };
  return JSON.stringify(meta);
}

/** The snapshot encodeIndex() was given, from its JSON and its parts in order; throws when they do not fit together. */
export function decodeIndex(metaJson: string, parts: Iterator<Uint8Array>): IndexSnapshot {
  const meta = JSON.parse(metaJson) as Meta;
  let data: Uint8Array = new Uint8Array(0);
  let at = 0;
  const nextPart = () => {
    // A number read past a part's end (its bytes cut short) shows here.
    if (at !== data.length) throw new Error('index codec: a part ends inside a number');
    const r = parts.next();
    if (r.done) throw new Error('index codec: data ends early');
    data = r.value;
    at = 0;
  };
  const next = (): number => {
    if (at >= data.length) nextPart();
    let n = 0;
    let scale = 1;
    for (;;) {
      // Past the end, data[at] is undefined: it reads as 0 and ends the number; nextPart() or the last check shows it.
      const b = data[at++];
      n += (b & 127) * scale;
      if (!(b >= 128)) return n;
      scale *= 128;
    }
  };
  const s: IndexSnapshot = {
    ids: [],
    documents: [],
    lengths: [],
    titleWords: [],
    bodyLengths: [],
    totalLength: meta.totalLength,
    terms: meta.terms,
    postings: [],
    stems: meta.stems,
  };
  for (let slot = 0; slot < meta.slots; slot++) {
    s.ids.push(next());
    const doc = meta.documents[next()];
    if (doc === undefined) throw new Error('index codec: no such document');
    s.documents.push(doc);
    s.lengths.push(next());
    s.titleWords.push(next());
    s.bodyLengths.push(next());
  }
  // Every term's positions in one array, as the build lays them out.
  const positions = new Float64Array(meta.positions);
  let k = 0;
  for (let t = 0; t < meta.terms.length; t++) {
    const from = k;
    const end = k + next();
    if (end > positions.length) throw new Error('index codec: more positions than stored');
    // next() inlined, on copies the closures do not share (kept in registers): this loop reads millions of numbers.
    let d = data;
    let a = at;
    for (let last = 0; k < end;) {
      if (a >= d.length) {
        at = a;
        nextPart();
        d = data;
        a = at;
      }
      let b = d[a++];
      let n = b & 127;
      for (let scale = 128; b >= 128; scale *= 128) n += ((b = d[a++]) & 127) * scale;
      positions[k++] = last += n;
    }
    at = a;
    s.postings.push(positions.subarray(from, k));
  }
  if (k !== positions.length || at !== data.length || !parts.next().done) throw new Error('index codec: data does not match its counts');
  return s;
}
