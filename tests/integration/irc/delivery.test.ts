// Delivery on a real ngIRCd (issue 12 items 1, 2, 15): a post counts as delivered only when the
// server took it in a channel the bot is in; +m (404), a kick and a dropped connection while lines
// wait behind flood control are failures; acknowledgements and minutes lines queued when the
// connection drops are sent after the reconnect and rejoin, marked late; CTCP VERSION floods get
// at most one paced answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/core/types.ts';
import { Ngircd, ngircdUnavailable } from '../../helpers/ngircd.ts';
import { allJoined, nextEvent, startBot, type TestBot } from './harness.ts';
import { RawClient, type Line } from './raw-client.ts';

const CH = '#deliv';
const say = (text: string, kind?: Reply['kind']): Reply => ({ lines: [[text]], kind });

describe.skipIf(!!ngircdUnavailable)('IRC delivery on ngIRCd' + (ngircdUnavailable ? ` (skipped: ${ngircdUnavailable})` : ''), () => {
  const server = new Ngircd();
  let t: TestBot;
  let op: RawClient;
  /** Added to the transport's clock: lets a test make queued lines a minute old at once. */
  let skew = 0;
  const fromBot = (text: string) => (l: Line) => l.nick === 'cyclebot' && (l.command === 'PRIVMSG' || l.command === 'NOTICE') && l.text.includes(text);

  beforeAll(async () => {
    await server.start();
    op = await RawClient.connect(server.port, 'chanop');
    await op.join(CH); // first in: ngIRCd makes chanop the channel operator
    op.send('OPER admin adminpass');
    await op.waitFor((l) => l.command === '381');
    t = await startBot({
      irc: { port: server.port, channels: [CH], rejoinDelaySeconds: 0.3, reconnectMaxDelaySeconds: 1, flood: { burst: 1, perSecond: 2, maxQueue: 60 } },
      transport: { now: () => Date.now() + skew, ctcpIntervalMs: 10_000 },
    });
    await allJoined(t.irc);
  });

  afterAll(async () => {
    await t?.stop();
    await op?.quit();
    await server.stop();
  });

  it('reports delivered when the server took the line in a channel the bot is in', async () => {
    const from = op.lines.length;
    expect(await t.bot.post('irc', CH, say('reminder one', 'reminder'))).toEqual({ delivered: true });
    await op.waitFor(fromBot('reminder one'), 3000, from);
  });

  it('reports not delivered when the channel is +m and the bot has no voice (404)', async () => {
    op.send(`MODE ${CH} +m`);
    await op.waitFor((l) => l.command === 'MODE' && l.params[1] === '+m');
    const from = op.lines.length;
    const d = await t.bot.post('irc', CH, say('silenced reminder', 'reminder'));
    expect(d.delivered).toBe(false);
    expect(d.reason).toMatch(/cannot_send_to_channel/);
    op.send(`MODE ${CH} -m`);
    await op.waitFor((l) => l.command === 'MODE' && l.params[1] === '-m');
    expect(await t.bot.post('irc', CH, say('unmuted reminder', 'reminder'))).toEqual({ delivered: true });
    await op.waitFor(fromBot('unmuted reminder'), 3000, from);
    expect(op.lines.slice(from).some(fromBot('silenced reminder'))).toBe(false);
  });

  it('reports not delivered when the bot is kicked while the reminder waits behind flood control', async () => {
    const from = op.lines.length;
    void t.bot.post('irc', CH, { lines: [['filler 1'], ['filler 2'], ['filler 3'], ['filler 4']] });
    const reminder = t.bot.post('irc', CH, say('kicked reminder', 'reminder'));
    op.send(`MODE ${CH} +n`);
    op.send(`KICK ${CH} cyclebot :out`);
    const d = await reminder;
    expect(d.delivered).toBe(false);
    expect(d.reason).toMatch(/kicked from #deliv|not in #deliv|cannot_send/);
    await nextEvent(t.irc, 'joined', (c) => c === CH, 5000);
    expect(op.lines.slice(from).some(fromBot('kicked reminder'))).toBe(false);
    op.send(`MODE ${CH} -n`);
  });

  it('fails reminders and keeps acknowledgements when the connection drops while they wait; the ack comes after the rejoin, marked late', async () => {
    await t.irc.drained();
    const from = op.lines.length;
    const filler = t.bot.post('irc', CH, { lines: [['queued 1'], ['queued 2'], ['queued 3'], ['queued 4'], ['queued 5']] });
    const reminder = t.bot.post('irc', CH, say('dropped reminder', 'reminder'));
    const ack = t.bot.post('irc', CH, say('Bug 2100001: confirmed — recorded for chair', 'ack'));
    const minutes = t.bot.post('irc', CH, { lines: [['#info Bug 2100001 confirmed (chair)']], minutes: true });
    op.send('KILL cyclebot :connection test');
    const r = await reminder;
    expect(r.delivered).toBe(false);
    expect(r.reason).toMatch(/connection/);
    skew = 61_000; // the queued lines are now over a minute old: plain replies go, kept lines wait
    await nextEvent(t.irc, 'joined', (c) => c === CH, 10_000);
    expect((await filler).delivered).toBe(false);
    expect(await ack).toEqual({ delivered: true });
    expect(await minutes).toEqual({ delivered: true });
    const ackLine = await op.waitFor(fromBot('recorded for chair'), 5000, from);
    expect(ackLine.text).toMatch(/ \(late: queued \d\d:\d\d UTC\)$/);
    const minutesLine = await op.waitFor(fromBot('#info Bug 2100001'), 5000, from);
    expect(minutesLine.text.startsWith('#info Bug 2100001 confirmed (chair) (late: queued')).toBe(true);
    expect(op.lines.slice(from).some(fromBot('dropped reminder'))).toBe(false);
    skew = 0;
  });

  it('answers a flood of 100 CTCP VERSION requests at most once, through the paced queue', async () => {
    await t.irc.drained();
    const flooder = await RawClient.connect(server.port, 'ctcpflood');
    const from = flooder.lines.length;
    for (let i = 0; i < 100; i++) flooder.privmsg('cyclebot', '\x01VERSION\x01');
    const first = await flooder.waitFor((l) => l.command === 'NOTICE' && l.text.startsWith('\x01VERSION'), 5000, from);
    expect(first.text).toBe('\x01VERSION cyclebot\x01');
    // Give the rest time to arrive: nothing more comes.
    t.bot.post('irc', 'ctcpflood', say('marker')).catch(() => undefined);
    await flooder.waitFor((l) => l.text.includes('marker'), 5000, from);
    expect(flooder.lines.slice(from).filter((l) => l.command === 'NOTICE' && l.text.includes('VERSION'))).toHaveLength(1);
    await flooder.quit();
  });
});
