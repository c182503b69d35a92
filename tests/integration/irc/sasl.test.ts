// Real services accounts: InspIRCd + Atheme. The bot logs in with SASL PLAIN; a user identified
// to NickServ is recognised by account (account-tag) and gets the role configured for
// "irc:<account>"; the same nick without the account gets nothing. A wrong SASL password is
// logged clearly and the bot carries on without an account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InspircdAtheme, saslUnavailable } from '../../helpers/inspircd.ts';
import { allJoined, startBot, type TestBot } from './harness.ts';
import { RawClient, type Line } from './raw-client.ts';

const CH = '#sasl';

describe.skipIf(!!saslUnavailable)('IRC services accounts on InspIRCd + Atheme' + (saslUnavailable ? ` (skipped: ${saslUnavailable})` : ''), () => {
  const net = new InspircdAtheme();
  let bot: TestBot;
  let badBot: TestBot;

  async function register(nick: string, password: string): Promise<RawClient> {
    const c = await RawClient.connect(net.port, nick);
    const from = c.lines.length;
    c.privmsg('NickServ', `REGISTER ${password} ${nick}@test.local`);
    const reply = await c.waitFor((l) => l.nick === 'NickServ' && /registered/i.test(l.text), 5000, from);
    expect(reply.text.replace(/\x02/g, '')).toContain(`${nick} is now registered`);
    return c;
  }

  async function whoami(c: RawClient): Promise<Line> {
    const from = c.lines.length;
    c.privmsg(CH, '!whoami');
    return c.waitFor((l) => l.nick === 'cyclebot' && l.command === 'PRIVMSG', 5000, from);
  }

  beforeAll(async () => {
    await net.start();
    await (await register('cyclebot', 'botpass')).quit();
    await (await register('gibi', 'gibipass')).quit();
    bot = await startBot({
      irc: { port: net.port, sasl: { account: 'cyclebot', password: 'botpass' }, channels: [CH], flood: { burst: 10, perSecond: 10, maxQueue: 60 } },
      config: { permissions: { admins: ['irc:gibi'] } },
    });
    await allJoined(bot.irc);
  }, 30_000);

  afterAll(async () => {
    await bot?.stop();
    await badBot?.stop();
    await net.stop();
  });

  it('logs in with SASL PLAIN', () => {
    expect(bot.logs.some((r) => r.msg === 'irc: logged in to services as cyclebot')).toBe(true);
    expect(bot.irc.client.network.cap.isEnabled('account-tag')).toBe(true);
  });

  it('gives the admin role to the account, not to the nick', async () => {
    const gibi = await RawClient.connect(net.port, 'gibi');
    await gibi.join(CH);
    expect((await whoami(gibi)).text).toBe('gibi: no verified account, role anyone'); // not identified yet
    const from = gibi.lines.length;
    gibi.privmsg('NickServ', 'IDENTIFY gibipass');
    await gibi.waitFor((l) => l.nick === 'NickServ' && /identified/i.test(l.text), 5000, from);
    expect((await whoami(gibi)).text).toBe('gibi: account gibi, role admin');
    await gibi.quit();

    const impostor = await RawClient.connect(net.port, 'gibi'); // same nick, no account
    await impostor.join(CH);
    expect((await whoami(impostor)).text).toBe('gibi: no verified account, role anyone');
    await impostor.quit();
  });

  it('logs a failed SASL login clearly and stays connected without an account', async () => {
    badBot = await startBot({
      config: { nick: 'badbot' },
      irc: { port: net.port, sasl: { account: 'cyclebot', password: 'wrong' }, channels: ['#bad'] },
    });
    await allJoined(badBot.irc);
    const failed = badBot.logs.find((r) => r.msg === 'irc: SASL login failed; continuing without a services account (check irc.sasl)');
    expect(failed).toMatchObject({ level: 50, reason: 'fail' });
    expect(badBot.logs.some((r) => String(r.msg).startsWith('irc: logged in'))).toBe(false);
    expect(badBot.irc.state).toBe('registered');
  });
});
