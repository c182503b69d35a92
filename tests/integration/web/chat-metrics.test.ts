// /metrics counts what the bot does in chat: the production bot (createApp + Bot + IrcTransport)
// on a real IRC server (ngIRCd), its web site's /metrics read before and after each real command.
// Answers, refusals (unknown command, permission), rate-limited senders, the IRC outbox's
// dropped lines, Launchpad requests by status (the fake Launchpad's own record to compare) and
// the search histogram with source="chat" must move by exactly what was done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { CommandSpec } from '../../../src/core/types.ts';
import { siteDeps } from '../../../src/web/start.ts';
import { createWebServer } from '../../../src/web/server.ts';
import { FakeLaunchpad } from '../../helpers/fake-launchpad.ts';
import { Ngircd, ngircdUnavailable } from '../../helpers/ngircd.ts';
import { allJoined, startBot, type TestBot } from '../irc/harness.ts';
import { RawClient, type Line } from '../irc/raw-client.ts';

const CHAN = '#metrics-test';
const isBot = (l: Line) => l.nick === 'cyclebot' && (l.command === 'PRIVMSG' || l.command === 'NOTICE');
// 15 lines at once: more than the outbox holds (maxQueue 10), so the whole reply is dropped.
const FLOOD: CommandSpec = {
  name: 'fifteen',
  usage: '',
  help: 'test: fifteen lines',
  permission: 'anyone',
  handler: () => ({ lines: Array.from({ length: 15 }, (_, i) => [`line ${i + 1}`]) }),
};

