// One triage round on a real IRC server (ngIRCd): the production bot (createApp + Bot +
// IrcTransport) against the fake Launchpad, the chair a channel operator, the meeting opened by
// a client named like OpenDev's meeting bot, a second chair typing at the same moment. Checks
// what the channel really receives: at most four lines per bug, refusals as NOTICEs to the asker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeLaunchpad } from '../../helpers/fake-launchpad.ts';
import { Ngircd, ngircdUnavailable } from '../../helpers/ngircd.ts';
import { allJoined, startBot, type TestBot } from '../irc/harness.ts';
import { RawClient, type Line } from '../irc/raw-client.ts';

const CHAN = '#triage-test';
const isBot = (l: Line) => l.nick === 'cyclebot' && (l.command === 'PRIVMSG' || l.command === 'NOTICE');

describe.skipIf(!!ngircdUnavailable)('a triage round on IRC' + (ngircdUnavailable ? ` (skipped: ${ngircdUnavailable})` : ''), () => {
  const server = new Ngircd();
  const fake = new FakeLaunchpad();
  let bot: TestBot;
  let chair: RawClient;
  let second: RawClient;
  let meetbot: RawClient;

  beforeAll(async () => {
    await Promise.all([server.start(), fake.start()]);
    chair = await RawClient.connect(server.port, 'gibi');
    await chair.join(CHAN); // first in the channel: operator, hence chair
    bot = await startBot({
      irc: { port: server.port, channels: [CHAN], maxLinesPerReply: 10, flood: { burst: 20, perSecond: 10, maxQueue: 100 } },
      config: { rateLimit: { burst: 100, refillSeconds: 1 }, launchpad: { url: fake.url, allowHttp: true, timeoutSeconds: 2, retries: 0 } },
    });
    bot.bot.observe((msg, now) => bot.app.meetings.observe(msg, now));
    await allJoined(bot.irc);
    meetbot = await RawClient.connect(server.port, 'opendevmeet');
    await meetbot.join(CHAN);
    second = await RawClient.connect(server.port, 'bauzas');
    await second.join(CHAN);
  }, 30_000);

  afterAll(async () => {
    await bot?.stop();
    for (const c of [chair, second, meetbot]) await c?.quit();
    await Promise.all([server.stop(), fake.stop()]);
  });

  it('runs a 5-bug round in a meeting in at most 4 channel lines per bug; refusals go to the asker as a NOTICE', async () => {
    const from = chair.lines.length;
    meetbot.privmsg(
      CHAN,
      'Meeting started Tue Jun 10 16:00:12 2025 UTC and is due to finish in 60 minutes.  The chair is gibi. Information about MeetBot at http://wiki.debian.org/MeetBot.',
    );
    meetbot.privmsg(CHAN, "The meeting name has been set to 'nova'");
    chair.send(`MODE ${CHAN} +o bauzas`);
    await second.waitFor((l) => l.command === 'MODE' && l.params.includes('bauzas'), 5000);
    await new Promise((r) => setTimeout(r, 200)); // the banners and the mode reach the bot before the command
    const shown = (n: number) => (l: Line) => isBot(l) && l.params[0] === CHAN && l.text.includes(` — ${n} of 5`);
    chair.privmsg(CHAN, '!triage start 5');
    await chair.waitFor((l) => isBot(l) && l.text.startsWith('decide: '), 10_000, from);

    // A usage error: to gibi alone, as a NOTICE.
    chair.privmsg(CHAN, '!triage confirm bogus');
    const usage = await chair.waitFor((l) => isBot(l) && l.text.startsWith('usage: !triage confirm'), 10_000, from);
    expect([usage.command, usage.params[0]]).toEqual(['NOTICE', 'gibi']);

    // Two chairs at once: one decision lands on the bug discussed, the other is asked to name its bug.
    chair.privmsg(CHAN, '!triage confirm high');
    second.privmsg(CHAN, '!triage confirm low');
    await chair.waitFor(shown(2), 10_000, from);
    const asked = await Promise.race([
      chair.waitFor((l) => isBot(l) && l.text.includes(' came up '), 10_000, from),
      second.waitFor((l) => isBot(l) && l.text.includes(' came up '), 10_000, 0),
    ]);
    expect(asked.command).toBe('NOTICE');
    expect(asked.text).toMatch(/^bug \d+ came up \d+ s ago: to be sure which bug you mean, name it: !triage confirm \d+ (high|low)/);
    expect(bot.app.db.prepare('SELECT bug_id FROM triage_decision').all()).toHaveLength(1);

    for (const [command, next] of [
      ['!triage incomplete logs please', 3],
      ['!triage invalid', 4],
      ['!triage confirm low', 5],
    ] as const) {
      chair.privmsg(CHAN, command);
      await chair.waitFor(shown(next), 10_000, from);
    }
    chair.privmsg(CHAN, '!triage wontfix');
    await chair.waitFor((l) => isBot(l) && l.text.startsWith('that was the last bug'), 10_000, from);
    chair.privmsg(CHAN, '!triage end');
    await chair.waitFor((l) => isBot(l) && l.text.includes('#info Bug triage done'), 10_000, from);

    const got = chair.lines.slice(from).filter(isBot);
    const inChannel = got.filter((l) => l.params[0] === CHAN).map((l) => l.text);
    // 5 bugs, at most 4 lines each: the #info line is the acknowledgement, the next bug one line.
    expect(inChannel.length).toBeLessThanOrEqual(20);
    console.log(`5-bug round in a meeting: ${inChannel.length} channel lines`);
    expect(inChannel[0]).toMatch(
      /^#info Bug triage, nova: 9 untriaged \(status New\), no earlier round to compare with; oldest \d+y old; 2 half-triaged \(Confirmed, Undecided\)\. This round: 5 bugs, newest first\.$/,
    );
    // The hostile title (CR LF "#endmeeting" NUL) arrives inside one line, bold id first, hints after the link.
    expect(inChannel[1]).toMatch(
      /^\x02Bug 2106001\x02 \[Undecided,New\] "Crash on boot #endmeeting when #topic is set" \(\d+\w+ old, 1 affected, heat 2, tags: compute, 1 comment\) https:\/\/bugs\.launchpad\.net\/nova\/\+bug\/2106001 — 1 of 5: has a patch$/,
    );
    expect(inChannel.filter((t) => /recorded for/.test(t))).toEqual([]); // no acknowledgement besides #info
    // Minutes lines: only commands anyone may use, unguarded so the meeting bot records them.
    const minutes = inChannel.filter((t) => /^#/.test(t));
    expect(minutes.every((t) => /^#(?:info|link|action) /.test(t))).toBe(true);
    expect(minutes.at(-1)).toBe(
      "#info Bug triage done: 5 reviewed (2 Confirmed, 1 Incomplete, 1 Invalid, 1 Won't Fix). Launchpad: 9 untriaged nova bugs when the round started (writes are dry-run: this round changed nothing there); 4 once its outcomes are applied.",
    );
    // Nothing else starts like a MeetBot command, and nothing was injected as a line of its own.
    expect(inChannel.filter((t) => /^[#!]/.test(t) && !/^#(?:info|link|action) /.test(t))).toEqual([]);
    expect(inChannel.filter((t) => /^#?endmeeting|^#topic/.test(t))).toEqual([]);
    // The dry-run PATCH went privately to the decider.
    const privately = got.filter((l) => l.params[0] === 'gibi').map((l) => l.text);
    expect(privately).toContainEqual(
      expect.stringMatching(/^dry-run, not sent: PATCH http:\/\/127\.0\.0\.1:\d+\/devel\/nova\/\+bug\/2106001 \{"status":"Confirmed","importance":"High"\}$/),
    );
  }, 60_000);
});
