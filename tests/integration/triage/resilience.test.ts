// A restart mid-round (same SQLite file) and Launchpad going down: the round says so in one
// line, keeps everything, and carries on when Launchpad is back.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeLaunchpad } from '../../helpers/fake-launchpad.ts';
import { makeApp, tempDb, type Harness } from './harness.ts';

const fake = new FakeLaunchpad();
const open: Harness[] = [];
beforeAll(() => fake.start());
afterAll(() => fake.stop());
afterEach(() => {
  for (const h of open.splice(0)) h.close();
  fake.reset();
});

function app(opts: Parameters<typeof makeApp>[0]): Harness {
  const h = makeApp(opts);
  open.push(h);
  return h;
}

describe('restart mid-round', () => {
  it('resumes from SQLite with !triage status, without asking Launchpad again for the shown bug', async () => {
    const db = tempDb();
    const first = app({ url: fake.url, dbPath: db });
    await first.say('!triage start 3');
    await first.say('!triage confirm medium');
    await first.say('!triage tag libvirt');
    first.close();
    open.length = 0;

    fake.resetStats();
    const second = app({ url: fake.url, dbPath: db, clock: { now: new Date(first.clock.now.getTime() + 5 * 60_000) } });
    expect(await second.say('!triage status')).toEqual([
      'Triage round running (nova, newest first, started 16:40 UTC by gibi): bug 2 of 3; 1 decided, 0 deferred, 0 skipped',
      'Bug 2105950 [Undecided,New] "libvirt: live migration fails with vTPM enabled" (2d old, 1 affected, heat 4, no comments) https://bugs.launchpad.net/nova/+bug/2105950 — 2 of 3: no tag · no version in the description',
    ]);
    expect(fake.stats().requests).toBe(0); // shown 5 minutes ago: the cached entry is fresh
    // The tag given before the restart counts: "next" marks the bug reviewed.
    expect((await second.say('!triage next'))[0]).toBe('Bug 2105950: reviewed');
    expect(fake.stats().requests).toBe(1);
    expect((await second.say('!triage end'))[0]).toBe(
      'Triage round ended: 2 bugs reviewed — 1 Confirmed, 1 given only a tag, importance or assignee; 0 deferred, 0 skipped, 1 not reached (1 carried to the next round). Launchpad: 9 untriaged nova bugs when the round started (writes are dry-run: this round changed nothing there); 8 once its outcomes are applied.',
    );
  });
});

describe('restart mid-round, the next bug never seen', () => {
  it('refuses a decision naming no bug until the current bug was shown again, and shows it', async () => {
    const db = tempDb();
    const first = app({ url: fake.url, dbPath: db });
    await first.say('!triage start 3');
    // Decided and moved on; then the process dies before the channel saw the next bug.
    await first.say('!triage confirm medium');
    first.close();
    open.length = 0;

    const second = app({ url: fake.url, dbPath: db, clock: { now: new Date(first.clock.now.getTime() + 60_000) } });
    // The chair, who saw no answer, types the decision again: it must not land on bug 2 unseen.
    const again = await second.say('!triage confirm medium');
    expect(again).toEqual([
      'cyclebot restarted since bug 2105950 came up; nothing recorded. It is the current bug (below): to decide on it, name it (!triage confirm 2105950 medium) or repeat the decision',
      expect.stringMatching(/^Bug 2105950 \[Undecided,New\] .* — 2 of 3: /),
    ]);
    const rows = () => second.app.db.prepare('SELECT bug_id, kind FROM triage_decision ORDER BY id').all();
    expect(rows()).toEqual([{ bug_id: 2106001, kind: 'confirm' }]);
    // Shown now: the same decision goes through.
    expect((await second.say('!triage confirm medium'))[0]).toBe('Bug 2105950: Confirmed, importance Medium — recorded for gibi');
    expect(rows()).toEqual([
      { bug_id: 2106001, kind: 'confirm' },
      { bug_id: 2105950, kind: 'confirm' },
    ]);
  });

  it('takes a decision naming its bug at once, and one after !triage status', async () => {
    const db = tempDb();
    const first = app({ url: fake.url, dbPath: db });
    await first.say('!triage start 3');
    first.close();
    open.length = 0;
    const second = app({ url: fake.url, dbPath: db });
    expect((await second.say('!triage invalid 2106001'))[0]).toBe('Bug 2106001: Invalid — recorded for gibi');
    second.close();
    open.length = 0;
    const third = app({ url: fake.url, dbPath: db });
    await third.say('!triage status');
    expect((await third.say('!triage wontfix'))[0]).toBe("Bug 2105950: Won't Fix — recorded for gibi");
  });
});

