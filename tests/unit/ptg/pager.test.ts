// The !ptg pager: later pages in order, bounded, expiring, built lazily.
import { describe, expect, it } from 'vitest';
import { Pager } from '../../../src/ptg/pager.ts';

describe('Pager', () => {
  it('returns later pages in order and forgets after the last', () => {
    const p = new Pager();
    expect(p.save('k', [[['a']], [['b']], [['c']]], 0)).toBe(2);
    expect(p.next('k', 1)).toEqual({ page: [['b']], remaining: 1 });
    expect(p.next('k', 2)).toEqual({ page: [['c']], remaining: 0 });
    expect(p.next('k', 3)).toBeNull();
  });
  it('expires and stays bounded', () => {
    const p = new Pager(2, 1000);
    p.save('a', [[['1']], [['2']]], 0);
    expect(p.next('a', 5000)).toBeNull();
    p.save('x', [[['1']], [['2']]], 0);
    p.save('y', [[['1']], [['2']]], 0);
    p.save('z', [[['1']], [['2']]], 0);
    expect(p.next('x', 1)).toBeNull();
    expect(p.next('z', 1)).not.toBeNull();
  });
  it('builds deferred pages once, on the first "more", and only if asked', () => {
    const p = new Pager(2, 1000);
    let built = 0;
    p.saveLater('k', () => (built++, [[['b']], [['c']]]), 0);
    p.saveLater('never', () => (built++, [[['x']]]), 0);
    expect(built).toBe(0);
    expect(p.next('k', 1)).toEqual({ page: [['b']], remaining: 1 });
    expect(p.next('k', 2)).toEqual({ page: [['c']], remaining: 0 });
    expect(p.next('k', 3)).toBeNull();
    expect(built).toBe(1);
    p.saveLater('empty', () => [], 0);
    expect(p.next('empty', 1)).toBeNull();
    p.saveLater('old', () => (built++, [[['x']]]), 0);
    expect(p.next('old', 5000)).toBeNull();
    expect(built).toBe(1);
  });
});
