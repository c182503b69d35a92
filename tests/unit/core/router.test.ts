import { describe, expect, it } from 'vitest';
import { CommandError } from '../../../src/errors.ts';
import { defaultPermissions } from '../../../src/core/permissions.ts';
import { RateLimiter } from '../../../src/core/rate-limit.ts';
import { Registry } from '../../../src/core/registry.ts';
import { Router, type RouteResult } from '../../../src/core/router.ts';
import { renderPlain } from '../../../src/core/formatting.ts';
import { command, rich } from '../../../src/core/rich.ts';
import type { CommandSpec, SubcommandSpec } from '../../../src/core/types.ts';
import { alice, nickOnly, privateMsg, roomMsg } from '../../helpers/messages.ts';

const logged: string[] = [];
const echo: CommandSpec = {
  name: 'echo',
  aliases: ['say'],
  usage: '<text>',
  help: 'echo',
  permission: 'anyone',
  handler: (c) => ({ lines: [[`echo:${c.args}`]] }),
};
const chair: CommandSpec = { name: 'end', usage: '', help: 'chairs', permission: 'chair', handler: () => ({ lines: [['ended']] }) };
const fails: CommandSpec = {
  name: 'boom',
  usage: '',
  help: '',
  permission: 'anyone',
  handler: () => {
    throw new Error('secret detail');
  },
};
const refuses: CommandSpec = {
  name: 'nope',
  usage: '',
  help: '',
  permission: 'anyone',
  handler: () => {
    throw new CommandError('no such bug #1', 'log only');
  },
};

function router(opts: Partial<ConstructorParameters<typeof Router>[1]> = {}) {
  return new Router(new Registry([echo, chair, fails, refuses]), {
    prefix: '!',
    nick: 'cyclebot',
    permissions: { ...defaultPermissions, chairs: ['irc:alice'] },
    rateLimiter: new RateLimiter({ burst: 3, refillSeconds: 10 }),
    maxInputChars: 100,
    replyToUnknownInRooms: true,
    log: { warn: (_o, m) => logged.push(m), error: (_o, m) => logged.push(m) },
    clock: () => new Date(0),
    ...opts,
  });
}
const said = (r: RouteResult) => (r.kind === 'ignored' ? null : r.replies.flatMap((x) => x.lines.map(renderPlain)).join(' / '));

describe('Router', () => {
  it.each([
    ['!echo hi there', 'echo:hi there'],
    ['!say hi', 'echo:hi'],
    ['!ECHO up', 'echo:up'],
    ['cyclebot: echo addressed', 'echo:addressed'],
    ['CycleBot, !echo with prefix', 'echo:with prefix'],
    ['hello everyone', null],
    ['!!!', null],
    ['! echo', null],
    ['!echo a\u0000b\u0001c', 'echo:a b c'],
  ])('%j → %j', async (text, expected) => {
    expect(said(await router().handle(roomMsg(text)))).toBe(expected);
  });

  it('treats any private text as a command', async () => {
    expect(said(await router().handle(privateMsg('echo dm')))).toBe('echo:dm');
  });

  it('answers unknown commands with a suggestion, or stays quiet in rooms when configured', async () => {
    expect(said(await router().handle(roomMsg('!ecko x')))).toBe('unknown command !ecko: did you mean !echo? (!help lists commands)');
    expect(await router({ replyToUnknownInRooms: false }).handle(roomMsg('!ecko x'))).toEqual({ kind: 'ignored' });
    expect(said(await router({ replyToUnknownInRooms: false }).handle(privateMsg('ecko')))).toMatch(/unknown command/);
  });

  it('checks permissions by account, not nick', async () => {
    expect(said(await router().handle(roomMsg('!end', alice)))).toBe('ended');
    const r = await router().handle(roomMsg('!end', { ...nickOnly, display: 'alice' }));
    expect(r.kind).toBe('refused');
    expect(said(r)).toMatch(/for chairs only/);
  });

  it('refuses oversized input with one line', async () => {
    const r = await router().handle(roomMsg('!echo ' + 'x'.repeat(10_000)));
    expect(said(r)).toBe('that message is too long (over 8192 characters; !echo takes at most 100)');
  });

  it('turns errors into user messages without leaking internals', async () => {
    expect(said(await router().handle(roomMsg('!nope')))).toBe('no such bug #1');
    const crashed = await router().handle(roomMsg('!boom'));
    // A crash is told apart from a refusal: tests (the fuzz test) assert there is none.
    expect(crashed.kind).toBe('crashed');
    expect(said(crashed)).toBe("sorry, !boom failed unexpectedly; the error is in the bot's log.");
    expect(said(crashed)).not.toMatch(/secret/);
    expect((await router().handle(roomMsg('!nope'))).kind).toBe('refused');
  });

  it('rate-limits per sender with one notice, others still answered', async () => {
    const r = router();
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await r.handle(roomMsg('!echo spam', nickOnly)));
    expect(results.map((x) => x.kind)).toEqual(['ok', 'ok', 'ok', 'refused', 'ignored', 'ignored']);
    expect(said(results[3])).toMatch(/slow down/);
    expect(said(await r.handle(roomMsg('!echo me', alice)))).toBe('echo:me');
  });

  it('gives a spammer of 100 commands one cooldown notice while others are still answered', async () => {
    const r = router();
    const notices: string[] = [];
    let answeredOthers = 0;
    for (let i = 0; i < 100; i++) {
      const res = await r.handle(roomMsg('!echo spam', nickOnly));
      if (res.kind === 'refused') notices.push(said(res)!);
      if (i % 10 === 0 && said(await r.handle(roomMsg(`!echo ${i}`, { key: `irc:u${i}`, display: `u${i}`, account: `u${i}` }))) === `echo:${i}`)
        answeredOthers++;
    }
    expect(notices).toEqual(['mallory: slow down please, I will answer you again in 10s.']);
    expect(answeredOthers).toBe(10);
  });

  it('rejects duplicate command words at registration', () => {
    expect(() => new Registry([echo, { ...chair, aliases: ['say'] }])).toThrow(/already used by echo/);
  });
});

