// The real bot (createApp + Bot + IrcTransport) on a real ngIRCd, talked to by raw-socket users
// who see exactly the bytes the server relays. Penalties off (MaxPenaltyTime = 0) for speed.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { validateConfig } from '../../../src/config.ts';
import type { CommandSpec } from '../../../src/core/types.ts';
import { utf8Length } from '../../../src/core/text.ts';
import { seedIfEmpty } from '../../../src/ptg/bundled.ts';
import { wireLines } from '../../../src/transports/irc/lines.ts';
import { Ngircd, ngircdUnavailable } from '../../helpers/ngircd.ts';
import { startBot, allJoined, type TestBot } from './harness.ts';
import { RawClient, type Line } from './raw-client.ts';

const NOVA = '#nova';
const KICK = '#kicktest';
const LONG = '#' + 'l'.repeat(49); // ngIRCd's CHANNELLEN is 50
// No spaces, 1- to 4-byte code points: the splitter must cut inside the run, between code points.
const LONG_TEXT = 'aé€😀'.repeat(200);

const testCommands: CommandSpec[] = [
  { name: 'say', usage: '<text>', help: 'test: says the text back', permission: 'anyone', handler: (ctx) => ({ lines: [[ctx.args]] }) },
  {
    name: 'echoraw',
    usage: '<text>',
    help: 'test: text plus the CR/LF/NUL a hostile PTG summary could contain',
    permission: 'anyone',
    handler: (ctx) => ({ lines: [[`${ctx.args} \r\nQUIT :pwned\r\nPRIVMSG #nova :#info injected\0 tail`]] }),
  },
  { name: 'longtext', usage: '', help: 'test: one long multibyte line', permission: 'anyone', handler: () => ({ lines: [[LONG_TEXT]] }) },
];

const BOT = 'cyclebot';
const isBotMsg = (l: Line) => l.nick === BOT && (l.command === 'PRIVMSG' || l.command === 'NOTICE');
const settings = {
  channels: [NOVA, KICK, LONG],
  ignore: ['otherbot'],
  rejoinDelaySeconds: 0.5,
  maxLinesPerReply: 10,
  flood: { burst: 10, perSecond: 10, maxQueue: 60 },
};
const topConfig = { rateLimit: { burst: 100, refillSeconds: 1 } };

