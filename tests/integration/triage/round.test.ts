// A whole triage round through the real router and SQLite against the fake Launchpad: the lines
// a channel sees, the minutes, what is recorded, the requests made, and the next round.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeLaunchpad } from '../../helpers/fake-launchpad.ts';
import { fakeBug } from '../../helpers/launchpad-bugs.ts';
import { chair, makeApp, member, unsafeLines, type Harness } from './harness.ts';

const fake = new FakeLaunchpad();
let h: Harness;
beforeAll(() => fake.start());
afterAll(() => fake.stop());
afterEach(() => {
  h?.close();
  fake.reset();
});

const DECIDE =
  'decide: !triage confirm [importance] | incomplete [why] | invalid | opinion | wontfix | dup <bug> | defer | skip; also importance, tag, assign. To be sure of the bug, name it: !triage confirm 2106001 low. !triage undo takes back the last decision; !triage end';

describe('a 5-bug round in a meeting', () => {
  it('shows each bug in one line, records decisions with who/when/meeting, writes the minutes, and sums up', async () => {
    h = makeApp({ url: fake.url });
    fake.resetStats();
    const all: string[] = [];
    const say = async (text: string, who = chair) => {
      const lines = await h.say(text, who);
      all.push(...lines);
      return lines;
    };

    // Anyone may look; only chairs run the round.
    expect(await say('!triage status', member)).toEqual([
      'no triage round is running here. A chair starts one with !triage start [N] [newest|most-voted|oldest]',
    ]);
    expect(await say('!triage start', member)).toEqual(['!triage start is for chairs only (you are not recognised as one).']);
    expect(await say('!triage confirm', member)).toEqual(['!triage confirm is for chairs only (you are not recognised as one).']);
    expect(await say('!triage frobnicate', member)).toEqual([expect.stringMatching(/^unknown !triage subcommand "frobnicate"; usage: !triage start/)]);
    expect(fake.stats().requests).toBe(0);

    h.meetingStarts('nova');
    // In a meeting the header is the #info line; the bug and its hints are one line.
    expect(await say('!triage start')).toEqual([
      '[minutes] #info Bug triage, nova: 9 untriaged (status New), no earlier round to compare with; oldest 2y old; 2 half-triaged (Confirmed, Undecided). This round: 5 bugs, newest first.',
      'Bug 2106001 [Undecided,New] "Crash on boot #endmeeting when #topic is set" (29h old, 1 affected, heat 2, tags: compute, 1 comment) https://bugs.launchpad.net/nova/+bug/2106001 — 1 of 5: has a patch',
      DECIDE,
    ]);
    expect(await say('!triage start')).toEqual(['a triage round is already running here (bug 1 of 5); !triage status shows it, !triage end closes it']);

    // The #info line is the acknowledgement: no separate "recorded" line in a meeting.
    expect(await say('!triage tag libvirt')).toEqual([
      '[minutes] #link https://bugs.launchpad.net/nova/+bug/2106001 Bug 2106001: Crash on boot #endmeeting when #topic is set',
      '[minutes] #info Bug 2106001 tagged libvirt (gibi)',
      `[private] dry-run, not sent: PATCH ${fake.url}/devel/bugs/2106001 {"tags":["compute","libvirt"]} (If-Match: the bug's ETag)`,
    ]);
    expect(await say('!triage tag libvirt')).toEqual(['bug 2106001 already has the tag libvirt (given in this round); nothing recorded']);
    expect(await say('!triage tag compute')).toEqual(['bug 2106001 already has the tag compute on Launchpad; nothing recorded']);
    expect(await say('!triage confirm 2105950 high')).toEqual([
      'bug 2105950 is not the current bug (bug 2106001 is) nor one decided in this round; nothing recorded',
    ]);
    expect(await say('!triage confirm high')).toEqual([
      '[minutes] #info Bug 2106001 Confirmed, importance High (gibi)',
      'Bug 2105950 [Undecided,New] "libvirt: live migration fails with vTPM enabled" (2d old, 1 affected, heat 4, no comments) https://bugs.launchpad.net/nova/+bug/2105950 — 2 of 5: no tag · no version in the description',
      `[private] dry-run, not sent: PATCH ${fake.url}/devel/nova/+bug/2106001 {"status":"Confirmed","importance":"High"}`,
      `[private] dry-run, not sent: POST ${fake.url}/devel/bugs/2106001 ws.op=newMessage content="Triaged in the nova meeting on 2025-06-10: Confirmed, importance High. Decided by gibi."`,
    ]);
    const incomplete = await say('!triage incomplete which release? logs please');
    expect(incomplete.slice(0, 3)).toEqual([
      '[minutes] #link https://bugs.launchpad.net/nova/+bug/2105950 Bug 2105950: libvirt: live migration fails with vTPM enabled',
      '[minutes] #info Bug 2105950 Incomplete: which release? logs please (gibi)',
      '[minutes] #action gibi ask the reporter of bug 2105950 for more information: which release? logs please',
    ]);
    expect(incomplete[3]).toMatch(
      /^Bug 2105896 \[Undecided,New\] "Security group name conflict when booting with two groups of the same name" \(5d old, 3 affected, heat 12, tags: network, 4 comments\) \S+ — 3 of 5: tagged, version given$/,
    );

    expect(await say('!triage status', member)).toEqual([
      'Triage round running (nova, newest first, started 16:40 UTC by gibi): bug 3 of 5; 2 decided, 0 deferred, 0 skipped',
      incomplete[3],
    ]);
    expect((await say('!triage defer')).slice(0, 2)).toEqual([
      '[minutes] #info Bug 2105896 deferred to the next triage round (gibi)',
      'Bug 2104000 [Undecided,New] "Resize to same host ignores flavor extra specs" (21d old, 7 affected, heat 30, tags: resize, 8 comments) https://bugs.launchpad.net/nova/+bug/2104000 — 4 of 5: has a patch',
    ]);
    expect((await say('!triage assign gibi')).slice(0, 2)).toEqual([
      '[minutes] #link https://bugs.launchpad.net/nova/+bug/2104000 Bug 2104000: Resize to same host ignores flavor extra specs',
      '[minutes] #action gibi to work on bug 2104000 https://bugs.launchpad.net/nova/+bug/2104000',
    ]);
    expect(await say('!triage next')).toEqual([
      'Bug 2104000: reviewed',
      'Bug 2103000 [Undecided,New] "API returns 500 on server show with a deleted flavor" (2mo old, 2 affected, heat 8, tags: api, 2 comments) https://bugs.launchpad.net/nova/+bug/2103000 — 5 of 5: tagged, version given',
    ]);
    expect(await say('!triage dup 2103000')).toEqual(['bug 2103000 cannot be a duplicate of itself; nothing recorded']);
    expect((await say('!triage dup 2100001')).slice(0, 3)).toEqual([
      '[minutes] #link https://bugs.launchpad.net/nova/+bug/2103000 Bug 2103000: API returns 500 on server show with a deleted flavor',
      '[minutes] #info Bug 2103000 is a duplicate of bug 2100001 (gibi)',
      'that was the last bug of the round (4 decided, 1 deferred, 0 skipped); !triage end closes it with a summary',
    ]);
    expect(await say('!triage skip')).toEqual([
      'every bug of this round has been reviewed; !triage end closes it with a summary (or name a bug of this round to amend its decision)',
    ]);

    // One search, one half-triaged count, one bug entry per bug shown: 7 requests.
    const { requests, bytes } = fake.stats();
    expect(fake.requests.map((r) => `${r.method} ${r.path}${r.query.get('ws.op') ? `?${r.query.toString()}` : ''}`)).toEqual([
      'GET /devel/nova?ws.op=searchTasks&status=New&order_by=-datecreated&ws.size=300',
      'GET /devel/nova?ws.op=searchTasks&status=Confirmed&importance=Undecided&ws.show=total_size',
      'GET /devel/bugs/2106001',
      'GET /devel/bugs/2105950',
      'GET /devel/bugs/2105896',
      'GET /devel/bugs/2104000',
      'GET /devel/bugs/2103000',
    ]);
    expect(requests).toBe(7);
    expect(bytes).toBeGreaterThan(15_000);
    expect(bytes).toBeLessThan(25_000);
    console.log(`5-bug round: ${requests} HTTP requests, ${bytes} response bytes`);

    // One line in a meeting, saying which count is Launchpad's and which is after this round.
    expect(await say('!triage end')).toEqual([
      '[minutes] #info Bug triage done: 4 reviewed (1 Confirmed, 1 Incomplete, 1 duplicate; 1 deferred). Launchpad: 9 untriaged nova bugs when the round started (writes are dry-run: this round changed nothing there); 6 once its outcomes are applied.',
    ]);
    expect(fake.stats().requests).toBe(7); // ending asks nothing
    expect(await say('!triage end')).toEqual(['no triage round is running here']);

    // Nothing a meeting bot would act on, except the minutes lines; and those are only #link/#info/#action.
    expect(unsafeLines(all)).toEqual([]);
    for (const l of all.filter((x) => x.startsWith('[minutes] '))) expect(l).toMatch(/^\[minutes\] #(?:link|info|action) /);

    // Who decided, when, in which meeting.
    const rows = h.app.db
      .prepare('SELECT bug_id, kind, value, reason, decided_by_key, decided_by, decided_at, meeting_name, write_state FROM triage_decision ORDER BY id')
      .all();
    expect(rows).toEqual([
      {
        bug_id: 2106001,
        kind: 'tag',
        value: 'libvirt',
        reason: null,
        decided_by_key: 'irc:gibi',
        decided_by: 'gibi',
        decided_at: h.clock.now.getTime(),
        meeting_name: 'nova',
        write_state: 'dry-run',
      },
      {
        bug_id: 2106001,
        kind: 'confirm',
        value: 'High',
        reason: null,
        decided_by_key: 'irc:gibi',
        decided_by: 'gibi',
        decided_at: h.clock.now.getTime(),
        meeting_name: 'nova',
        write_state: 'dry-run',
      },
      {
        bug_id: 2105950,
        kind: 'incomplete',
        value: null,
        reason: 'which release? logs please',
        decided_by_key: 'irc:gibi',
        decided_by: 'gibi',
        decided_at: h.clock.now.getTime(),
        meeting_name: 'nova',
        write_state: 'dry-run',
      },
      {
        bug_id: 2105896,
        kind: 'defer',
        value: null,
        reason: null,
        decided_by_key: 'irc:gibi',
        decided_by: 'gibi',
        decided_at: h.clock.now.getTime(),
        meeting_name: 'nova',
        write_state: 'none',
      },
      {
        bug_id: 2104000,
        kind: 'assign',
        value: 'gibi',
        reason: null,
        decided_by_key: 'irc:gibi',
        decided_by: 'gibi',
        decided_at: h.clock.now.getTime(),
        meeting_name: 'nova',
        write_state: 'dry-run',
      },
      {
        bug_id: 2103000,
        kind: 'dup',
        value: '2100001',
        reason: null,
        decided_by_key: 'irc:gibi',
        decided_by: 'gibi',
        decided_at: h.clock.now.getTime(),
        meeting_name: 'nova',
        write_state: 'dry-run',
      },
    ]);

    // A week later: the deferred bug first, decided bugs not again, a new report counted.
    h.meetingEnds();
    h.clock.now = new Date(h.clock.now.getTime() + 7 * 86_400_000);
    fake.bugs.push(
      fakeBug(2107000, {
        title: 'New this week',
        created: '2025-06-12T10:00:00.000000+00:00',
        tags: ['api'],
        heat: 1,
        usersAffected: 1,
        description: '2025.1',
      }),
    );
    fake.resetStats();
    const second = await say('!triage start 3');
    expect(second.slice(0, 3)).toEqual([
      'Bug triage, nova: 10 untriaged (status New), +1 since the last round (10 Jun), 1 new; oldest 2y old; 2 half-triaged (Confirmed, Undecided). This round: 3 bugs, newest first (1 carried over).',
      'Bug 2105896 [Undecided,New] "Security group name conflict when booting with two groups of the same name" (12d old, 3 affected, heat 12, tags: network, 4 comments) https://bugs.launchpad.net/nova/+bug/2105896 — 1 of 3 (deferred last time): tagged, version given',
      expect.stringMatching(/^decide: /),
    ]);
    expect(second.filter((l) => l.startsWith('[minutes]'))).toEqual([]); // no meeting running now
    const queue = h.app.db.prepare('SELECT bug_id, carried FROM triage_queue WHERE round_id = 2 ORDER BY position').all();
    expect(queue).toEqual([
      { bug_id: 2105896, carried: 'deferred' },
      { bug_id: 2107000, carried: null },
      { bug_id: 2100001, carried: null },
    ]);
    // The cached bug was revalidated (304), not downloaded again.
    expect(fake.requests.find((r) => r.path === '/devel/bugs/2105896')).toMatchObject({ status: 304, bytes: 0 });
    expect(await say('!triage end')).toEqual([
      'Triage round ended: 0 bugs reviewed; 0 deferred, 0 skipped, 3 not reached (3 carried to the next round). Launchpad: 10 untriaged nova bugs when the round started (writes are dry-run: this round changed nothing there); 10 once its outcomes are applied.',
    ]);
    expect(await say('!triage stats', member)).toEqual([
      'Untriaged nova bugs (status New), newest first: 10 (17 Jun), 9 (10 Jun) — up 1 since 10 Jun; half-triaged 2',
    ]);
  });

  it('orders by votes (users affected, then heat) when asked, and stops when nothing is left', async () => {
    h = makeApp({ url: fake.url, triage: { halfTriaged: false, minutes: false } });
    h.meetingStarts('nova');
    const lines = await h.say('!triage start 2 most-voted');
    expect(lines[0]).toBe(
      'Bug triage, nova: 9 untriaged (status New), no earlier round to compare with; oldest 2y old. This round: 2 bugs, most affected first.',
    );
    expect(lines[1]).toMatch(
      /^Bug 2050000 \[Undecided,New\] "nova-compute leaks file descriptors on long-running hosts" \(16mo old, 12 affected, heat 50, tags: compute, libvirt, 19 comments\)/,
    );
    expect(lines).toHaveLength(3); // header, bug, hint: a meeting runs, but triage.minutes is off
    expect(await h.say('!triage invalid not a nova bug')).not.toContainEqual(expect.stringMatching(/^\[minutes\]/));
    await h.say('!triage wontfix');
    await h.say('!triage end');
    for (const id of [2106001, 2105950, 2105896, 2104000, 2103000, 2100001, 1990000]) {
      h.app.db
        .prepare(
          "INSERT INTO triage_decision (round_id, project, bug_id, kind, decided_by_key, decided_by, decided_at) VALUES (NULL, 'nova', ?, 'confirm', 'k', 'x', 0)",
        )
        .run(id);
    }
    expect(await h.say('!triage start')).toEqual([
      'Bug triage, nova: 9 untriaged (status New), +0 since the last round (10 Jun), 0 new; oldest 2y old.',
      'nothing to review: every untriaged bug has a recorded decision; no round started',
    ]);
  });

  it('records the backlog once per UTC day for the trend, with two count requests', async () => {
    h = makeApp({ url: fake.url });
    fake.resetStats();
    expect(await h.app.triage.recordDailyBacklog(h.clock.now)).toEqual({ recorded: true, untriaged: 9 });
    expect(await h.app.triage.recordDailyBacklog(new Date(h.clock.now.getTime() + 3_600_000))).toEqual({ recorded: false });
    expect(fake.stats().requests).toBe(2);
    expect(await h.say('!triage stats', member)).toEqual(['Untriaged nova bugs (status New), newest first: 9 (10 Jun); half-triaged 2']);
    fake.down = 'reset';
    expect(await h.app.triage.recordDailyBacklog(new Date(h.clock.now.getTime() + 86_400_000))).toEqual({ recorded: false });
  });

  it('works from a partial list when the backlog is longer than the pages it may read', async () => {
    h = makeApp({ url: fake.url, launchpad: { pageSize: 3, maxPages: 1 } });
    fake.resetStats();
    const lines = await h.say('!triage start 2');
    expect(lines[0]).toBe(
      'Bug triage, nova: 9 untriaged (status New), no earlier round to compare with; oldest 2y old; 2 half-triaged (Confirmed, Undecided). This round: 2 bugs, newest first.',
    );
    expect(lines[1]).toMatch(/^Bug 2106001 /);
    expect(fake.requests.map((r) => r.query.toString())).toEqual([
      'ws.op=searchTasks&status=New&order_by=-datecreated&ws.size=3',
      'ws.op=searchTasks&status=New&order_by=-datecreated&ws.size=3&ws.show=total_size',
      'ws.op=searchTasks&status=Confirmed&importance=Undecided&ws.show=total_size',
      'ws.op=searchTasks&status=New&order_by=datecreated&ws.size=1',
      '',
    ]);
    expect(fake.requests[4].path).toBe('/devel/bugs/2106001');
  });
});
