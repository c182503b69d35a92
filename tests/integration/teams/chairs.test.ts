// Each team's chairs and triage.permission, on a real IRC network with services accounts
// (InspIRCd + Atheme: ngIRCd has none). A team's chairs are recognised by their NickServ account
// (account-tag), never by nick: nova's chair cannot start or decide in neutron's channel, nor in
// neutron's round in the shared channel; neutron's chair runs neutron's rounds in its channel and,
// naming the team, in the shared one; a team whose triage.permission is "anyone" lets anyone start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeLaunchpad } from '../../helpers/fake-launchpad.ts';
import { InspircdAtheme, saslUnavailable } from '../../helpers/inspircd.ts';
import { allJoined, startBot, type TestBot } from '../irc/harness.ts';
import { RawClient, type Line } from '../irc/raw-client.ts';

const NOVA = '#openstack-nova';
const NEUTRON = '#openstack-neutron';
const CINDER = '#openstack-cinder';
const SHARED = '#openstack-meeting';
const BOT = 'cyclebot';
// A line starting with "!" is guarded on IRC (no other bot reads it as a command).
const refused = (sub: string) => `» !triage ${sub} is for chairs only (you are not recognised as one).`;
const isBot = (l: Line) => l.nick === BOT && (l.command === 'PRIVMSG' || l.command === 'NOTICE');

describe.skipIf(!!saslUnavailable)('team chairs by services account' + (saslUnavailable ? ` (skipped: ${saslUnavailable})` : ''), () => {
  const net = new InspircdAtheme();
  const fake = new FakeLaunchpad();
  fake.projects.add('neutron');
  fake.projects.add('cinder');
  let bot: TestBot;
  let gibi: RawClient;
  let ralonsoh: RawClient;
  let bob: RawClient;

  async function register(nick: string, password: string): Promise<void> {
    const c = await RawClient.connect(net.port, nick);
    const from = c.lines.length;
    c.privmsg('NickServ', `REGISTER ${password} ${nick}@test.local`);
    await c.waitFor((l) => l.nick === 'NickServ' && /registered/i.test(l.text), 5000, from);
    await c.quit();
  }

  async function identify(c: RawClient, password: string): Promise<void> {
    const from = c.lines.length;
    c.privmsg('NickServ', `IDENTIFY ${password}`);
    await c.waitFor((l) => l.nick === 'NickServ' && /identified/i.test(l.text), 5000, from);
  }

  /**
   * Says `text` in `room`; resolves with the bot's line back (to the room, or to the sender) that
   * matches `want`, bold codes removed. Waiting for the match, not the next line: the previous
   * answer's last lines may still be arriving.
   */
  async function say(c: RawClient, room: string, text: string, want: RegExp | string): Promise<Line> {
    const from = c.lines.length;
    c.privmsg(room, text);
    const plain = (l: Line) => l.text.replace(/\x02/g, '');
    const match = (t: string) => (typeof want === 'string' ? t === want : want.test(t));
    const l = await c.waitFor((l) => isBot(l) && (l.params[0] === room || l.params[0] === c.nick) && match(plain(l)), 10_000, from);
    return { ...l, text: plain(l) };
  }

  beforeAll(async () => {
    await Promise.all([net.start(), fake.start()]);
    await register(BOT, 'botpass');
    await register('gibi', 'gibipass');
    await register('ralonsoh', 'ralonsohpass');
    bot = await startBot({
      irc: { port: net.port, sasl: { account: BOT, password: 'botpass' }, flood: { burst: 20, perSecond: 20, maxQueue: 100 } },
      config: {
        rateLimit: { burst: 100, refillSeconds: 1 },
        launchpad: { url: fake.url, allowHttp: true, timeoutSeconds: 2, retries: 0 },
        teams: [
          { name: 'nova', channels: [`irc:${NOVA}`, `irc:${SHARED}`], chairs: ['irc:gibi'] },
          { name: 'neutron', channels: [`irc:${NEUTRON}`, `irc:${SHARED}`], chairs: ['irc:ralonsoh'] },
          { name: 'cinder', channels: [`irc:${CINDER}`], triage: { permission: 'anyone' } },
        ],
      },
    });
    // The bot joins first (it is the channels' operator): no one else is a chair by channel mode.
    await allJoined(bot.irc);
    gibi = await RawClient.connect(net.port, 'gibi');
    ralonsoh = await RawClient.connect(net.port, 'ralonsoh');
    bob = await RawClient.connect(net.port, 'bob');
    for (const c of [gibi, ralonsoh, bob]) for (const ch of [NOVA, NEUTRON, CINDER, SHARED]) await c.join(ch);
  }, 60_000);

  afterAll(async () => {
    await bot?.stop();
    for (const c of [gibi, ralonsoh, bob]) await c?.quit();
    await Promise.all([net.stop(), fake.stop()]);
  });

  it("a team's chair is its chair by account, in its channels only", async () => {
    // The nick alone is nobody: ralonsoh is not identified yet.
    const first = await say(ralonsoh, NEUTRON, '!triage start 2', refused('start'));
    expect(first.command).toBe('NOTICE');
    await identify(ralonsoh, 'ralonsohpass');
    await identify(gibi, 'gibipass');
    // nova's chair in neutron's channel: neither starting nor naming his own team there.
    await say(gibi, NEUTRON, '!triage start 2', refused('start'));
    await say(gibi, NEUTRON, '!triage start nova 2', "nova's triage rounds run in its own channels (!teams nova lists them); nothing started");
    await say(ralonsoh, NEUTRON, '!triage start 2', /^Bug triage, neutron: \d+ untriaged .* This round: 2 bugs, newest first\.$/);
    // neutron's round: nova's chair cannot decide or end it; its chair can.
    await say(gibi, NEUTRON, '!triage confirm', refused('confirm'));
    await say(gibi, NEUTRON, '!triage end', refused('end'));
    await say(ralonsoh, NEUTRON, '!triage confirm', /^Bug \d+: Confirmed — recorded for ralonsoh$/);
    await say(ralonsoh, NEUTRON, '!triage end', /^Triage round ended: 1 bug reviewed .* untriaged neutron bugs /);
    // And nova's own channel is gibi's.
    await say(gibi, NOVA, '!triage start 1', /^Bug triage, nova: /);
    await say(ralonsoh, NOVA, '!triage end', refused('end'));
    await say(gibi, NOVA, '!triage end', /^Triage round ended: /);
  });

  it('in the shared channel, the chairs of the team named, then of the team whose round runs', async () => {
    await say(gibi, SHARED, '!triage start neutron 1', refused('start'));
    await say(ralonsoh, SHARED, '!triage start neutron 1', /^Bug triage, neutron: .* This round: 1 bug, newest first/);
    // neutron's round runs here: every !triage command is neutron's, and so are its chairs.
    await say(gibi, SHARED, '!triage skip', refused('skip'));
    await say(gibi, SHARED, '!triage start nova 1', refused('start'));
    await say(ralonsoh, SHARED, '!triage skip', /^Bug \d+: skipped — recorded for ralonsoh$/);
    await say(ralonsoh, SHARED, '!triage end', /^Triage round ended: .* untriaged neutron bugs /);
  });

  it("a team's own triage.permission: anyone may run cinder's rounds, in cinder's channel only", async () => {
    await say(bob, CINDER, '!triage start 1', /^Bug triage, cinder: /);
    await say(bob, CINDER, '!triage defer', /^Bug \d+: deferred — recorded for bob$/);
    await say(bob, CINDER, '!triage end', /^Triage round ended: /);
    await say(bob, NOVA, '!triage start 1', refused('start'));
  });
});
