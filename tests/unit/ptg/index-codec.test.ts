// The stored form of an index: what goes in comes out, to the last position, and a byte string
// that does not fit its counts is refused rather than read as another index.
import { describe, expect, it } from 'vitest';
import { decodeIndex, encodeIndex } from '../../../src/ptg/index-codec.ts';
import type { IndexSnapshot } from '../../../src/ptg/topic-index.ts';

const SLOT = 2 ** 23;

function snapshot(): IndexSnapshot {
  return {
    ids: [7, 8, 2 ** 40],
    documents: ['a', 'b', 'a'],
    lengths: [3, 0, 200],
    titleWords: [1, 0, 2],
    bodyLengths: [2, 0, 127],
    totalLength: 203,
    terms: ['migrat', 'vtpm', 'é'],
    postings: [Float64Array.of(0, 1, 2 * SLOT + 2 ** 20 + 5), Float64Array.of(2 * SLOT), Float64Array.of(100_000 * SLOT + 4 * 2 ** 20 + 127)],
    stems: [
      ['migration', 'migrat'],
      ['vtpm', 'vtpm'],
    ],
  };
}

const plain = (s: IndexSnapshot) => ({ ...s, postings: s.postings.map((p) => Array.from(p)) });

/** The JSON and copies of the parts (encodeIndex reuses its buffer). */
function encode(s: IndexSnapshot, partBytes?: number): { meta: string; parts: Uint8Array[] } {
  const parts: Uint8Array[] = [];
  const steps = encodeIndex(s, partBytes);
  for (;;) {
    const r = steps.next();
    if (r.done) return { meta: r.value, parts };
    parts.push(r.value.slice());
  }
}
const decode = ({ meta, parts }: { meta: string; parts: Uint8Array[] }) => decodeIndex(meta, parts[Symbol.iterator]());

describe('index codec', () => {
  it('gives back the snapshot it was given, in one part or many', () => {
    const s = snapshot();
    expect(encode(s).parts).toHaveLength(1);
    expect(plain(decode(encode(s)))).toEqual(plain(s));
    const small = encode(s, 4);
    expect(small.parts.length).toBeGreaterThan(5);
    expect(plain(decode(small))).toEqual(plain(s));
    // Positions share one array, as a built index's do.
    const back = decode(small);
    expect(back.postings[1].buffer).toBe(back.postings[0].buffer);
  });

  it('refuses parts cut short, missing or added, and numbers it cannot store', () => {
    const { meta, parts } = encode(snapshot(), 4);
    const cut = (i: number) => parts.map((p, k) => (k === i ? p.subarray(0, p.length - 1) : p));
    for (let i = 0; i < parts.length; i++) expect(() => decode({ meta, parts: cut(i) }), `part ${i}`).toThrow(/index codec/);
    expect(() => decode({ meta, parts: parts.slice(0, -1) })).toThrow(/index codec/);
    expect(() => decode({ meta, parts: [...parts, Uint8Array.of(0)] })).toThrow(/index codec/);
    expect(() => decode({ meta, parts: [...parts.slice(0, -1), Uint8Array.of(...parts[parts.length - 1], 0)] })).toThrow(/index codec/);
    expect(() => encode({ ...snapshot(), lengths: [3, -1, 200] })).toThrow(/index codec/);
    expect(() => encode({ ...snapshot(), postings: [Float64Array.of(0.5), Float64Array.of(1), Float64Array.of(2)] })).toThrow(/index codec/);
  });
});
