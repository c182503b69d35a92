// Typed-ahead decisions on a real IRC server (ngIRCd): the chair types several decisions before
// the bot answered the first. The channel must read, per decision, its acknowledgement then the
// next bug, in the order typed, and the round's summary last.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeLaunchpad } from '../../helpers/fake-launchpad.ts';
import { Ngircd, ngircdUnavailable } from '../../helpers/ngircd.ts';
import { allJoined, startBot, type TestBot } from '../irc/harness.ts';
import { RawClient, type Line } from '../irc/raw-client.ts';

const CHAN = '#triage-ahead';
const isBot = (l: Line) => l.nick === 'cyclebot' && (l.command === 'PRIVMSG' || l.command === 'NOTICE');

describe.skipIf(!!ngircdUnavailable)('typed-ahead triage decisions on IRC' + (ngircdUnavailable ? ` (skipped: ${ngircdUnavailable})` : ''), () => {
  const server = new Ngircd();
  const fake = new FakeLaunchpad();
  let bot: TestBot;
  let chair: RawClient;

  beforeAll(async () => {
    await Promise.all([server.start(), fake.start()]);
    chair = await RawClient.connect(server.port, 'gibi');
    await chair.join(CHAN);
    bot = await startBot({
      irc: { port: server.port, channels: [CHAN], maxLinesPerReply: 10 },
      config: { rateLimit: { burst: 100, refillSeconds: 1 }, launchpad: { url: fake.url, allowHttp: true, timeoutSeconds: 2, retries: 0 } },
    });
    await allJoined(bot.irc);
  }, 30_000);

  afterAll(async () => {
    await bot?.stop();
    await chair?.quit();
    await Promise.all([server.stop(), fake.stop()]);
  });

  it('answers each decision with its ack then the next bug, and the summary last', async () => {
    const from = chair.lines.length;
    chair.privmsg(CHAN, '!triage start 5');
    await chair.waitFor((l) => isBot(l) && l.text.startsWith('decide: '), 10_000, from);
    // Typed ahead: all at once, before the first answer.
    for (const c of ['!triage confirm', '!triage invalid', '!triage skip', '!triage confirm low', '!triage end']) chair.privmsg(CHAN, c);
    await chair.waitFor((l) => isBot(l) && l.text.startsWith('Triage round ended'), 30_000, from);
    const got = chair.lines
      .slice(from)
      .filter((l) => isBot(l) && l.params[0] === CHAN)
      .map((l) =>
        l.text
          .replace(/^\x02(Bug \d+)\x02 \[.*/, '$1 shown')
          .replace(/ — recorded for gibi$/, '')
          .replace(/^(Triage round ended):.*/, '$1'),
      );
    expect(got.slice(2)).toEqual([
      expect.stringMatching(/^decide: /),
      'Bug 2106001: Confirmed',
      'Bug 2105950 shown',
      'Bug 2105950: Invalid',
      'Bug 2105896 shown',
      'Bug 2105896: skipped',
      'Bug 2104000 shown',
      'Bug 2104000: Confirmed, importance Low',
      'Bug 2103000 shown',
      'Triage round ended',
    ]);
  }, 60_000);
});
