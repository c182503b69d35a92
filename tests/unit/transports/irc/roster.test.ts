import { describe, expect, it } from 'vitest';
import { identityFor, opModes, Roster } from '../../../../src/transports/irc/roster.ts';
import { roleOf, defaultPermissions } from '../../../../src/core/permissions.ts';

// rfc1459 casemapping: A-Z plus []\~ fold to a-z and {}|^
const rfc1459 = (s: string) => s.replace(/[A-Z[\]\\~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
const ops = opModes([{ mode: 'q' }, { mode: 'a' }, { mode: 'o' }, { mode: 'h' }, { mode: 'v' }]);

describe('identityFor', () => {
  it('keys verified users by account and everyone else by nick, in a namespace no account entry matches', () => {
    expect(identityFor('Gibi', 'gibi', 'chair')).toEqual({ key: 'irc:gibi', display: 'Gibi', account: 'gibi', roleHint: 'chair' });
    expect(identityFor('gibi', undefined, undefined)).toEqual({ key: 'irc:nick:gibi', display: 'gibi' });
    expect(identityFor('gibi', undefined, undefined)).toEqual({ key: 'irc:nick:gibi', display: 'gibi' });
  });

  it('gives an admin role to the account, never to the same nick without it', () => {
    const perms = { ...defaultPermissions, admins: ['irc:gibi'] };
    expect(roleOf(identityFor('gibi', 'gibi', undefined), perms)).toBe('admin');
    expect(roleOf(identityFor('gibi', undefined, undefined), perms)).toBe('anyone');
    expect(roleOf(identityFor('mallory', 'gibi', undefined), perms)).toBe('admin'); // logged into gibi's account under another nick
  });
});

describe('opModes', () => {
  it('counts o and every prefix mode ranked above it', () => {
    expect(ops).toEqual(['q', 'a', 'o']);
    expect(opModes([{ mode: 'o' }, { mode: 'v' }])).toEqual(['o']);
    expect(opModes(undefined)).toEqual(['q', 'a', 'o']);
  });
});

describe('Roster', () => {
  function withChannel() {
    const r = new Roster(rfc1459);
    r.resetChannel('#Nova');
    r.setNames('#nova', [
      { nick: 'Chair', modes: ['o'] },
      { nick: 'owner', modes: ['q'] },
      { nick: 'half', modes: ['h'] },
      { nick: 'voiced', modes: ['v'] },
      { nick: 'bot', modes: [] },
    ]);
    return r;
  }

  it('reads ops from NAMES (o, a, q count; h and v do not) with case folding', () => {
    const r = withChannel();
    expect(r.isOp('#NOVA', 'chair', ops)).toBe(true);
    expect(r.isOp('#nova', 'OWNER', ops)).toBe(true);
    expect(r.isOp('#nova', 'half', ops)).toBe(false);
    expect(r.isOp('#nova', 'voiced', ops)).toBe(false);
    expect(r.isOp('#other', 'chair', ops)).toBe(false);
  });

  it('follows +o/-o, joins, parts, kicks and quits', () => {
    const r = withChannel();
    r.setMode('#nova', 'voiced', 'o', true);
    expect(r.isOp('#nova', 'voiced', ops)).toBe(true);
    r.setMode('#nova', 'chair', 'o', false);
    expect(r.isOp('#nova', 'chair', ops)).toBe(false);
    r.join('#nova', 'newbie');
    expect(r.isMember('#nova', 'newbie')).toBe(true);
    expect(r.isOp('#nova', 'newbie', ops)).toBe(false);
    r.setMode('#nova', 'owner', 'o', true);
    r.part('#nova', 'owner'); // part (and kick, which is the same for the roster)
    r.join('#nova', 'owner');
    expect(r.isOp('#nova', 'owner', ops)).toBe(false); // rejoining does not restore op
    r.quit('voiced');
    expect(r.isMember('#nova', 'voiced')).toBe(false);
  });

  it('moves op status and account with a nick change, and the old nick keeps nothing', () => {
    const r = withChannel();
    r.setAccount('chair', 'chairacct');
    r.rename('Chair', 'chair_away');
    expect(r.isOp('#nova', 'chair_away', ops)).toBe(true);
    expect(r.accountOf('chair_away')).toBe('chairacct');
    r.join('#nova', 'chair'); // someone else takes the old nick
    expect(r.isOp('#nova', 'chair', ops)).toBe(false);
    expect(r.accountOf('chair')).toBeUndefined();
  });

  it('folds with the casemapping: [ and { are the same nick under rfc1459', () => {
    const r = new Roster(rfc1459);
    r.setNames('#c', [{ nick: 'x[away]', modes: ['o'] }]);
    expect(r.isOp('#c', 'X{AWAY}', ops)).toBe(true);
  });

  it('remembers accounts only while the user shares a channel, and forgets them on logout or quit', () => {
    const r = withChannel();
    r.setAccount('stranger', 'acct'); // account-notify for someone we cannot watch
    expect(r.accountOf('stranger')).toBeUndefined();
    r.join('#nova', 'gibi', 'gibi'); // extended-join
    expect(r.accountOf('GIBI')).toBe('gibi');
    r.setAccount('gibi', false); // logged out
    expect(r.accountOf('gibi')).toBeUndefined();
    r.setAccount('gibi', 'gibi');
    r.quit('gibi');
    r.join('#nova', 'gibi'); // plain join, no account: a new holder of the nick gets nothing
    expect(r.accountOf('gibi')).toBeUndefined();
    r.join('#nova', 'nick2', false);
    expect(r.accountOf('nick2')).toBeUndefined();
  });

  it('forgets members and their accounts when we leave a channel', () => {
    const r = withChannel();
    r.setAccount('bot', 'botacct');
    r.dropChannel('#nova');
    expect(r.isOp('#nova', 'chair', ops)).toBe(false);
    expect(r.accountOf('bot')).toBeUndefined();
  });

  it('keeps an account while the user is still in another shared channel', () => {
    const r = withChannel();
    r.resetChannel('#two');
    r.join('#two', 'bot');
    r.setAccount('bot', 'botacct');
    r.part('#nova', 'bot');
    expect(r.accountOf('bot')).toBe('botacct');
    r.part('#two', 'bot');
    expect(r.accountOf('bot')).toBeUndefined();
  });
});