describe('sub-commands', () => {
  const calls: string[] = [];
  const sub = (name: string, extra: Partial<SubcommandSpec> = {}): SubcommandSpec => ({
    name,
    usage: '',
    handler: (c) => (calls.push(`${name}:${c.args}`), { lines: [rich`${name} ran (${command(`round ${name}`)})`] }),
    ...extra,
  });
  const round: CommandSpec = {
    name: 'round',
    usage: '<sub-command>',
    help: 'rounds',
    permission: 'anyone',
    subcommands: [
      sub('status'),
      sub('start', { permission: 'chair' }),
      sub('start over', { permission: 'admin' }),
      sub('dup', { aliases: ['duplicate'], permission: 'chair' }),
      sub('fetch', { accepts: /^https?:\/\/\S+$/ }),
    ],
    handler: (c) => (calls.push(`round:${c.args}`), { lines: [['round ran']] }),
  };
  const r = (prefix = '!') =>
    new Router(new Registry([round]), {
      prefix,
      nick: 'cyclebot',
      permissions: { ...defaultPermissions, chairs: ['irc:alice'] },
      rateLimiter: new RateLimiter({ burst: 100, refillSeconds: 1 }),
      maxInputChars: 100,
      replyToUnknownInRooms: true,
      log: { warn: () => {}, error: () => {} },
      clock: () => new Date(0),
    });

  it('takes the longest match, aliases included, and hands the rest over as arguments', async () => {
    calls.length = 0;
    await r().handle(roomMsg('!round STATUS  now', alice));
    await r().handle(roomMsg('!round start 5 newest', alice));
    await r().handle(roomMsg('!round duplicate 123', alice));
    await r().handle(roomMsg('!round statusx', alice));
    await r().handle(roomMsg('!round', alice));
    expect(calls).toEqual(['status:now', 'start:5 newest', 'dup:123', 'round:statusx', 'round:']);
    const admin = { key: 'console:operator', display: 'op', isLocalOperator: true };
    expect((await r().handle(roomMsg('!round start over 3', admin))).kind).toBe('ok');
    expect(calls.at(-1)).toBe('start over:3');
  });

  it('checks the permission of the sub-command and words every refusal the same way', async () => {
    calls.length = 0;
    const refusals = [];
    for (const text of ['!round start', '!round dup 1', '!round duplicate 1']) refusals.push(said(await r().handle(roomMsg(text, nickOnly))));
    refusals.push(said(await r().handle(roomMsg('!round start over', alice))));
    expect(refusals).toEqual([
      '!round start is for chairs only (you are not recognised as one).',
      '!round dup is for chairs only (you are not recognised as one).',
      '!round dup is for chairs only (you are not recognised as one).',
      '!round start over is for admins only (you are a chair).',
    ]);
    expect(calls).toEqual([]);
    expect(said(await r().handle(roomMsg('!round status', nickOnly)))).toBe('status ran (!round status)');
  });

  it('gives text a sub-command does not accept to the command itself', async () => {
    calls.length = 0;
    await r().handle(roomMsg('!round fetch https://example.org/x', alice));
    await r().handle(roomMsg('!round fetch plugins', alice));
    expect(calls).toEqual(['fetch:https://example.org/x', 'round:fetch plugins']);
  });

  it('renders command elements with the configured prefix, refusals included', async () => {
    expect(said(await r('.').handle(roomMsg('.round status', alice)))).toBe('status ran (.round status)');
    expect(said(await r('.').handle(roomMsg('.round start', nickOnly)))).toBe('.round start is for chairs only (you are not recognised as one).');
    expect(said(await r('.').handle(roomMsg('.rond', alice)))).toBe('unknown command .rond: did you mean .round? (.help lists commands)');
  });

  it('rejects duplicate sub-command words at registration', () => {
    expect(() => new Registry([{ ...round, subcommands: [sub('a'), sub('b', { aliases: ['A'] })] }])).toThrow(/already used by round a/);
  });
});
