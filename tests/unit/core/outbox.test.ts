import { describe, expect, it } from 'vitest';
import { Outbox, replyLines, type OutLine } from '../../../src/core/outbox.ts';
import { renderIrc } from '../../../src/core/formatting.ts';
import { utf8Length } from '../../../src/core/text.ts';

const line = (text: string): OutLine => ({ target: '#c', text, notice: false });

describe('replyLines', () => {
  it('splits on UTF-8 boundaries within the byte budget and caps the count', () => {
    const reply = { lines: [['ü'.repeat(500)], ['short']] };
    const out = replyLines(reply, renderIrc, 100, 4);
    expect(out).toHaveLength(4);
    expect(out[3]).toBe('(8 more lines not shown)');
    for (const l of out) expect(utf8Length(l)).toBeLessThanOrEqual(100);
    expect(replyLines({ lines: [['a'], ['b']] }, renderIrc, 100, 4)).toEqual(['a', 'b']);
  });
});

describe('Outbox', () => {
  it('sends a burst at once, then paces the rest', async () => {
    const sent: { text: string; at: number }[] = [];
    const start = Date.now();
    const box = new Outbox({ burst: 3, perSecond: 20, maxQueue: 100, send: (l) => void sent.push({ text: l.text, at: Date.now() - start }) });
    box.enqueue(['1', '2', '3', '4', '5', '6'].map(line));
    await box.drained();
    expect(sent.map((s) => s.text)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(sent[2].at).toBeLessThan(120); // the burst goes at once (bound loose for a busy machine)
    expect(sent[5].at).toBeGreaterThanOrEqual(130); // 3 paced lines at 20/s ≥ 150 ms, minus timer slack
  });

  it('drops the oldest lines when full and says so once', async () => {
    const sent: string[] = [];
    let notes = 0;
    const box = new Outbox({
      burst: 1, perSecond: 1000, maxQueue: 5, send: (l) => void sent.push(l.text),
      onOverflow: (n, target) => (notes++, { target, text: `dropped ${n}`, notice: true }),
    });
    box.enqueue(Array.from({ length: 12 }, (_, i) => line(String(i))));
    box.enqueue([line('12')]);
    await box.drained();
    expect(notes).toBe(1);
    expect(sent[0]).toBe('dropped 7'); // the room hears why, first
    expect(sent.slice(1)).toEqual(['7', '8', '9', '10', '11', '12'].filter((s) => sent.includes(s)));
    expect(sent).toContain('12');
    expect(sent.filter((s) => s.startsWith('dropped'))).toHaveLength(1);
  });

  it('keeps going when a send fails', async () => {
    const sent: string[] = [];
    const box = new Outbox({ burst: 5, perSecond: 100, maxQueue: 10, send: (l) => { if (l.text === 'bad') throw new Error('x'); sent.push(l.text); } });
    box.enqueue([line('a'), line('bad'), line('b')]);
    await box.drained();
    expect(sent).toEqual(['a', 'b']);
  });
});

describe('Outbox overflow notice', () => {
  it('keeps the pending notice first when a second flood arrives before it is sent', async () => {
    const sent: string[] = [];
    const box = new Outbox({
      burst: 1, perSecond: 50, maxQueue: 3, send: (l) => void sent.push(l.text),
      onOverflow: (n, target) => ({ target, text: `dropped ${n}`, notice: true }),
    });
    box.enqueue(['1'].map(line));
    box.enqueue(['2', '3', '4', '5'].map(line));
    box.enqueue(['6', '7'].map(line));
    await box.drained();
    expect(sent).toEqual(['1', 'dropped 1', '6', '7']);
  });
});
