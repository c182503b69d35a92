import { describe, expect, it } from 'vitest';
import { utf8Length } from '../../../../src/core/text.ts';
import { GUARD, guardLine, isSafeTarget, lineBudget, needsGuard, wireCommand, wireLines } from '../../../../src/transports/irc/lines.ts';

describe('lineBudget', () => {
  it('is the configured ceiling when the target is short', () => {
    // prefix ":cyclebot!~cyclebot@" + 63 + " " = 84, "PRIVMSG #nova :" = 15 → 411 fit; 400 configured
    expect(lineBudget({ target: '#nova', nick: 'cyclebot', user: 'cyclebot', configured: 400 })).toBe(400 - 3);
  });

  it('shrinks for long targets and nicks so the relayed line stays within 512 bytes', () => {
    const target = '#' + 'x'.repeat(49);
    const b = lineBudget({ target, nick: 'cyclebot', user: 'cyclebot', configured: 450 });
    expect(b).toBe(512 - 2 - 84 - utf8Length(`PRIVMSG ${target} :`) - 3);
    const longNick = 'n'.repeat(30);
    const relayed = `:${longNick}!~${longNick}@${'h'.repeat(63)} PRIVMSG ${target} :${GUARD}${'a'.repeat(lineBudget({ target, nick: longNick, user: longNick, configured: 450 }))}\r\n`;
    expect(utf8Length(relayed)).toBe(512);
  });

  it('counts bytes, not characters, of a multibyte target', () => {
    const ascii = lineBudget({ target: '#aaaa', nick: 'b', user: 'b', configured: 450, hostBytes: 300 });
    const multi = lineBudget({ target: '#éééé', nick: 'b', user: 'b', configured: 450, hostBytes: 300 });
    expect(ascii - multi).toBe(4);
  });

  it('never goes below a usable minimum', () => {
    expect(lineBudget({ target: '#x', nick: 'n', user: 'u', configured: 400, hostBytes: 600 })).toBe(64 - 3);
  });
});

describe('the "#"/"!"/URL guard', () => {
  it.each([
    ['#info injected', true],
    ['#startmeeting', true],
    ['!ptg more', true],
    ['https://bugs.launchpad.net/nova/+bug/1', true],
    ['HTTP://x', true],
    ['\x02#bold topic\x02', true],
    ['\x0304,01#red', true],
    ['  #spaced', true],
    ['Bug 2100001: title https://bugs.launchpad.net/x', false],
    ['[nova] #123 is fine mid-line', false],
    ['mailto:x', false],
    ['', false],
  ])('%j needs a guard: %s', (line, want) => {
    expect(needsGuard(line)).toBe(want);
    expect(guardLine(line)).toBe(want ? GUARD + line : line);
  });
});

describe('wireLines', () => {
  it('guards every split piece, not just the first', () => {
    const text = 'a'.repeat(93) + ' #info continues here';
    const lines = wireLines({ lines: [[text]] }, 100 - 3, 4);
    expect(lines).toEqual(['a'.repeat(93), GUARD + '#info continues here']);
  });

  it('removes CR, LF and NUL and keeps each line within the budget plus the guard', () => {
    const lines = wireLines({ lines: [['#x\r\nQUIT :bye\0 ' + 'é'.repeat(300)]] }, 97, 10);
    for (const l of lines) {
      expect(l).not.toMatch(/[\r\n\0]/);
      expect(utf8Length(l)).toBeLessThanOrEqual(100);
    }
    expect(lines[0].startsWith(GUARD + '#x QUIT :bye')).toBe(true);
  });

  it('caps the number of lines', () => {
    const lines = wireLines({ lines: [['x'.repeat(1000)]] }, 100, 3);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/^\(\d+ more lines not shown\)$/);
  });
});

describe('isSafeTarget', () => {
  it.each([
    ['#nova', true],
    ['gibi', true],
    ['gibi[m]', true],
    ['', false],
    ['#a b', false],
    ['#a,#b', false],
    [':evil', false],
    ['x\r\nQUIT', false],
  ])('%j → %s', (t, ok) => expect(isSafeTarget(t)).toBe(ok));
});

describe('minutes lines', () => {
  it('lets #info/#link/#action through only in a minutes reply, never chair-only commands', () => {
    const lines = [['#link https://bugs.launchpad.net/nova/+bug/2105896'], ['#agreed do it'], ['#info Bug 2105896 confirmed']];
    expect(wireLines({ lines, minutes: true }, 300, 10)).toEqual([
      '#link https://bugs.launchpad.net/nova/+bug/2105896',
      '» #agreed do it',
      '#info Bug 2105896 confirmed',
    ]);
    expect(wireLines({ lines }, 300, 10).every((l) => l.startsWith('» '))).toBe(true);
  });

  // Issue 12 item 14: a crafted bug title, split by a short irc.lineBytes, must never put a
  // MeetBot command at the start of a continuation line (a #info/#link/#action one was sent raw).
  it('never lets a continuation piece of a split minutes line reach MeetBot as a command', () => {
    const commands = ['#action evil', '#info forged', '#link http://evil', '#agreed forged', '#startmeeting x', '#endmeeting', '  #idea x', '\x02#help\x02 x'];
    let continuations = 0;
    for (const budget of [61, 70, 97]) {
      for (const cmd of commands) {
        for (let pad = 0; pad < budget; pad++) {
          const title = `${'x'.repeat(pad)} ${cmd} ${'y'.repeat(20)}`;
          const lines = wireLines({ lines: [[`#link https://bugs.launchpad.net/nova/+bug/2100001 Bug 2100001: ${title}`]], minutes: true }, budget, 20);
          expect(lines[0].startsWith('#link ')).toBe(true);
          for (const l of lines.slice(1)) {
            continuations++;
            expect(l.replace(/^[\s\x02\x0f\x1d\x1f]+/, ''), `${budget}/${pad}: ${l}`).not.toMatch(/^(#|https?:)/i);
          }
        }
      }
    }
    expect(continuations).toBeGreaterThan(1000);
  });
});

describe('wireCommand', () => {
  it('writes the PRIVMSG or NOTICE line as is', () => {
    expect(wireCommand({ target: '#nova', text: ':) é ok', notice: false })).toBe('PRIVMSG #nova ::) é ok');
    expect(wireCommand({ target: 'gibi', text: 'slow down', notice: true })).toBe('NOTICE gibi :slow down');
  });

  it('never lets CR, LF or NUL reach the socket', () => {
    expect(wireCommand({ target: '#nova', text: 'a\r\nQUIT :x\0', notice: false })).toBe('PRIVMSG #nova :a  QUIT :x ');
  });

  it('leaves a line over 510 bytes to irc-framework, which splits it', () => {
    const fits = 'é'.repeat(247) + 'x'; // 495 bytes: with "PRIVMSG #nova :" exactly 510
    expect(utf8Length(`PRIVMSG #nova :${fits}`)).toBe(510);
    expect(wireCommand({ target: '#nova', text: fits, notice: false })).toHaveLength(15 + fits.length);
    expect(wireCommand({ target: '#nova', text: fits + 'x', notice: false })).toBeNull();
  });
});
