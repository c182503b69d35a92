// Living beside other bots and abusers on a real ngIRCd: a raw client plays OpenDev's Limnoria
// MeetBot (it answers every "!word" it does not know with an error), and a user changes nick
// between commands to get a fresh rate-limit allowance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ngircd, ngircdUnavailable } from '../../helpers/ngircd.ts';
import { allJoined, startBot, type TestBot } from './harness.ts';
import { RawClient, type Line } from './raw-client.ts';

const CH = '#openstack-meeting';

describe.skipIf(!!ngircdUnavailable)('IRC neighbours' + (ngircdUnavailable ? ` (skipped: ${ngircdUnavailable})` : ''), () => {
  const server = new Ngircd();
  let bot: TestBot;
  let meetbot: RawClient;
  let chair: RawClient;
  const isBot = (l: Line) => l.nick === 'cyclebot' && (l.command === 'PRIVMSG' || l.command === 'NOTICE');

  beforeAll(async () => {
    await server.start();
    bot = await startBot({ irc: { port: server.port, channels: [CH] }, config: { rateLimit: { burst: 3, refillSeconds: 600 } } });
    await allJoined(bot.irc);
    meetbot = await RawClient.connect(server.port, 'opendevmeet');
    await meetbot.join(CH);
    // Limnoria with "!" as its command character: an unknown command gets "nick: Error: …".
    meetbot.onLine((l) => {
      const m = /^!(\S+)/.exec(l.text);
      if (l.command === 'PRIVMSG' && l.params[0] === CH && m && !['whoami'].includes(m[1]))
        meetbot.privmsg(CH, `${l.nick}: Error: "${m[1]}" is not a valid command.`);
    });
    chair = await RawClient.connect(server.port, 'chair');
    await chair.join(CH);
  }, 30_000);

  afterAll(async () => {
    await bot?.stop();
    for (const c of [meetbot, chair]) await c?.quit();
    await server.stop();
  });

  it('warns the chairs once when the meeting bot answers our commands with errors, and says so in !status and the log', async () => {
    const from = chair.lines.length;
    chair.privmsg(CH, '!triage stats');
    const warning = await chair.waitFor((l) => isBot(l) && l.text.startsWith('Heads-up for the chairs'), 5000, from);
    expect(warning.text).toBe(
      'Heads-up for the chairs: opendevmeet answers "!triage" with an error. It ignores anyone who sends it 6 unknown commands in 60 s for 10 minutes, and then MeetBot drops their #info and #endmeeting. Address me as "cyclebot: triage …" here, or have my operator set a prefix nobody else uses (prefix: "@").',
    );
    // Once only, however many commands follow.
    chair.privmsg(CH, '!ptg eventlet');
    await chair.waitFor((l) => l.nick === 'opendevmeet' && l.text.includes('"ptg"'), 5000, from);
    chair.privmsg(CH, 'cyclebot: status');
    const status = await chair.waitFor((l) => isBot(l) && l.text.startsWith('warning:'), 5000, from);
    expect(status.text).toBe(`warning: another bot answers ! commands in ${CH} (opendevmeet); use "cyclebot: …" or set prefix: "@"`);
    expect(chair.lines.slice(from).filter((l) => isBot(l) && l.text.startsWith('Heads-up'))).toHaveLength(1);
    expect(bot.logs.filter((r) => r.level === 40 && /opendevmeet answers ! commands with errors/.test(r.msg))).toHaveLength(1);
  });

  it('keeps counting after a change of nick: the user@host bucket is shared', async () => {
    const mallory = await RawClient.connect(server.port, 'mallory');
    await mallory.join(CH);
    const from = mallory.lines.length;
    const ask = async (i: number) => {
      mallory.send(`NICK mal${i}`);
      await mallory.waitFor((l) => l.command === 'NICK' && l.text === `mal${i}`, 5000);
      const at = mallory.lines.length;
      mallory.privmsg(CH, `cyclebot: ptg nothing-like-this-${i}`);
      return at;
    };
    // Burst 3: three answers under three nicks, then one notice for the fourth nick…
    for (let i = 0; i < 3; i++) await mallory.waitFor((l) => isBot(l) && l.text.includes(`nothing-like-this-${i}`), 5000, await ask(i));
    const notice = await mallory.waitFor((l) => isBot(l) && /slow down/.test(l.text), 5000, await ask(3));
    expect(notice.text).toMatch(/^mal3: slow down please, I will answer you again in \d+s\.$/);
    // …then silence, whatever the nick; someone else is still answered.
    await ask(4);
    await ask(5);
    const bystander = await RawClient.connect(server.port, 'bystander');
    await bystander.join(CH);
    bystander.privmsg(CH, 'cyclebot: ptg barrier-after-mallory');
    await bystander.waitFor((l) => isBot(l) && l.text.includes('barrier-after-mallory'), 5000);
    await bystander.quit();
    expect(mallory.lines.slice(from).filter((l) => isBot(l) && /nothing-like-this-[45]|mal[45]/.test(l.text))).toEqual([]);
    await mallory.quit();
  });
});
