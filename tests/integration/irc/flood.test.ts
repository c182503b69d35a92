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
const flood = { burst: 4, perSecond: 2, maxQueue: 8 }; // 2 lines/s stays under ngIRCd's ~3/s per client

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
    let maxQueue = 0;
    const sample = setInterval(() => (maxQueue = Math.max(maxQueue, bot.irc.queueLength)), 5);
    for (const u of users) for (let i = 0; i < EACH; i++) u.privmsg(CH, '!ptg eventlet');
    // Every command reached the bot once the watcher has seen all 50 relayed.
    for (let n = 0; n < USERS * EACH; n++) await watcher.waitFor((l) => l.text === '!ptg eventlet' && !seen.has(l) && !!seen.add(l), 20_000, from);
    await bot.bot.idle();
    const drained = performance.now();
    // Then the queue drains at perSecond; wait for the last line the bot wrote to arrive.
    const queued = bot.irc.stats.queuedLines - queuedBefore;
    await bot.irc.drained();
    const sent = bot.irc.stats.sentLines - sentBefore;
    const botLines = () => watcher.lines.slice(from).filter((l) => l.nick === 'cyclebot' && (l.command === 'PRIVMSG' || l.command === 'NOTICE'));
    while (botLines().length < sent) await watcher.waitFor((l) => l.nick === 'cyclebot', 10_000);
    clearInterval(sample);
    const lines = botLines();
    const notices = lines.filter((l) => /^\(dropped \d+ queued lines to avoid flooding\)$/.test(l.text));
    const answers = lines.filter((l) => l.command === 'PRIVMSG');

    console.log(
      `flood: ${queued} lines queued for ${USERS * EACH} commands, ${answers.length} sent + ${notices.length} notice, ` +
        `max queue ${maxQueue}; ${pace(lines)}; drain after last command ${(performance.now() - drained).toFixed(0)} ms`,
    );
    const counts: Record<string, number> = {};
    for (const r of bot.logs) counts[`${r.msg}|${String(r.reason ?? '')}`] = (counts[`${r.msg}|${String(r.reason ?? '')}`] ?? 0) + 1;
    console.log(counts);
    expect(queued).toBe(USERS * EACH * 2); // each !ptg eventlet answer is two lines
    expect(lines.length).toBe(sent); // everything written arrived: nothing cut by the server
    expect(answers.length).toBeLessThan(queued); // so some were dropped…
    expect(notices).toHaveLength(1); // …and the room was told once
    expect(maxQueue).toBeLessThanOrEqual(flood.maxQueue + 1);
    expect(bot.irc.state).toBe('registered');
    expect(lines.some((l) => l.command === 'QUIT' || l.command === 'ERROR')).toBe(false);

    // Token bucket: after the burst, one line per 1/perSecond (500 ms), within scheduling slack.
    const gaps = lines.slice(flood.burst).map((l, i) => l.at - lines[flood.burst + i - 1].at);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(mean).toBeGreaterThan(450);
    expect(mean).toBeLessThan(650);
    expect(Math.min(...gaps)).toBeGreaterThan(300);

    // Still answering afterwards.
    const after = watcher.lines.length;
    users[0].privmsg(CH, '!ptg OTU');
    expect((await watcher.waitFor((l) => l.nick === 'cyclebot' && l.text.includes('One-Time-Use'), 10_000, after)).params[0]).toBe(CH);
  }, 60_000);
});

const seen = new Set<Line>();

function pace(lines: Line[]): string {
  const t0 = lines[0]?.at ?? 0;
  return `arrival offsets (ms): ${lines.map((l) => (l.at - t0).toFixed(0)).join(' ')}`;
}
