// Each transport turns its own room facts (IRC channel operator, Matrix power level) into one role
// hint, and core decides the same way for both: the router sees no op flag and no power level.
import { describe, expect, it } from 'vitest';
import { defaultPermissions } from '../../../src/core/permissions.ts';
import { RateLimiter } from '../../../src/core/rate-limit.ts';
import { Registry } from '../../../src/core/registry.ts';
import { Router, type RouteResult } from '../../../src/core/router.ts';
import type { ChatMessage, CommandSpec, Identity } from '../../../src/core/types.ts';
import { toChatMessage, type IncomingContext } from '../../../src/transports/irc/incoming.ts';
import { matrixRoleHint, toIdentity, type PowerLevelRoles } from '../../../src/transports/matrix/events.ts';

const ok = (name: string, permission: CommandSpec['permission']): CommandSpec => ({
  name,
  usage: '',
  help: '',
  permission,
  handler: () => ({ lines: [[`${name} done`]] }),
});
const router = new Router(new Registry([ok('end', 'chair'), ok('reload', 'admin')]), {
  prefix: '!',
  nick: 'cyclebot',
  permissions: defaultPermissions,
  rateLimiter: new RateLimiter({ burst: 100, refillSeconds: 1 }),
  maxInputChars: 100,
  replyToUnknownInRooms: true,
  log: { warn: () => undefined, error: () => undefined },
  clock: () => new Date(0),
});

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
function ircSender(op: boolean, opsAreChairs = true): Identity {
  const ctx: IncomingContext = {
    transport: 'irc',
    currentNick: 'cyclebot',
    routerNick: 'cyclebot',
    ignore: [],
    sameNick: same,
    isChannel: (n) => n.startsWith('#'),
    configuredChannel: (n) => (same(n, '#nova') ? '#nova' : undefined),
    accountOf: () => undefined,
    isOp: () => op,
    opsAreChairs,
  };
  return toChatMessage({ nick: 'chairnick', target: '#nova', message: 'x' }, ctx)!.sender;
}
const matrixSender = (level: number, levels?: PowerLevelRoles) => toIdentity('@chair:test', 'chair', matrixRoleHint(level, levels));

/** What core decides for a sender: the kind of result and its words. */
async function decide(sender: Identity, command: string): Promise<[string, string]> {
  const msg: ChatMessage = { transport: 't', room: '#nova', isPrivate: false, sender, text: `!${command}`, addressed: false };
  const r: RouteResult = await router.handle(msg);
  return [r.kind, r.kind === 'ignored' ? '' : String(r.replies[0].lines[0][0])];
}

describe('role hints', () => {
  it('an IRC channel operator and a Matrix power level 50 get the same decisions', async () => {
    for (const command of ['end', 'reload']) {
      expect(await decide(ircSender(true), command)).toEqual(await decide(matrixSender(50), command));
    }
    expect(await decide(ircSender(true), 'end')).toEqual(['ok', 'end done']);
    expect(await decide(matrixSender(50), 'reload')).toEqual(['refused', '!reload is for admins only (you are a chair).']);
  });

  it('a plain member on either gets the same refusal', async () => {
    const irc = await decide(ircSender(false), 'end');
    expect(irc).toEqual(await decide(matrixSender(49), 'end'));
    expect(irc).toEqual(['refused', '!end is for chairs only (you are not recognised as one).']);
  });

  it('the transport settings decide the hint: opsAreChairs off, a higher chair level, power level 100', async () => {
    expect((await decide(ircSender(true, false), 'end'))[0]).toBe('refused');
    expect((await decide(matrixSender(50, { chair: 75, admin: 100 }), 'end'))[0]).toBe('refused');
    expect(await decide(matrixSender(100), 'reload')).toEqual(['ok', 'reload done']);
  });
});
