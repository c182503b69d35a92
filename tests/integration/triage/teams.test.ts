// Triage per team: two teams run rounds at the same time in their own channels, each on its own
// Launchpad project; every command in a room goes to the round running there; a shared channel
// outside a meeting names the team ("!triage start manila") or is asked; during a meeting there,
// the meeting's team's round is written back to that team's project and read into its minutes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { validateConfig } from '../../../src/config.ts';
import { renderPlain } from '../../../src/core/formatting.ts';
import { createRootLogger } from '../../../src/log.ts';
import { FakeLaunchpad } from '../../helpers/fake-launchpad.ts';
import { roomMsg } from '../../helpers/messages.ts';
import { chair, meetbot, NOW } from './harness.ts';

const fake = new FakeLaunchpad();
fake.projects.add('manila');
fake.tokens.set('tok-supervisor', { secret: 'sek', supervisor: true });
beforeAll(() => fake.start());
afterAll(() => fake.stop());

describe('triage per team', () => {
  it('runs two rounds at once, in two channels, each on its team’s project', async () => {
    const config = validateConfig(
      {
        irc: { host: 'h', password: 'p' },
        rateLimit: { burst: 1000, refillSeconds: 1 },
        permissions: { chairs: ['irc:gibi'] },
        launchpad: { url: fake.url, allowHttp: true, timeoutSeconds: 2, retries: 0 },
        teams: [
          { name: 'nova', channels: ['irc:#openstack-nova', 'irc:#openstack-meeting'] },
          { name: 'manila', channels: ['irc:#openstack-manila', 'irc:#openstack-meeting'], triage: { count: 2 } },
        ],
      },
      'test',
      {},
    );
    const app = createApp({
      dbPath: ':memory:',
      config,
      log: createRootLogger({ level: 'silent', format: 'json' }),
      clock: () => NOW,
      triage: { sleep: async () => {} },
    });
    const say = async (room: string, text: string) => {
      const r = await app.router.handle(roomMsg(text, chair, { transport: 'irc', room }));
      return r.kind === 'ignored' ? [] : r.replies.flatMap((x) => x.lines.map(renderPlain));
    };
    const [nova, manila] = await Promise.all([say('#openstack-nova', '!triage start 3'), say('#openstack-manila', '!triage start')]);
    expect(nova[0]).toMatch(/^Bug triage, nova: .* This round: 3 bugs, newest first\.$/);
    expect(manila[0]).toMatch(/^Bug triage, manila: .* This round: 2 bugs, newest first\.$/);
    expect(nova[1]).toContain('https://bugs.launchpad.net/nova/+bug/2106001 — 1 of 3');
    expect(manila[1]).toContain('https://bugs.launchpad.net/manila/+bug/2106001 — 1 of 2');
    // Each channel's commands go to its own round.
    expect(await say('#openstack-manila', '!triage skip')).toEqual([
      'Bug 2106001: skipped — recorded for gibi',
      expect.stringMatching(/^Bug 2105950 .* https:\/\/bugs\.launchpad\.net\/manila\/\+bug\/2105950 — 2 of 2: /),
    ]);
    expect((await say('#openstack-nova', '!triage status'))[0]).toMatch(
      /^Triage round running \(nova, newest first, .*\): bug 1 of 3; 0 decided, 0 deferred, 0 skipped$/,
    );
    expect((await say('#openstack-manila', '!triage end'))[0]).toMatch(
      /^Triage round ended: 0 bugs reviewed; 0 deferred, 1 skipped, 1 not reached .* 9 untriaged manila bugs /,
    );
    expect((await say('#openstack-nova', '!triage end'))[0]).toMatch(/^Triage round ended: .* 3 not reached .* 9 untriaged nova bugs /);
    // A shared channel outside a meeting asks which team, or takes the one named.
    expect(await say('#openstack-meeting', '!triage start')).toEqual([
      "which team? this channel is shared by nova, manila (!teams): say !triage start <team> [N], or ask during the team's meeting",
    ]);
    // Manila's carried bug, not nova's: the round is manila's, and so are its next bug and its end.
    expect((await say('#openstack-meeting', '!triage start manila 2'))[0]).toMatch(
      /^Bug triage, manila: .* This round: 2 bugs, newest first \(1 carried over\)\.$/,
    );
    expect((await say('#openstack-meeting', '!triage skip'))[1]).toMatch(/^Bug \d+ .* https:\/\/bugs\.launchpad\.net\/manila\/\+bug\/\d+ — 2 of 2/);
    expect((await say('#openstack-meeting', '!triage end'))[0]).toMatch(/ 9 untriaged manila bugs /);
    app.close();
  });

  it('in a shared channel, the running meeting’s team: its round, its Launchpad project, its minutes', async () => {
    fake.reset();
    const SHARED = '#openstack-meeting';
    const config = validateConfig(
      {
        irc: { host: 'h', password: 'p' },
        rateLimit: { burst: 1000, refillSeconds: 1 },
        permissions: { chairs: ['irc:gibi'] },
        launchpad: { url: fake.url, allowHttp: true, timeoutSeconds: 2, retries: 0, write: 'on', token: 'tok-supervisor', tokenSecret: 'sek' },
        teams: [
          { name: 'nova', channels: ['irc:#openstack-nova', `irc:${SHARED}`] },
          { name: 'manila', channels: ['irc:#openstack-manila', `irc:${SHARED}`] },
        ],
      },
      'test',
      {},
    );
    const app = createApp({
      dbPath: ':memory:',
      config,
      log: createRootLogger({ level: 'silent', format: 'json' }),
      clock: () => NOW,
      triage: { sleep: async () => {} },
    });
    const where = { transport: 'irc', room: SHARED };
    const banner = (text: string) => app.meetings.observe(roomMsg(text, meetbot, where), NOW);
    const meeting = (name: string) => {
      banner(`Meeting started ${NOW.toUTCString()} UTC and is due to finish in 60 minutes.  The chair is gibi.`);
      banner(`The meeting name has been set to '${name}'`);
    };
    const say = async (text: string) => {
      const r = await app.router.handle(roomMsg(text, chair, where));
      return r.kind === 'ignored'
        ? []
        : r.replies.flatMap((x) => x.lines.map((l) => `${x.minutes ? '[minutes] ' : x.private ? '[private] ' : ''}${renderPlain(l)}`));
    };
    meeting('manila');
    expect((await say('!triage start 2'))[0]).toMatch(/^\[minutes\] #info Bug triage, manila: 9 untriaged .* This round: 2 bugs, newest first\.$/);
    expect(await say('!triage confirm high')).toEqual([
      '[minutes] #link https://bugs.launchpad.net/manila/+bug/2106001 Bug 2106001: Crash on boot #endmeeting when #topic is set',
      '[minutes] #info Bug 2106001 Confirmed, importance High (gibi)',
      expect.stringMatching(/^Bug 2105950 .* https:\/\/bugs\.launchpad\.net\/manila\/\+bug\/2105950 — 2 of 2/),
      '[private] written to Launchpad',
    ]);
    // Written to manila's task of the bug, with a comment naming manila's meeting; nova's untouched.
    expect(fake.writeCounts(true)).toEqual({ 'PATCH /devel/manila/+bug/2106001': 1, 'POST /devel/bugs/2106001': 1 });
    expect(fake.comments[0].content).toMatch(/^Triaged in the manila meeting on \d{4}-\d\d-\d\d: Confirmed, importance High\. Decided by gibi\./);
    expect(app.db.prepare('SELECT project, meeting_name FROM triage_decision').all()).toEqual([{ project: 'manila', meeting_name: 'manila' }]);
    // The meeting ends: the round running there is still manila's.
    banner(`Meeting ended ${NOW.toUTCString()} UTC.  Information about MeetBot at http://wiki.debian.org/MeetBot . (v 0.1.4)`);
    expect((await say('!triage invalid'))[0]).toBe('Bug 2105950: Invalid — recorded for gibi');
    expect(fake.writeCounts(true)['PATCH /devel/manila/+bug/2105950']).toBe(1);
    expect((await say('!triage end'))[0]).toMatch(/^Triage round ended: 2 bugs reviewed .* untriaged manila bugs /);
    // nova's meeting next: its round, its project.
    meeting('nova');
    expect((await say('!triage start 1'))[0]).toMatch(/^\[minutes\] #info Bug triage, nova: /);
    expect((await say('!triage wontfix'))[0]).toMatch(/^\[minutes\] #link https:\/\/bugs\.launchpad\.net\/nova\/\+bug\/\d+ /);
    expect(Object.keys(fake.writeCounts(true)).filter((k) => k.startsWith('PATCH /devel/nova/'))).toHaveLength(1);
    expect(app.db.prepare('SELECT DISTINCT project, meeting_name FROM triage_decision ORDER BY id').all()).toEqual([
      { project: 'manila', meeting_name: 'manila' },
      { project: 'manila', meeting_name: null },
      { project: 'nova', meeting_name: 'nova' },
    ]);
    expect((await say('!triage end'))[0]).toMatch(/^\[minutes\] #info Bug triage done: 1 reviewed/);
    // Two chairs start two teams' rounds there at the same moment: one round runs, the other is refused.
    banner(`Meeting ended ${NOW.toUTCString()} UTC.  Information about MeetBot at http://wiki.debian.org/MeetBot . (v 0.1.4)`);
    const both = await Promise.all([say('!triage start nova 1'), say('!triage start manila 1')]);
    expect(both.map((lines) => lines[0].replace(/^(Bug triage, \w+): .*/, '$1').replace(/ \(bug 1 of 1\).*/, ''))).toEqual([
      'Bug triage, nova',
      'a triage round is already running here',
    ]);
    expect(app.db.prepare('SELECT count(*) AS n FROM triage_round WHERE ended_at IS NULL').get()).toEqual({ n: 1 });
    app.close();
  });
});