describe.skipIf(!!ngircdUnavailable)('IRC transport on ngIRCd' + (ngircdUnavailable ? ` (skipped: ${ngircdUnavailable})` : ''), () => {
  const server = new Ngircd();
  let bot: TestBot;
  let alice: RawClient;
  let chanop: RawClient;
  let otherbot: RawClient;

  /** The wire lines the production router + renderer produce for `text` (fresh app: no shared rate limits). */
  async function expected(text: string, room: string): Promise<string[]> {
    const config = validateConfig({ ...topConfig, irc: { host: 'x', ...settings } }, 'test', {});
    const app = createApp({ dbPath: ':memory:', config, log: pino({ level: 'silent' }) });
    seedIfEmpty(app.repo);
    const r = await app.router.handle({ transport: 'irc', room, isPrivate: false, addressed: false, text, sender: { key: 'irc:nick:x', display: 'x' } });
    app.close();
    if (r.kind === 'ignored') return [];
    return r.replies.flatMap((reply) => wireLines(reply, bot.irc.lineBudgetFor(room), settings.maxLinesPerReply));
  }

  /** Sends `!say <token>` as alice and returns the bot's lines to `room` before that echo (a barrier). */
  async function botLinesUntilBarrier(from: number, token: string): Promise<Line[]> {
    alice.privmsg(NOVA, `!say ${token}`);
    await alice.waitFor((l) => isBotMsg(l) && l.text === token, 5000, from);
    const all = alice.lines.slice(from).filter(isBotMsg);
    return all.slice(
      0,
      all.findIndex((l) => l.text === token),
    );
  }

  beforeAll(async () => {
    await server.start();
    chanop = await RawClient.connect(server.port, 'chanop');
    await chanop.join(KICK); // first in the channel: ngIRCd makes chanop an operator there
    bot = await startBot({ irc: { port: server.port, ...settings }, config: topConfig, extraCommands: testCommands });
    await allJoined(bot.irc);
    alice = await RawClient.connect(server.port, 'alice');
    otherbot = await RawClient.connect(server.port, 'otherbot');
    for (const ch of [NOVA, LONG]) await alice.join(ch);
    await otherbot.join(NOVA);
  });

  afterAll(async () => {
    await bot?.stop();
    for (const c of [alice, chanop, otherbot]) await c?.quit();
    await server.stop();
  });

  it('answers !ptg eventlet in the channel with exactly the router reply, and measures the round trip', async () => {
    const want = await expected('!ptg eventlet', NOVA);
    expect(want.join(' ')).toContain('Eventlet removal');
    const from = alice.lines.length;
    const t0 = alice.now();
    alice.privmsg(NOVA, '!ptg eventlet');
    const first = await alice.waitFor((l) => isBotMsg(l), 5000, from);
    const rtts = [first.at - t0];
    const got = await botLinesUntilBarrier(from, 'barrier-rtt');
    expect(got.map((l) => [l.command, l.params[0], l.text])).toEqual(want.map((t) => ['PRIVMSG', NOVA, t]));
    for (let i = 0; i < 4; i++) {
      const at = alice.lines.length;
      const t = alice.now();
      alice.privmsg(NOVA, '!ptg eventlet');
      rtts.push((await alice.waitFor((l) => isBotMsg(l) && l.text === want[0], 5000, at)).at - t);
      await alice.waitFor((l) => isBotMsg(l) && l.text === want[want.length - 1], 5000, at);
    }
    console.log(`round trip !ptg eventlet → first reply line: ${rtts.map((r) => r.toFixed(1)).join(', ')} ms (first is cold)`);
    expect(Math.max(...rtts)).toBeLessThan(2000);
  });

  it('answers a private "ptg eventlet" privately', async () => {
    const from = alice.lines.length;
    alice.privmsg(BOT, 'ptg eventlet');
    const reply = await alice.waitFor((l) => isBotMsg(l), 5000, from);
    expect(reply.params[0]).toBe('alice');
    expect(reply.text).toContain('Eventlet removal');
    const inChannel = (await botLinesUntilBarrier(from, 'barrier-private')).filter((l) => l.params[0] === NOVA);
    expect(inChannel).toEqual([]);
  });

  it('answers "cyclebot: ptg OTU" addressed in the channel', async () => {
    const from = alice.lines.length;
    alice.privmsg(NOVA, 'cyclebot: ptg OTU');
    const reply = await alice.waitFor((l) => isBotMsg(l) && l.params[0] === NOVA, 5000, from);
    expect(reply.text).toContain('One-Time-Use (OTU) Devices');
  });

  it('splits a long multibyte reply into whole-code-point lines within the per-target budget, losing nothing', async () => {
    const budget = bot.irc.lineBudgetFor(LONG);
    // 512 − CRLF − ":cyclebot!~cyclebot@" + 63-byte host + " " − "PRIVMSG <50-byte channel> :" − the "» " guard reserve
    expect(budget).toBe(512 - 2 - (utf8Length(':cyclebot!~cyclebot@ ') + 63) - utf8Length(`PRIVMSG ${LONG} :`) - 3);
    const from = alice.lines.length;
    alice.privmsg(LONG, '!longtext');
    const parts: Line[] = [];
    let text = '';
    while (text.length < LONG_TEXT.length) {
      const l = await alice.waitFor((x) => isBotMsg(x) && x.params[0] === LONG && !parts.includes(x), 5000, from);
      parts.push(l);
      text += l.text;
    }
    expect(text).toBe(LONG_TEXT);
    expect(parts.length).toBe(Math.ceil(utf8Length(LONG_TEXT) / budget));
    for (const [i, l] of parts.entries()) {
      expect(l.bytes).toBeLessThanOrEqual(512);
      expect(l.text).not.toContain('\ufffd');
      expect(utf8Length(l.text)).toBeLessThanOrEqual(budget);
      if (i < parts.length - 1) expect(utf8Length(l.text)).toBeGreaterThan(budget - 4); // cut at the budget, not early
    }
  });

  it('never lets CR/LF/NUL in reply text become a second protocol line', async () => {
    const from = alice.lines.length;
    alice.privmsg(NOVA, '!echoraw hello');
    const got = await botLinesUntilBarrier(from, 'barrier-inject');
    expect(got.map((l) => l.raw)).toEqual([`:${BOT}!~${BOT}@127.0.0.1 PRIVMSG ${NOVA} :hello QUIT :pwned PRIVMSG #nova :#info injected tail`]);
    expect(alice.lines.slice(from).filter((l) => l.nick === BOT && l.command !== 'PRIVMSG')).toEqual([]);
    expect(bot.irc.state).toBe('registered');
  });

  it('survives invalid UTF-8 and control characters in user text', async () => {
    const from = alice.lines.length;
    alice.send(Buffer.concat([Buffer.from(`PRIVMSG ${NOVA} :!ptg zz`), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(' \x01q\x02 \x03zz\r\n')]));
    const got = await botLinesUntilBarrier(from, 'barrier-utf8');
    expect(got).toHaveLength(1);
    expect(got[0].text).toMatch(/^nothing found for "zz.*q.*zz"/);
    expect(bot.irc.state).toBe('registered');
  });

  it('keeps its lines from starting with "#", "!" or a URL (meeting bot, other bots)', async () => {
    const from = alice.lines.length;
    for (const t of ['#startmeeting nova', '!ptg x', 'https://example.org/x is a link', 'plain words']) alice.privmsg(NOVA, `!say ${t}`);
    const got = await botLinesUntilBarrier(from, 'barrier-guard');
    expect(got.map((l) => l.text)).toEqual(['» #startmeeting nova', '» !ptg x', '» https://example.org/x is a link', 'plain words']);
  });

  it('ignores notices, CTCP ACTIONs and nicks on the ignore list', async () => {
    const from = alice.lines.length;
    otherbot.privmsg(NOVA, '!ptg eventlet');
    await alice.waitFor((l) => l.nick === 'otherbot' && l.text === '!ptg eventlet', 5000, from); // relayed to the bot too
    alice.send(`NOTICE ${NOVA} :!ptg eventlet`);
    alice.send(`NOTICE ${BOT} :ptg eventlet`);
    alice.privmsg(NOVA, '\x01ACTION !ptg eventlet\x01');
    alice.privmsg(BOT, '\x01PING 123\x01');
    const got = await botLinesUntilBarrier(from, 'barrier-ignore');
    expect(got).toEqual([]);
    expect(alice.lines.slice(from).filter((l) => l.nick === BOT && l.command === 'NOTICE')).toEqual([]);
  });

  it('tracks channel operators through NAMES, MODE and NICK, and never by nick alone', async () => {
    const whoami = async (c: RawClient, expectRole: string) => {
      const from = c.lines.length;
      c.privmsg(KICK, '!whoami');
      const l = await c.waitFor((x) => isBotMsg(x), 5000, from);
      expect(l.params[0]).toBe(c.nick); // !whoami answers privately
      expect(l.text).toBe(`${c.nick}: no verified account, role ${expectRole}`);
    };
    await whoami(chanop, 'chair'); // op from NAMES (chanop was there before the bot)
    chanop.send(`MODE ${KICK} -o chanop`);
    await chanop.waitFor((l) => l.command === 'MODE' && l.params[1] === '-o');
    await whoami(chanop, 'anyone');
    chanop.send('OPER admin adminpass');
    await chanop.waitFor((l) => l.command === '381');
    chanop.send(`MODE ${KICK} +o chanop`);
    await chanop.waitFor((l) => l.command === 'MODE' && l.params[1] === '+o');
    await whoami(chanop, 'chair');
    chanop.send('NICK chanop_renamed');
    await chanop.waitFor((l) => l.command === 'NICK');
    chanop.nick = 'chanop_renamed';
    await whoami(chanop, 'chair');
    // alice is not an op in #kicktest: joining does not make her one
    await alice.join(KICK);
    const from = alice.lines.length;
    alice.privmsg(KICK, '!whoami');
    expect((await alice.waitFor((x) => isBotMsg(x), 5000, from)).text).toBe('alice: no verified account, role anyone');
  });

  it('rejoins after a kick once rejoinDelaySeconds have passed', async () => {
    const from = chanop.lines.length;
    chanop.send(`KICK ${KICK} ${BOT} :out you go`);
    const kicked = await chanop.waitFor((l) => l.command === 'KICK', 5000, from);
    const joined = await chanop.waitFor((l) => l.nick === BOT && l.command === 'JOIN', 5000, from);
    const ms = joined.at - kicked.at;
    console.log(`kick → rejoin took ${ms.toFixed(0)} ms (rejoinDelaySeconds 0.5)`);
    // No upper bound on a loaded machine: the timing itself is tests/unit/transports/irc/rejoin.test.ts.
    expect(ms).toBeGreaterThanOrEqual(450);
    expect(bot.logs.some((r) => r.msg === `irc: kicked from ${KICK} by ${chanop.nick}; rejoining in 0.5 s`)).toBe(true);
  });

  it('stop() flushes the queue, then quits with the reason', async () => {
    const from = alice.lines.length;
    alice.privmsg(LONG, '!longtext');
    await alice.waitFor((l) => isBotMsg(l) && l.params[0] === LONG, 5000, from);
    await bot.stop();
    const quit = await alice.waitFor((l) => l.nick === BOT && l.command === 'QUIT', 5000, from);
    const text = alice.lines
      .slice(from, alice.lines.indexOf(quit))
      .filter((l) => isBotMsg(l) && l.params[0] === LONG)
      .map((l) => l.text)
      .join('');
    expect(text).toBe(LONG_TEXT);
    expect(quit.text).toContain('test over');
    expect(bot.irc.state).toBe('stopped');
  });
});
