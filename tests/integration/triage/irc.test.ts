// One triage round on a real IRC server (ngIRCd): the production bot (createApp + Bot +
// IrcTransport) against the fake Launchpad, the chair a channel operator, the meeting opened by
// a client named like OpenDev's meeting bot. Checks what the channel really receives.
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
  }, 30_000);

  afterAll(async () => {
    await bot?.stop();
    for (const c of [chair, meetbot]) await c?.quit();
    await Promise.all([server.stop(), fake.stop()]);
  });

  it('runs start, a decision and end; lines are single, safe, and the minutes use only #info/#link/#action', async () => {
    const from = chair.lines.length;
    meetbot.privmsg(CHAN, 'Meeting started Tue Jun 10 16:00:12 2025 UTC and is due to finish in 60 minutes.  The chair is gibi. Information about MeetBot at http://wiki.debian.org/MeetBot.');
    meetbot.privmsg(CHAN, "The meeting name has been set to 'nova'");
    await new Promise((r) => setTimeout(r, 200)); // the banners reach the bot before the command
    chair.privmsg(CHAN, '!triage start 2');
    await chair.waitFor((l) => isBot(l) && /#info Bug triage round: 9 untriaged nova bugs/.test(l.text), 10_000, from);
    chair.privmsg(CHAN, '!triage confirm high');
    await chair.waitFor((l) => isBot(l) && l.text.startsWith('2 of 2'), 10_000, from);
    chair.privmsg(CHAN, '!triage end');
    await chair.waitFor((l) => isBot(l) && l.text.includes('#info Bug triage done'), 10_000, from);

    const got = chair.lines.slice(from).filter(isBot);
    const inChannel = got.filter((l) => l.params[0] === CHAN).map((l) => l.text);
    expect(inChannel[0]).toBe('Bug triage, nova: 9 untriaged (status New), first count recorded; oldest 2y old; 2 half-triaged (Confirmed, Undecided). This round: 2 bugs, newest first.'.replace('2y old', inChannel[0].match(/oldest (\d+y) old/)?.[1] + ' old'));
    // The hostile title (CR LF "#endmeeting" NUL) arrives inside one line, bold id first.
    expect(inChannel[1]).toMatch(/^\x02Bug 2106001\x02 \[Undecided,New\] "Crash on boot #endmeeting when #topic is set" \(\d+\w+ old, 1 affected, heat 2, tags: compute, 1 comment\) https:\/\/bugs\.launchpad\.net\/nova\/\+bug\/2106001$/);
    expect(inChannel).toContain('Bug 2106001: Confirmed, importance High — recorded for gibi');
    expect(inChannel.some((t) => t.startsWith('Triage round ended: 1 bug reviewed — 1 Confirmed;'))).toBe(true);
    // Minutes lines: only commands anyone may use, unguarded so the meeting bot records them.
    const minutes = inChannel.filter((t) => /^#/.test(t));
    expect(minutes).toEqual([
      '#info Bug triage round: 9 untriaged nova bugs (status New); reviewing 2, newest first',
      '#link https://bugs.launchpad.net/nova/+bug/2106001 Bug 2106001: Crash on boot #endmeeting when #topic is set',
      '#info Bug 2106001 Confirmed, importance High (gibi)',
      '#info Bug triage done: 1 reviewed (1 Confirmed); 8 untriaged nova bugs remain',
    ]);
    // Nothing else starts like a MeetBot command, and nothing was injected as a line of its own.
    expect(inChannel.filter((t) => /^[#!]/.test(t) && !/^#(?:info|link|action) /.test(t))).toEqual([]);
    expect(inChannel.filter((t) => /^#?endmeeting|^#topic/.test(t))).toEqual([]);
    // The dry-run PATCH went privately to the decider.
    const privately = got.filter((l) => l.params[0] === 'gibi').map((l) => l.text);
    expect(privately[0]).toMatch(/^dry-run, not sent: PATCH http:\/\/127\.0\.0\.1:\d+\/devel\/nova\/\+bug\/2106001 \{"status":"Confirmed","importance":"High"\}$/);
  }, 30_000);
});
