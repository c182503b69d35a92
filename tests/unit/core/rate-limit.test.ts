import { describe, expect, it } from 'vitest';
import { RateLimiter, rateKeys } from '../../../src/core/rate-limit.ts';
import type { Identity } from '../../../src/core/types.ts';

describe('RateLimiter', () => {
  it('allows a burst, notifies once, then stays silent until tokens return', () => {
    const rl = new RateLimiter({ burst: 3, refillSeconds: 2 });
    const verdicts = Array.from({ length: 6 }, () => rl.check('a', 0));
    expect(verdicts).toEqual(['ok', 'ok', 'ok', 'notify', 'silent', 'silent']);
    expect(rl.check('b', 0)).toBe('ok'); // others unaffected
    expect(rl.waitSeconds('a')).toBe(2);
    expect(rl.check('a', 2000)).toBe('ok');
    expect(rl.check('a', 2000)).toBe('notify'); // a new notice after recovering
  });
});

describe('RateLimiter across identities', () => {
  const ircUser = (nick: string, host = 'mallory@203.0.113.9', account?: string): Identity => ({
    key: account ? `irc:${account}` : `irc:nick:${nick}`,
    display: nick,
    host,
    ...(account ? { account } : {}),
  });

  it('gives a new nick no new allowance: the user@host bucket is still empty', () => {
    const rl = new RateLimiter({ burst: 3, refillSeconds: 2 });
    const verdicts = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'].map((nick) => rl.check(rateKeys(ircUser(nick)), 0));
    expect(verdicts).toEqual(['ok', 'ok', 'ok', 'notify', 'silent', 'silent']);
    expect(rl.waitSeconds(rateKeys(ircUser('m7')))).toBe(2);
    // Someone else on another host is unaffected; a services account is its own bucket too.
    expect(rl.check(rateKeys(ircUser('gibi', 'gibi@198.51.100.1', 'gibi')), 0)).toBe('ok');
  });

  it('keeps people on one host apart when their usernames differ (bridges, bouncers, NAT)', () => {
    const rl = new RateLimiter({ burst: 2, refillSeconds: 5 });
    const ok = Array.from({ length: 10 }, (_, i) => rl.check(rateKeys(ircUser(`n${i}`, `u${i}@shared.example`)), 0));
    expect(ok.every((v) => v === 'ok')).toBe(true);
  });

  it('refuses without charging: a refused command does not drain the other buckets', () => {
    const rl = new RateLimiter({ burst: 1, refillSeconds: 10 });
    expect(rl.check(rateKeys(ircUser('a', 'x@h1')), 0)).toBe('ok');
    expect(rl.check(rateKeys(ircUser('a', 'x@h2')), 0)).toBe('notify'); // the nick bucket is empty
    expect(rl.check(rateKeys(ircUser('b', 'x@h2')), 0)).toBe('ok'); // x@h2 was not charged
  });

  it('keeps memory bounded: 200,000 senders leave at most maxBuckets, and full buckets are swept', () => {
    const rl = new RateLimiter({ burst: 5, refillSeconds: 30 }, { maxBuckets: 1000, sweepMs: 60_000 });
    for (let i = 0; i < 200_000; i++) rl.check(`irc:nick:n${i}`, i);
    expect(rl.size).toBeLessThanOrEqual(1000);
    // At the next sweep an active spammer's (empty) bucket survives; buckets full again do not.
    for (let i = 0; i < 6; i++) rl.check('spammer', 200_000);
    rl.check('idle', 200_000);
    expect(rl.check('later', 200_000 + 60_000)).toBe('ok');
    expect(rl.size).toBe(2); // spammer and later
    expect(rl.check('spammer', 200_000 + 60_000)).toBe('ok'); // two tokens earned in 60 s
  });

  it('evicts the least recently used, not the busiest', () => {
    const rl = new RateLimiter({ burst: 1, refillSeconds: 1000 }, { maxBuckets: 3, sweepMs: 1e12 });
    rl.check('a', 1);
    rl.check('b', 2);
    rl.check('c', 3);
    expect(rl.check('a', 4)).toBe('notify'); // a is now the most recent
    rl.check('d', 5); // evicts b
    expect(rl.check('a', 6)).toBe('silent');
    expect(rl.check('b', 7)).toBe('ok');
  });
});
