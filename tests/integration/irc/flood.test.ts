// Flood control against ngIRCd with its default penalties ON: 50 `!ptg` commands from ten users
// at once. The bot must stay connected, pace its lines with its token bucket, keep its queue
// bounded and say once that it dropped lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ngircd, ngircdUnavailable } from '../../helpers/ngircd.ts';
import { allJoined, startBot, type TestBot } from './harness.ts';
import { RawClient, type Line } from './raw-client.ts';

const CH = '#flood';
const USERS = 10;
const EACH = 5; // the router's per-user limit (burst 5) lets all five through
// ngIRCd passes 3 lines of a burst at once and ~3 lines/s after; stay inside that.
const flood = { burst: 3, perSecond: 2, maxQueue: 8 };

describe.skipIf(!!ngircdUnavailable)('IRC flood control with ngIRCd penalties' + (ngircdUnavailable ? ` (skipped: ${ngircdUnavailable})` : ''), () => {
  const server = new Ngircd({ penalties: true });
  let bot: TestBot;
  let watcher: RawClient;
  const users: RawClient[] = [];

  beforeAll(async () => {
    await server.start();
    bot = await startBot({ irc: { port: server.port, channels: [CH], flood } });
    await allJoined(bot.irc);
    watcher = await RawClient.connect(server.port, 'watcher');
    await watcher.join(CH);
    users.push(...(await Promise.all(Array.from({ length: USERS }, (_, i) => RawClient.connect(server.port, `user${i}`)))));
    await Promise.all(users.map((u) => u.join(CH)));
  }, 30_000);

  afterAll(async () => {
    await bot?.stop();
    for (const c of [watcher, ...users]) await c?.quit();
    await server.stop();
  });

  it('stays connected, paces its lines and drops the oldest with one notice', async () => {
    const from = watcher.lines.length;
    const queuedBefore = bot.irc.stats.queuedLines;
    const sentBefore = bot.irc.stats.sentLines;
    // When the bot wrote each line, by its own clock: the pacing is checked on these, not on when
    // the watcher (in this same busy process) read them, which a loaded machine bunches or spreads.
    const writes: number[] = [];
    const raw = bot.irc.client.raw.bind(bot.irc.client);
    bot.irc.client.raw = (...args: Parameters<typeof raw>) => {
      if (/^(PRIVMSG|NOTICE) /.test(String(args[0]))) writes.push(Date.now());
      return raw(...args);
    };
    let maxQueue = 0;
    const sample = setInterval(() => (maxQueue = Math.max(maxQueue, bot.irc.queueLength)), 5);
    // Every command has reached the bot when it has handed 50 messages to the router.
    let delivered = 0;
    const allDelivered = new Promise<void>((resolve) => {
      const count = () => {
        if (++delivered < USERS * EACH) return;
        bot.irc.off('message', count);
        resolve();
      };
      bot.irc.on('message', count);
    });
    for (const u of users) for (let i = 0; i < EACH; i++) u.privmsg(CH, '!ptg eventlet');
    await allDelivered;
    await bot.bot.idle(); // …and every answer is queued
    const queued = bot.irc.stats.queuedLines - queuedBefore;
    const t = performance.now();
    await bot.irc.drained(); // the queue drains at perSecond
    const drainMs = performance.now() - t;
    const sent = bot.irc.stats.sentLines - sentBefore;
    const botLines = () => watcher.lines.slice(from).filter((l) => l.nick === 'cyclebot' && (l.command === 'PRIVMSG' || l.command === 'NOTICE'));
    while (botLines().length < sent) await watcher.waitFor((l) => l.nick === 'cyclebot', 10_000);
    clearInterval(sample);
    const lines = botLines();
    const notices = lines.filter((l) => /^\(dropped \d+ queued lines to avoid flooding\)$/.test(l.text));
    const answers = lines.filter((l) => l.command === 'PRIVMSG');

    console.log(
      `flood: ${queued} lines queued for ${USERS * EACH} commands, ${answers.length} sent + ${notices.length} notice, ` +
        `max queue ${maxQueue}; ${pace(lines)}; queue drained ${drainMs.toFixed(0)} ms after the last command was queued`,
    );
    expect(queued).toBe(USERS * EACH * 2); // each !ptg eventlet answer is two lines
    expect(lines.length).toBe(sent); // everything written arrived: nothing cut by the server
    expect(answers.length).toBeLessThan(queued); // so some were dropped…
    expect(notices).toHaveLength(1); // …and the room was told once
    expect(maxQueue).toBeLessThanOrEqual(flood.maxQueue + 1);
    expect(bot.irc.state).toBe('registered');
    expect(lines.some((l) => l.command === 'QUIT' || l.command === 'ERROR')).toBe(false);

    bot.irc.client.raw = raw;
    // Token bucket: `burst` lines at once, then one per 1/perSecond = 500 ms. Whatever the load, in
    // any run of k consecutive writes the last is at least (k - burst) × 500 ms after the first
    // (a late timer only widens gaps); the whole drain is not much longer than the bucket needs.
    expect(writes).toHaveLength(sent);
    const interval = 1000 / flood.perSecond;
    let tightest = Infinity;
    for (let a = 0; a < writes.length; a++)
      for (let b = a + flood.burst; b < writes.length; b++) tightest = Math.min(tightest, writes[b] - writes[a] - (b - a + 1 - flood.burst) * interval);
    const span = writes[writes.length - 1] - writes[0];
    const expectedSpan = (writes.length - flood.burst) * interval;
    console.log(`flood pacing: ${writes.length} writes over ${span} ms (bucket alone: ${expectedSpan} ms); tightest window ${tightest} ms over the bound`);
    expect(tightest).toBeGreaterThanOrEqual(-2); // ms rounding of the clock
    expect(span).toBeGreaterThanOrEqual(expectedSpan - 2);
    // No stall: a bucket that waited a whole extra interval per line would take twice as long.
    expect(span).toBeLessThan(expectedSpan * 2);

    // Still answering afterwards.
    const after = watcher.lines.length;
    users[0].privmsg(CH, '!ptg OTU');
    expect((await watcher.waitFor((l) => l.nick === 'cyclebot' && l.text.includes('One-Time-Use'), 10_000, after)).params[0]).toBe(CH);
  }, 60_000);
});

function pace(lines: Line[]): string {
  const t0 = lines[0]?.at ?? 0;
  return `arrival offsets (ms): ${lines.map((l) => (l.at - t0).toFixed(0)).join(' ')}`;
}
