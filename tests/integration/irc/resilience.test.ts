// Connection life on a real ngIRCd: TLS + server password, nick taken → fallback and regain,
// server restart → reconnect and rejoin, server down → capped exponential backoff, stop().
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ngircd, ngircdUnavailable, selfSignedCert } from '../../helpers/ngircd.ts';
import { allJoined, nextEvent, startBot, stateIs, type TestBot } from './harness.ts';
import { RawClient, type Line } from './raw-client.ts';

const PASS = 'serverpass';
const cert = ngircdUnavailable ? null : selfSignedCert();
const skip = ngircdUnavailable ?? (cert ? null : 'openssl could not make a test certificate');
const fast = { flood: { burst: 10, perSecond: 10, maxQueue: 60 }, reconnectMaxDelaySeconds: 1 };

describe.skipIf(!!skip)('IRC connection resilience on ngIRCd' + (skip ? ` (skipped: ${skip})` : ''), () => {
  const server = new Ngircd({ tls: cert!, password: PASS });
  let main: TestBot; // "cyclebot" over TLS, regains its nick by polling
  let second: TestBot; // "nickbot" in plain text, regains its nick when it sees the holder change nick
  let holder: RawClient;
  let holder2: RawClient;
  let alice: RawClient;

  const fromBot = (nick: string) => (l: Line) => l.nick === nick && l.command === 'PRIVMSG';
  const connectAlice = async () => {
    alice = await RawClient.connect(server.port, 'alice', { pass: PASS });
    await alice.join('#ops');
    await alice.join('#nicks');
  };

  beforeAll(async () => {
    await server.start();
    holder = await RawClient.connect(server.port, 'cyclebot', { pass: PASS });
    holder2 = await RawClient.connect(server.port, 'nickbot', { pass: PASS });
    await holder2.join('#nicks');
    main = await startBot({
      irc: { port: server.tlsPort, tls: true, rejectUnauthorized: false, password: PASS, channels: ['#ops'], ...fast },
      transport: { regainNickIntervalMs: 300 },
    });
    second = await startBot({
      config: { nick: 'nickbot' },
      irc: { port: server.port, password: PASS, channels: ['#nicks'], ...fast },
      transport: { regainNickIntervalMs: 60_000 },
    });
    await allJoined(main.irc);
    await allJoined(second.irc);
    await connectAlice();
  });

  afterAll(async () => {
    await main?.stop();
    await second?.stop();
    for (const c of [holder, holder2, alice]) await c?.quit();
    await server.stop();
  });

  it('connects over TLS with the server password, falls back to cyclebot_ when the nick is taken, and still answers', async () => {
    expect(main.irc.currentNick).toBe('cyclebot_');
    expect(main.logs.some((r) => r.msg === 'irc: nick cyclebot is in use, trying cyclebot_')).toBe(true);
    for (const [text, want] of [
      ['!ptg eventlet', 'Eventlet removal'],
      ['cyclebot_: ptg OTU', 'One-Time-Use (OTU) Devices'],
      ['cyclebot: ptg OTU', 'One-Time-Use (OTU) Devices'],
    ]) {
      const from = alice.lines.length;
      alice.privmsg('#ops', text);
      const answer = await alice.waitFor((l) => fromBot('cyclebot_')(l) && l.text.includes(want), 5000, from);
      expect(answer.params[0]).toBe('#ops');
    }
  });

  it('takes its nick back by polling after the holder quits (no shared channel)', async () => {
    const regained = nextEvent<string>(main.irc, 'nick', (n) => n === 'cyclebot', 3000);
    const t0 = performance.now();
    await holder.quit();
    await regained;
    console.log(`nick regained by polling ${(performance.now() - t0).toFixed(0)} ms after the holder quit (interval 300 ms)`);
    const from = alice.lines.length;
    alice.privmsg('#ops', '!ptg eventlet');
    expect((await alice.waitFor(fromBot('cyclebot'), 5000, from)).text).toContain('Eventlet removal');
  });

  it('takes its nick back at once when it sees the holder change nick', async () => {
    expect(second.irc.currentNick).toBe('nickbot_');
    const regained = nextEvent<string>(second.irc, 'nick', (n) => n === 'nickbot', 2000); // poll interval is 60 s
    holder2.send('NICK holder2');
    await regained;
  });

  it('reconnects and rejoins after a server restart', async () => {
    const t0 = performance.now();
    const down = nextEvent(main.irc, 'state', stateIs('disconnected'));
    await server.stop();
    await down;
    await server.start();
    const up = performance.now();
    await allJoined(main.irc);
    const done = performance.now();
    console.log(`reconnect took ${(done - t0).toFixed(0)} ms from server stop (${(done - up).toFixed(0)} ms after the server was back)`);
    await allJoined(second.irc);
    await connectAlice();
    const from = alice.lines.length;
    alice.privmsg('#ops', '!ptg eventlet');
    expect((await alice.waitFor(fromBot('cyclebot'), 5000, from)).text).toContain('Eventlet removal');
    expect(main.logs.some((r) => r.msg === 'irc: disconnected')).toBe(true);
    expect(main.logs.some((r) => typeof r.msg === 'string' && /^irc: reconnecting in \d+\.\d s$/.test(r.msg))).toBe(true);
  });

  it('keeps retrying with capped exponential backoff while the server is down', async () => {
    const before = main.logs.length;
    await server.stop();
    for (let i = 0; i < 4; i++) await nextEvent(main.irc, 'state', stateIs('reconnecting'), 5000);
    await server.start();
    await allJoined(main.irc);
    const delays = main.logs
      .slice(before)
      .filter((r) => r.state === 'reconnecting')
      .map((r) => r.delayMs as number);
    console.log(`backoff delays while down: ${delays.join(', ')} ms (min 200, cap 1000)`);
    expect(delays.length).toBeGreaterThanOrEqual(4);
    for (const [i, d] of delays.entries()) {
      expect(d).toBeGreaterThanOrEqual(Math.min(1000, 200 * 2 ** i));
      expect(d).toBeLessThanOrEqual(1000);
    }
    expect(delays[3]).toBe(1000);
    await allJoined(second.irc);
  });

  it('stop() while waiting to reconnect ends the retries for good', async () => {
    await server.stop();
    await nextEvent(main.irc, 'state', stateIs('reconnecting'), 5000);
    await main.stop();
    expect(main.irc.state).toBe('stopped');
    await server.start();
    await allJoined(second.irc); // the other bot comes back…
    const probe = await RawClient.connect(server.port, 'probe', { pass: PASS });
    // …this one must not: no event can show an absence, so wait past its longest backoff (1 s).
    await new Promise((r) => setTimeout(r, 1500));
    const from = probe.lines.length;
    probe.send('WHOIS cyclebot');
    expect((await probe.waitFor((l) => l.command === '401' || l.command === '311', 5000, from)).command).toBe('401');
    await probe.quit();
  });
});