/** The value of one series in Prometheus text (0 when absent). */
function value(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe.skipIf(!!ngircdUnavailable)('/metrics counts the chat' + (ngircdUnavailable ? ` (skipped: ${ngircdUnavailable})` : ''), () => {
  const server = new Ngircd();
  const fake = new FakeLaunchpad();
  let bot: TestBot;
  let site: Awaited<ReturnType<typeof createWebServer>>;
  let chair: RawClient;
  let alice: RawClient;
  let mallory: RawClient;
  const metrics = async () => (await site.inject('/metrics')).body;

  beforeAll(async () => {
    await Promise.all([server.start(), fake.start()]);
    chair = await RawClient.connect(server.port, 'gibi');
    await chair.join(CHAN); // first in the channel: operator, hence chair
    bot = await startBot({
      irc: { port: server.port, channels: [CHAN], maxLinesPerReply: 20, flood: { burst: 20, perSecond: 20, maxQueue: 10 } },
      config: { rateLimit: { burst: 4, refillSeconds: 60 }, launchpad: { url: fake.url, allowHttp: true, timeoutSeconds: 2, retries: 0 } },
      extraCommands: [FLOOD],
    });
    await allJoined(bot.irc);
    site = await createWebServer(siteDeps(bot.app, pino({ level: 'silent' }), 1000));
    alice = await RawClient.connect(server.port, 'alice');
    await alice.join(CHAN);
    mallory = await RawClient.connect(server.port, 'mallory');
    await mallory.join(CHAN);
  }, 30_000);

  afterAll(async () => {
    await site?.close();
    await bot?.stop();
    for (const c of [chair, alice, mallory]) await c?.quit();
    await Promise.all([server.stop(), fake.stop()]);
  });

  /** Runs `act`, waits for the bot to be idle and its lines written, returns how each series moved. */
  async function delta(series: string[], act: () => Promise<unknown>): Promise<Record<string, number>> {
    const before = await metrics();
    await act();
    await bot.bot.idle();
    await bot.irc.drained();
    const after = await metrics();
    return Object.fromEntries(series.map((s) => [s, value(after, s) - value(before, s)]));
  }

  const ANSWERS = 'cyclebot_chat_answers_total{command="ptg"}';
  const CHAT_SEARCHES = 'cyclebot_search_seconds_count{source="chat"}';
  const WEB_SEARCHES = 'cyclebot_search_seconds_count{source="web"}';
  const UNKNOWN = 'cyclebot_chat_refusals_total{reason="unknown_command"}';
  const PERMISSION = 'cyclebot_chat_refusals_total{reason="permission"}';
  const LIMITED = 'cyclebot_chat_refusals_total{reason="rate_limited"}';
  const SENDERS = 'cyclebot_rate_limited_senders_total';
  const OVERFLOW = 'cyclebot_dropped_lines_total{transport="irc",reason="overflow"}';
  const ALL = [ANSWERS, CHAT_SEARCHES, WEB_SEARCHES, UNKNOWN, PERMISSION, LIMITED, SENDERS, OVERFLOW];

  it('an answer counts once, with its search under source="chat"; a web search under source="web"', async () => {
    const d = await delta(ALL, async () => {
      const from = alice.lines.length;
      alice.privmsg(CHAN, '!ptg evenlet');
      await alice.waitFor((l) => isBot(l) && /Eventlet/i.test(l.text), 10_000, from);
    });
    expect(d).toEqual({ ...zero(), [ANSWERS]: 1, [CHAT_SEARCHES]: 1 });
    const w = await delta(ALL, () => site.inject('/ptg?q=evenlet'));
    expect(w).toEqual({ ...zero(), [WEB_SEARCHES]: 1 });
  });

  it('refusals count by reason: an unknown command, a chair command asked by anyone', async () => {
    const d = await delta(ALL, async () => {
      const from = alice.lines.length;
      alice.privmsg(CHAN, '!frobnicate');
      await alice.waitFor((l) => isBot(l) && l.text.startsWith('unknown command'), 10_000, from);
      alice.privmsg(CHAN, '!triage start 2');
      await alice.waitFor((l) => isBot(l) && l.text.includes('is for chairs only'), 10_000, from);
    });
    expect(d).toEqual({ ...zero(), [UNKNOWN]: 1, [PERMISSION]: 1 });
  });

  it('a flooding sender is counted once as rate-limited; their further messages are ignored', async () => {
    const d = await delta(ALL, async () => {
      const from = mallory.lines.length;
      for (let i = 0; i < 6; i++) mallory.privmsg(CHAN, `!ptg eventlet ${i}`);
      await mallory.waitFor((l) => isBot(l) && l.text.includes('slow down'), 10_000, from);
      await new Promise((r) => setTimeout(r, 300)); // the two after the notice reach the bot too
    });
    // burst 4: four answered, the 5th told to slow down, the 6th ignored.
    expect(d).toEqual({ ...zero(), [ANSWERS]: 4, [CHAT_SEARCHES]: 4, [LIMITED]: 1, [SENDERS]: 1 });
  });

  it('a reply larger than the IRC outbox counts its lines as dropped', async () => {
    const d = await delta(ALL, async () => {
      const from = alice.lines.length;
      alice.privmsg(CHAN, '!fifteen');
      await alice.waitFor((l) => isBot(l) && l.text.includes('dropped 15 queued lines'), 10_000, from);
    });
    expect(d).toEqual({ ...zero(), [OVERFLOW]: 15 });
  });

  it('Launchpad requests count by status, as the Launchpad saw them', async () => {
    fake.resetStats();
    fake.fault({ match: /ws\.op=searchTasks/, times: 1, status: 503 });
    const statuses = [200, 304, 404, 503];
    const series = statuses.map((s) => `cyclebot_launchpad_requests_total{status="${s}"}`);
    const d = await delta(series, async () => {
      const from = chair.lines.length;
      chair.privmsg(CHAN, '!triage start 2'); // the 503: Launchpad is unavailable, said to the chair
      await chair.waitFor((l) => isBot(l) && /unavailable/i.test(l.text), 10_000, from);
      chair.privmsg(CHAN, '!triage start 2');
      await chair.waitFor((l) => isBot(l) && l.text.includes('1 of 2'), 10_000, from);
      chair.privmsg(CHAN, '!triage end');
      await chair.waitFor((l) => isBot(l) && l.text.startsWith('Triage round ended'), 10_000, from);
    });
    const seen = fake.requests.map((r) => r.status);
    expect(seen).toContain(503);
    expect(seen.filter((s) => s === 200).length).toBeGreaterThan(0);
    expect(d).toEqual(Object.fromEntries(statuses.map((s, i) => [series[i], seen.filter((x) => x === s).length])));
  });
});

function zero(): Record<string, number> {
  return {
    'cyclebot_chat_answers_total{command="ptg"}': 0,
    'cyclebot_search_seconds_count{source="chat"}': 0,
    'cyclebot_search_seconds_count{source="web"}': 0,
    'cyclebot_chat_refusals_total{reason="unknown_command"}': 0,
    'cyclebot_chat_refusals_total{reason="permission"}': 0,
    'cyclebot_chat_refusals_total{reason="rate_limited"}': 0,
    cyclebot_rate_limited_senders_total: 0,
    'cyclebot_dropped_lines_total{transport="irc",reason="overflow"}': 0,
  };
}
