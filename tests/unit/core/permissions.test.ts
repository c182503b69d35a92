import { describe, expect, it } from 'vitest';
import { allows, defaultPermissions, roleOf } from '../../../src/core/permissions.ts';

const cfg = { ...defaultPermissions, admins: ['irc:gibi', '@uggla:matrix.org'], chairs: ['irc:sean-k-mooney'] };

describe('roleOf', () => {
  it.each([
    [{ key: 'irc:gibi', display: 'gibi', account: 'gibi' }, 'admin'],
    [{ key: 'irc:nick:gibi', display: 'gibi' }, 'anyone'], // same nick, no account: not trusted
    [{ key: 'matrix:@uggla:matrix.org', display: 'uggla' }, 'admin'],
    [{ key: 'irc:sean-k-mooney', display: 'sean' }, 'chair'],
    [{ key: 'irc:nick:x', display: 'x', roleHint: 'chair' }, 'chair'],
    [{ key: 'matrix:@x:y', display: 'x', roleHint: 'admin' }, 'admin'],
    [{ key: 'matrix:@x:y', display: 'x', roleHint: 'anyone' }, 'anyone'],
    [{ key: 'irc:sean-k-mooney', display: 'sean', roleHint: 'anyone' }, 'chair'], // a hint never lowers a listed role
    [{ key: 'console:operator', display: 'you', isLocalOperator: true }, 'admin'],
  ] as const)('%o is %s', (id, role) => {
    expect(roleOf(id, cfg)).toBe(role);
  });
  it('ranks roles', () => {
    expect(allows('admin', 'chair')).toBe(true);
    expect(allows('chair', 'admin')).toBe(false);
    expect(allows('anyone', 'anyone')).toBe(true);
  });
});
