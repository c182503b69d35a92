// One bot for every team at real scale (issue 15), on a real ngIRCd: 25 teams, 50 team channels
// plus the shared #openstack-meeting, 250 imported summaries (the real ones renamed per team),
// one connection. Each team's !ptg answers from its own summaries; the shared channel takes the
// team from the running meeting; a 20-bug triage round in one channel (against the fake
// Launchpad with a 150-bug queue) delays five other channels' answers by at most one of its lines
// each; every team's reminders due on one morning go out, one message per channel. Asserts
// orders and counts, never tight wall-clock bounds.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Delivery } from '../../../src/core/types.ts';
import { importText } from '../../../src/ptg/importer.ts';
import { planChannel } from '../../../src/schedule/planner.ts';
import { startReminders, type ReminderScheduler } from '../../../src/schedule/scheduler.ts';
import { FakeLaunchpad } from '../../helpers/fake-launchpad.ts';
import { fakeBug } from '../../helpers/launchpad-bugs.ts';
import { Ngircd, ngircdUnavailable } from '../../helpers/ngircd.ts';
import { OPENSTACK_TEAMS, teamSummaries, teamsConfig } from '../../helpers/team-corpus.ts';
import { allJoined, startBot, type TestBot } from './harness.ts';
import { RawClient, type Line } from './raw-client.ts';

const TEAMS = OPENSTACK_TEAMS.slice(0, 25);
const SHARED = '#openstack-meeting';
const teamChannels = (t: string) => [`#openstack-${t}`, `#${t}-dev`];
const CHANNELS = [...TEAMS.flatMap(teamChannels), SHARED];
const ROUND = 20;
/** The decisions of the round, in turn: four of each. */
const DECISIONS = ['confirm low', 'incomplete which release?', 'invalid', 'skip', 'defer'];

/** Nova's untriaged queue at a realistic size: 150 New bugs, one a day back from 10 Jun 2025, a few tagged. */
function novaQueue() {
  return Array.from({ length: 150 }, (_, i) =>
    fakeBug(2_110_000 - i, {
      title: `Instance ${i} fails to ${['boot', 'resize', 'migrate', 'rebuild'][i % 4]} with a ${['libvirt', 'placement', 'neutron'][i % 3]} error`,
      created: new Date(Date.UTC(2025, 5, 10) - i * 86_400_000).toISOString().replace('Z', '000+00:00'),
      tags: i % 3 === 0 ? ['compute'] : [],
      heat: i % 7,
      usersAffected: i % 5,
      messageCount: 1 + (i % 4),
      description: i % 2 ? 'Seen on master branch.' : 'Steps to reproduce below.',
    }),
  );
}

/** What the bot did, in order: a message queued for a channel, or one line written to it. */
type Step = { kind: 'queued' | 'written'; target: string; text: string };