describe('Launchpad down', () => {
  it('refuses to start in one line and records nothing', async () => {
    const h = app({ url: fake.url, launchpad: { timeoutSeconds: 1 } });
    fake.down = 'hang';
    expect(await h.say('!triage start')).toEqual([
      'Launchpad did not answer within 1 s (searchTasks); no round started, nothing changed; try !triage start again later',
    ]);
    fake.down = 'reset';
    expect(await h.say('!triage start')).toEqual([
      expect.stringMatching(/^cannot reach Launchpad \(.+\) \(searchTasks\); no round started, nothing changed; try !triage start again later$/),
    ]);
    fake.faults.push({ times: 1, status: 503, headers: { 'Retry-After': '900', 'X-Lazr-OopsId': 'OOPS-9' } });
    fake.down = false;
    expect(await h.say('!triage start')).toEqual([
      'Launchpad is unavailable (503) and asks to wait 15 min; try again later; no round started, nothing changed; try !triage start again later',
    ]);
    expect(h.app.db.prepare('SELECT count(*) AS n FROM triage_round').get()).toEqual({ n: 0 });
    expect(await h.say('!triage status')).toEqual(['no triage round is running here. A chair starts one with !triage start [N] [newest|most-voted|oldest]']);
  });

  it('keeps deciding mid-round: the decision is recorded, the next bug shown from what is known, details fetched later', async () => {
    const h = app({ url: fake.url, launchpad: { timeoutSeconds: 1 } });
    await h.say('!triage start 3');
    fake.down = 'hang';
    expect(await h.say('!triage confirm')).toEqual([
      'Bug 2106001: Confirmed — recorded for gibi',
      'Bug 2105950 [Undecided,New] "libvirt: live migration fails with vTPM enabled" (2d old) https://bugs.launchpad.net/nova/+bug/2105950 — 2 of 3',
      'Launchpad did not answer within 1 s (bug 2105950): tags, heat and comments are missing; !triage status tries again',
      `[private] dry-run, not sent: PATCH ${fake.url}/devel/nova/+bug/2106001 {"status":"Confirmed"}`,
      `[private] dry-run, not sent: POST ${fake.url}/devel/bugs/2106001 ws.op=newMessage content="Triaged in a triage round in #openstack-nova on 2025-06-10: Confirmed. Decided by gibi."`,
    ]);
    expect((await h.say('!triage status'))[2]).toBe(
      'Launchpad did not answer within 1 s (bug 2105950): tags, heat and comments are missing; !triage status tries again',
    );
    fake.down = false;
    expect(await h.say('!triage status')).toEqual([
      'Triage round running (nova, newest first, started 16:40 UTC by gibi): bug 2 of 3; 1 decided, 0 deferred, 0 skipped',
      'Bug 2105950 [Undecided,New] "libvirt: live migration fails with vTPM enabled" (2d old, 1 affected, heat 4, no comments) https://bugs.launchpad.net/nova/+bug/2105950 — 2 of 3: no tag · no version in the description',
    ]);
    fake.down = 'reset';
    expect((await h.say('!triage end'))[0]).toMatch(/^Triage round ended: 1 bug reviewed — 1 Confirmed; 0 deferred, 0 skipped, 2 not reached/);
  });

  it('says which bug Launchpad hides (404) and lets the round move on', async () => {
    const h = app({ url: fake.url });
    await h.say('!triage start 2');
    fake.bug(2105950).private = true;
    const lines = await h.say('!triage skip');
    expect(lines.slice(1)).toEqual([
      'Bug 2105950 [Undecided,New] "libvirt: live migration fails with vTPM enabled" (2d old) https://bugs.launchpad.net/nova/+bug/2105950 — 2 of 2',
      'Launchpad does not show bug 2105950 (404: deleted or private); !triage skip moves on',
    ]);
  });

  it('takes two decisions sent at once one after the other, each on its own bug', async () => {
    const h = app({ url: fake.url });
    await h.say('!triage start 3');
    const [a, b] = await Promise.all([h.say('!triage confirm'), h.say('!triage invalid')]);
    expect(a[0]).toBe('Bug 2106001: Confirmed — recorded for gibi');
    expect(b[0]).toBe('Bug 2105950: Invalid — recorded for gibi');
    expect(h.app.db.prepare('SELECT bug_id, kind FROM triage_decision ORDER BY id').all()).toEqual([
      { bug_id: 2106001, kind: 'confirm' },
      { bug_id: 2105950, kind: 'invalid' },
    ]);
  });
});
