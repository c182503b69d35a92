// Two teams on one real ngIRCd connection: each team's channel answers from its own data (its PTG
// summaries, its schedule); the channel they share asks which team outside a meeting and takes the
// team from the meeting bot's "The meeting name has been set to …" during one; !teams lists both.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importText } from '../../../src/ptg/importer.ts';
import { ROOT } from '../../helpers/cli.ts';
import { Ngircd, ngircdUnavailable } from '../../helpers/ngircd.ts';
import { allJoined, startBot, type TestBot } from '../irc/harness.ts';
import { RawClient, type Line } from '../irc/raw-client.ts';

const NOVA = '#openstack-nova';
const NEUTRON = '#openstack-neutron';
const SHARED = '#openstack-meeting';
const BOT = 'cyclebot';
const isBot = (l: Line) => l.nick === BOT && (l.command === 'PRIVMSG' || l.command === 'NOTICE');
const config = {
  rateLimit: { burst: 100, refillSeconds: 1 },
  teams: [
    { name: 'nova', channels: [`irc:${NOVA}`, `irc:${SHARED}`] },
    { name: 'neutron', channels: [`irc:${NEUTRON}`, `irc:${SHARED}`], projects: ['neutron', 'networking-ovn'] },
  ],
};

describe.skipIf(!!ngircdUnavailable)('two teams on one ngIRCd connection' + (ngircdUnavailable ? ` (skipped: ${ngircdUnavailable})` : ''), () => {
  const server = new Ngircd();
  let bot: TestBot;
  let alice: RawClient;
  let meetbot: RawClient;

  /**
   * Says `text` in `room` as alice; resolves with the bot's line back (to the room, or a notice to
   * alice) that matches `want`, bold codes removed. Waiting for the match, not the next line: the
   * previous answer's last lines may still be arriving (flood control paces them).
   */
  async function ask(room: string, text: string, want: RegExp): Promise<Line> {
    const from = alice.lines.length;
    alice.privmsg(room, text);
    const plain = (l: Line) => l.text.replace(/\x02/g, '');
    const l = await alice.waitFor((l) => isBot(l) && (l.params[0] === room || l.params[0] === 'alice') && want.test(plain(l)), 10_000, from);
    return { ...l, text: plain(l) };
  }

  beforeAll(async () => {
    await server.start();
    // No irc.channels: the teams name them, and the bot joins their union.
    bot = await startBot({ irc: { port: server.port, flood: { burst: 10, perSecond: 10, maxQueue: 60 } }, config });
    importText(bot.app.repo, fs.readFileSync(path.join(ROOT, 'data/ptg/neutron-wallaby.md'), 'utf8'), 'neutron-wallaby', {
      project: 'neutron',
      cycle: 'wallaby',
    });
    // As cyclebot run wires it: the meeting tracker sees every line (the meeting bot is observed, not answered).
    bot.bot.observe((msg, now) => bot.app.meetings.observe(msg, now));
    await allJoined(bot.irc);
    alice = await RawClient.connect(server.port, 'alice');
    meetbot = await RawClient.connect(server.port, 'opendevmeet');
    for (const ch of [NOVA, NEUTRON, SHARED]) await alice.join(ch);
    await meetbot.join(SHARED);
  });

  afterAll(async () => {
    await bot?.stop();
    for (const c of [alice, meetbot]) await c?.quit();
    await server.stop();
  });

  it('joins the union of the teams channels on one connection', () => {
    expect(bot.irc.cfg.channels).toEqual([NOVA, SHARED, NEUTRON]);
    expect([...bot.irc.events.joined].sort()).toEqual([NEUTRON, NOVA, SHARED].sort());
  });

  it("each team's channel answers from that team's data", async () => {
    await ask(NOVA, '!ptg ovn', /^\[nova 2025\.2 flamingo\] OVN Migration/);
    await ask(NEUTRON, '!ptg ovn', /^\[neutron wallaby\] /);
    await ask(NEUTRON, '!ptg rbac', /^\[nova team: nova 2025\.2 flamingo\] Secure RBAC/);
    await ask(NOVA, '!schedule', /^(Next|Nothing coming) for Nova: /);
    await ask(NEUTRON, '!schedule', /^(Next|Nothing coming) for Neutron: /);
  });

  it('the shared channel asks which team outside a meeting and takes the meeting team during one', async () => {
    const asked = await ask(SHARED, '!schedule', /^which team\? /);
    expect([asked.command, asked.params[0]]).toEqual(['NOTICE', 'alice']);
    expect(asked.text).toBe("which team? this channel is shared by nova, neutron (!teams): say !schedule <team>, or ask during the team's meeting");
    await ask(SHARED, '!schedule nova', /^(Next|Nothing coming) for Nova: /);
    meetbot.privmsg(SHARED, 'Meeting started Sat Dec  5 07:00:00 2026 UTC and is due to finish in 60 minutes.  The chair is alice.');
    meetbot.privmsg(SHARED, "The meeting name has been set to 'neutron'");
    // The banners reach the bot before alice's question (one server, in order).
    await alice.waitFor((l) => l.nick === 'opendevmeet' && l.text.startsWith('The meeting name'), 5000, 0);
    await ask(SHARED, '!schedule', /^(Next|Nothing coming) for Neutron: /);
    await ask(SHARED, '!ptg ovn', /^\[neutron wallaby\] /);
    meetbot.privmsg(SHARED, 'Meeting ended Sat Dec  5 07:30:00 2026 UTC.  Information about MeetBot at http://wiki.debian.org/MeetBot . (v 0.1.4)');
    await alice.waitFor((l) => l.nick === 'opendevmeet' && l.text.startsWith('Meeting ended'), 5000, 0);
    await ask(SHARED, '!schedule', /^which team\? /);
  });

  it('!teams lists both teams and their channels', async () => {
    expect((await ask(NOVA, '!teams', /^2 teams: /)).text).toBe(
      '2 teams: nova #openstack-nova, #openstack-meeting (shared) · neutron #openstack-neutron, #openstack-meeting (shared)',
    );
  });
});