describe.skipIf(!!ngircdUnavailable)('25 teams on one connection' + (ngircdUnavailable ? ` (skipped: ${ngircdUnavailable})` : ''), () => {
  const server = new Ngircd();
  const launchpad = new FakeLaunchpad(novaQueue());
  let bot: TestBot;
  let watcher: RawClient;
  let meetbot: RawClient;
  const askers: RawClient[] = [];
  const steps: Step[] = [];
  const isBotIn = (channel: string) => (l: Line) =>
    l.nick === 'cyclebot' && (l.command === 'PRIVMSG' || l.command === 'NOTICE') && l.params[0].toLowerCase() === channel.toLowerCase();
  /** A line's text without IRC bold, colour and reset codes. */
  const plain = (l: Line) => l.text.replace(/\x03(?:\d{1,2}(?:,\d{1,2})?)?|[\x02\x0f\x16\x1d\x1f]/g, '');

  beforeAll(async () => {
    await Promise.all([server.start(), launchpad.start()]);
    // No accounts on ngIRCd: nova lets anyone run its rounds (its own triage.permission).
    const teams = teamsConfig(TEAMS, SHARED).map((t) => (t.name === 'nova' ? { ...t, triage: { permission: 'anyone' } } : t));
    bot = await startBot({
      // No channels of its own: the teams name them.
      irc: { port: server.port, channels: [], flood: { burst: 5, perSecond: 20, maxQueue: 1000 } },
      config: {
        teams,
        rateLimit: { burst: 60, refillSeconds: 1 },
        launchpad: { url: launchpad.url, allowHttp: true, timeoutSeconds: 5, retries: 0, write: 'off' },
      },
    });
    // The bot's own record of what it queued and wrote, in order (the wire cannot tell when a
    // message was queued).
    const irc = bot.irc as unknown as { outbox: { enqueue(m: { target: string; lines: string[] }): unknown }; client: { raw(...a: unknown[]): void } };
    const enqueue = irc.outbox.enqueue.bind(irc.outbox);
    irc.outbox.enqueue = (m) => (steps.push({ kind: 'queued', target: m.target.toLowerCase(), text: m.lines[0] ?? '' }), enqueue(m));
    const raw = irc.client.raw.bind(irc.client);
    irc.client.raw = (...a: unknown[]) => {
      const m = typeof a[0] === 'string' ? /^PRIVMSG (\S+) :(.*)/.exec(a[0]) : null;
      if (m) steps.push({ kind: 'written', target: m[1].toLowerCase(), text: m[2] });
      raw(...a);
    };
    // As `cyclebot run` wires it: the meeting tracker reads the meeting bot's banners.
    bot.bot.observe((msg, now) => bot.app.meetings.observe(msg, now));
    for (const s of teamSummaries(TEAMS, 10)) importText(bot.app.repo, s.text, s.filename, { project: s.team, cycle: s.cycle, id: s.id });
    bot.app.search.warm();
    await allJoined(bot.irc, 30_000);
    watcher = await RawClient.connect(server.port, 'watcher');
    meetbot = await RawClient.connect(server.port, 'opendevmeet');
    await meetbot.join(SHARED);
    askers.push(...(await Promise.all(Array.from({ length: 6 }, (_, i) => RawClient.connect(server.port, `asker${i}`)))));
    for (const c of [watcher, ...askers]) for (const ch of CHANNELS) await c.join(ch);
  }, 90_000);

  afterAll(async () => {
    await bot?.stop();
    for (const c of [watcher, meetbot, ...askers]) await c?.quit();
    await Promise.all([server.stop(), launchpad.stop()]);
  });

  it('joins every team channel and the shared one on one connection', () => {
    expect(bot.irc.cfg.channels.map((c) => c.toLowerCase()).sort()).toEqual([...CHANNELS].sort());
    expect(bot.app.repo.documents().length).toBe(250 + 1); // and the bundled Nova summary
  });

  it("answers !ptg in each of the 50 team channels from that team's summaries", async () => {
    const from = watcher.lines.length;
    CHANNELS.filter((c) => c !== SHARED).forEach((ch, i) => askers[i % 5].privmsg(ch, '!ptg eventlet removal'));
    for (const t of TEAMS) {
      for (const ch of teamChannels(t)) {
        const first = await watcher.waitFor(isBotIn(ch), 60_000, from);
        // "[cinder 2025.2 …] Eventlet removal — …": the team's own summary, not labelled as another's.
        expect(plain(first), ch).toMatch(new RegExp(`^\\[${t} [^\\]]*\\]`));
        expect(plain(first), ch).not.toMatch(/ team: /);
      }
    }
  }, 90_000);

  it('in the shared channel asks which team, then answers for the team whose meeting runs there', async () => {
    const asked = askers[0].lines.length;
    askers[0].privmsg(SHARED, '!schedule');
    // A refusal goes to the asker alone (a notice), not to the channel.
    const which = await askers[0].waitFor((l) => l.nick === 'cyclebot' && l.command === 'NOTICE', 30_000, asked);
    expect(plain(which)).toMatch(/^which team\? this channel is shared by nova, neutron, .* \(25 teams: /);
    let from = watcher.lines.length;
    meetbot.privmsg(SHARED, 'Meeting started Sat Dec  5 08:00:00 2026 UTC and is due to finish in 60 minutes.  The chair is asker0.');
    meetbot.privmsg(SHARED, "The meeting name has been set to 'cinder'");
    await watcher.waitFor((l) => l.nick === 'opendevmeet' && /meeting name/.test(l.text), 10_000, from);
    from = watcher.lines.length;
    askers[1].privmsg(SHARED, '!ptg eventlet removal');
    expect(plain(await watcher.waitFor(isBotIn(SHARED), 30_000, from))).toMatch(/^\[cinder [^\]]*\]/);
    meetbot.privmsg(SHARED, 'Meeting ended Sat Dec  5 08:10:00 2026 UTC.  Information about MeetBot at http://wiki.debian.org/MeetBot . (v 0.1.4)');
  }, 60_000);

  it('runs a 20-bug triage round in one channel while five others are answered, each delayed by at most one of its lines', async () => {
    const long = '#openstack-nova';
    const others = TEAMS.slice(1, 6).map((t) => `#openstack-${t}`);
    const from = watcher.lines.length;
    const start = steps.length;
    // A chair's round: each decision once its bug is shown, as chairs do (one at a time).
    const shownAt = (n: number) => watcher.waitFor((l) => isBotIn(long)(l) && plain(l).includes(` — ${n} of ${ROUND}`), 30_000, from);
    askers[0].privmsg(long, `!triage start ${ROUND} newest`);
    await shownAt(1);
    others.forEach((ch, i) => askers[i + 1].privmsg(ch, '!ptg eventlet removal'));
    for (let i = 0; i < ROUND; i++) {
      askers[0].privmsg(long, `!triage ${DECISIONS[i % DECISIONS.length]}`);
      if (i + 1 < ROUND) await shownAt(i + 2);
    }
    await watcher.waitFor((l) => isBotIn(long)(l) && plain(l).startsWith('that was the last bug'), 30_000, from);
    askers[0].privmsg(long, '!triage end');
    const ended = await watcher.waitFor((l) => isBotIn(long)(l) && plain(l).startsWith('Triage round ended: '), 30_000, from);
    // On the wire: every other channel is answered before the round ends.
    for (const ch of others) {
      // Its answer's first line (the last lines of an earlier answer there may still be arriving).
      const answer = await watcher.waitFor((l) => isBotIn(ch)(l) && /^\[\w+ [^\]]*\] /.test(plain(l)), 30_000, from);
      expect(watcher.lines.indexOf(answer), ch).toBeLessThan(watcher.lines.indexOf(ended));
    }
    // The round, in order: the header, the 20 newest bugs one by one, an acknowledgement each, the summary.
    // (From its header: the last lines of the earlier !ptg answer there may have come first.)
    const said = watcher.lines.slice(from).filter(isBotIn(long)).map(plain);
    const round = said.slice(said.findIndex((t) => t.startsWith('Bug triage, nova: ')));
    expect(round[0]).toMatch(/^Bug triage, nova: 150 untriaged \(status New\), no earlier round to compare with; .* This round: 20 bugs, newest first\.$/);
    const shown = round.filter((t) => / — \d+ of 20/.test(t));
    expect(shown.map((t) => Number(/ — (\d+) of 20/.exec(t)![1]))).toEqual(Array.from({ length: ROUND }, (_, i) => i + 1));
    expect(shown.map((t) => Number(/^Bug (\d+) /.exec(t)![1]))).toEqual(Array.from({ length: ROUND }, (_, i) => 2_110_000 - i));
    expect(round.filter((t) => / — recorded for asker0$/.test(t))).toHaveLength(ROUND);
    expect(plain(ended)).toBe(
      'Triage round ended: 12 bugs reviewed — 4 Confirmed, 4 Incomplete, 4 Invalid; 4 deferred, 4 skipped, 0 not reached (4 carried to the next round). Launchpad: 150 untriaged nova bugs when the round started (writes are off: this round changed nothing there); 138 once its outcomes are applied.',
    );
    expect(bot.app.db.prepare("SELECT count(*) AS n FROM triage_decision WHERE project = 'nova'").get()).toEqual({ n: ROUND });
    // In the bot: from the moment a channel's answer is queued to its first line written, at
    // most one line of the round goes out.
    const run = steps.slice(start);
    for (const ch of others) {
      const queued = run.findIndex((s) => s.kind === 'queued' && s.target === ch);
      const first = run.findIndex((s, i) => i > queued && s.kind === 'written' && s.target === ch);
      expect(queued, ch).toBeGreaterThanOrEqual(0);
      const between = run.slice(queued, first).filter((s) => s.kind === 'written' && s.target === long);
      expect(between.length, `${ch}: lines of the round between its answer being queued and sent`).toBeLessThanOrEqual(1);
    }
    // …and the round was still running when they were answered: the test measured something.
    const lastLong = run.map((s) => s.kind === 'written' && s.target === long).lastIndexOf(true);
    for (const ch of others) expect(run.findIndex((s) => s.kind === 'written' && s.target === ch)).toBeLessThan(lastLong);
  }, 120_000);

  it("posts every team's reminders due on one morning, one message per team channel, none in the shared one", async () => {
    const { app } = bot;
    // The first morning on which every team channel has a reminder (a cross-project milestone).
    const events = app.schedules.events();
    const window = [new Date('2025-01-01T00:00:00Z'), new Date('2028-01-01T00:00:00Z')] as const;
    const times = [...app.scheduleTeams.values()].flatMap((s) => s.channels.map((c) => new Set(planChannel(events, s, c, ...window).map((r) => +r.at))));
    expect(times).toHaveLength(50);
    const morning = Math.min(...[...times[0]].filter((at) => times.every((set) => set.has(at))));
    expect(Number.isFinite(morning)).toBe(true);
    const started = Date.now();
    const clock = () => new Date(morning + 1000 + (Date.now() - started));
    const posts: { channel: string; delivery: Delivery }[] = [];
    const silent = pino({ level: 'silent' });
    const schedulers: ReminderScheduler[] = [];
    let done!: () => void;
    const allPosted = new Promise<void>((resolve) => (done = resolve));
    for (const settings of app.scheduleTeams.values()) {
      const s = startReminders({
        repo: app.schedules,
        settings,
        meetings: app.meetings,
        log: silent,
        clock,
        post: async (transport, room, reply) => {
          const delivery = await bot.bot.post(transport, room, reply);
          posts.push({ channel: room.toLowerCase(), delivery });
          if (posts.length >= 50) done();
          return delivery;
        },
      });
      if (s) schedulers.push(s);
    }
    try {
      expect(schedulers).toHaveLength(25);
      await allPosted;
      await Promise.all(schedulers.map((s) => s.idle()));
      const channels = posts.map((p) => p.channel).sort();
      expect(channels).toEqual(CHANNELS.filter((c) => c !== SHARED).sort());
      expect(posts.filter((p) => !p.delivery.delivered)).toEqual([]);
      for (const ch of channels) expect(watcher.lines.some(isBotIn(ch))).toBe(true);
    } finally {
      for (const s of schedulers) s.stop();
    }
  }, 90_000);
});
