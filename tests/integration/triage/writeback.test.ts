// Writing outcomes back with OAuth PLAINTEXT: one PATCH on the task (209), tags on the bug with
// If-Match, a comment naming the meeting and who decided; 401 said plainly; Launchpad down
// keeps the decision and writes it at the next command; a bug still New after a write is shown again.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeLaunchpad } from '../../helpers/fake-launchpad.ts';
import { makeApp, tempDb, type Harness } from './harness.ts';

const fake = new FakeLaunchpad();
let h: Harness;
beforeAll(async () => {
  await fake.start();
  fake.tokens.set('tok-supervisor', { secret: 'sek', supervisor: true });
  fake.tokens.set('tok-plain', { secret: 'sek2', supervisor: false });
});
afterAll(() => fake.stop());
afterEach(() => {
  h?.close();
  fake.reset();
});

const writer = (token: string, secret: string) => ({ url: fake.url, launchpad: { write: 'on', token, tokenSecret: secret, timeoutSeconds: 2 } });

describe('write-back', () => {
  it('writes status and importance in one PATCH, tags with If-Match, and a comment', async () => {
    h = makeApp(writer('tok-supervisor', 'sek'));
    h.meetingStarts('nova');
    await h.say('!triage start 2');
    fake.resetStats();
    // In a meeting the #info line acknowledges; "written" goes to the decider only.
    expect(await h.say('!triage tag libvirt')).toEqual([
      '[minutes] #link https://bugs.launchpad.net/nova/+bug/2106001 Bug 2106001: Crash on boot #endmeeting when #topic is set',
      '[minutes] #info Bug 2106001 tagged libvirt (gibi)',
      '[private] written to Launchpad',
    ]);
    expect(fake.bug(2106001).tags).toEqual(['compute', 'libvirt']);
    const confirm = await h.say('!triage confirm high 2105896');
    expect(confirm).toEqual(['bug 2105896 is not the current bug (bug 2106001 is) nor one decided in this round; nothing recorded']);
    const confirmed = await h.say('!triage confirm high');
    expect(confirmed[0]).toBe('[minutes] #info Bug 2106001 Confirmed, importance High (gibi)');
    expect(confirmed[1]).toMatch(/^Bug 2105950 /);
    expect(confirmed.at(-1)).toBe('[private] written to Launchpad');
    expect(fake.bug(2106001)).toMatchObject({ status: 'Confirmed', importance: 'High' });
    expect(fake.comments).toEqual([
      {
        bugId: 2106001,
        content: 'Triaged in the nova meeting on 2025-06-10: Confirmed, importance High. Decided by gibi.\n(posted by cyclebot, ref cyclebot-2-mbqqy5mo)',
      },
    ]);
    const writes = fake.requests.filter((r) => r.method !== 'GET');
    expect(writes.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'PATCH /devel/bugs/2106001 209',
      'PATCH /devel/nova/+bug/2106001 209',
      'POST /devel/bugs/2106001 201',
    ]);
    expect(writes[0].headers['if-match']).toBe('"2106001-0"');
    expect(JSON.parse(writes[1].body)).toEqual({ status: 'Confirmed', importance: 'High' });
    expect(writes[1].headers.authorization).toMatch(
      /^OAuth realm="https:\/\/api\.launchpad\.net\/", oauth_consumer_key="cyclebot", oauth_token="tok-supervisor", oauth_signature_method="PLAINTEXT", oauth_signature="%26sek", /,
    );
    expect(h.app.db.prepare('SELECT kind, write_state FROM triage_decision ORDER BY id').all()).toEqual([
      { kind: 'tag', write_state: 'written' },
      { kind: 'confirm', write_state: 'written' },
    ]);
  });

  it('says plainly that the account lacks bug-supervisor rights (401) and keeps the decision', async () => {
    h = makeApp(writer('tok-plain', 'sek2'));
    await h.say('!triage start 2');
    expect((await h.say('!triage confirm high')).slice(0, 2)).toEqual([
      'Bug 2106001: Confirmed, importance High — recorded for gibi',
      'Launchpad refused to change bug 2106001 (401): the bot account lacks bug-supervisor rights on nova (membership of ~nova-bugs) or its token was revoked; the decision is kept here',
    ]);
    expect(fake.bug(2106001)).toMatchObject({ status: 'New', importance: 'Undecided' });
    expect(h.app.db.prepare('SELECT write_state FROM triage_decision').get()).toEqual({ write_state: 'failed' });
  });

  it('keeps a decision Launchpad could not take and writes it at the next command, once', async () => {
    h = makeApp(writer('tok-supervisor', 'sek'));
    await h.say('!triage start 3');
    fake.faults.push({ method: 'POST', times: 1, status: 503, headers: { 'Retry-After': '600' } });
    expect((await h.say('!triage incomplete logs please')).slice(0, 2)).toEqual([
      'Bug 2106001: Incomplete (logs please) — recorded for gibi',
      'Launchpad is unavailable (503) and asks to wait 10 min; try again later; the decision is kept and will be written at the next command',
    ]);
    expect(fake.bug(2106001).status).toBe('Incomplete'); // the PATCH went through, the comment did not
    expect(fake.comments).toEqual([]);
    expect((await h.say('!triage status')).slice(0, 2)).toEqual([
      'Triage round running (nova, newest first, started 16:40 UTC by gibi): bug 2 of 3; 1 decided, 0 deferred, 0 skipped',
      'wrote 1 kept decision to Launchpad',
    ]);
    expect(fake.comments.map((c) => c.bugId)).toEqual([2106001]);
    expect(fake.requests.filter((r) => r.method === 'PATCH' && r.path === '/devel/nova/+bug/2106001')).toHaveLength(1); // resumed after the PATCH
    expect((await h.say('!triage status'))[1]).not.toMatch(/wrote/);
  });

  it('finishes kept writes unprompted after a restart (the running bot calls finishWrites)', async () => {
    const dbPath = tempDb();
    h = makeApp({ ...writer('tok-supervisor', 'sek'), dbPath });
    await h.say('!triage start 3');
    fake.fault({ method: 'POST', times: 1, mode: 'reset' });
    await h.say('!triage confirm');
    expect(fake.comments).toEqual([]);
    h.close();
    h = makeApp({ ...writer('tok-supervisor', 'sek'), dbPath });
    expect(await h.app.triage.finishWrites()).toEqual(['wrote 1 kept decision to Launchpad']);
    expect(fake.comments.map((c) => c.bugId)).toEqual([2106001]);
    expect(await h.app.triage.finishWrites()).toEqual([]);
  });

  it('never posts a comment twice that Launchpad accepted without answering', async () => {
    h = makeApp(writer('tok-supervisor', 'sek'));
    await h.say('!triage start 3');
    // The comment is posted, the connection drops before the answer, and the look at the bug's
    // messages fails too: the outcome stays unknown until the next command checks again.
    fake.fault({ method: 'POST', times: 1, mode: 'apply-then-reset' });
    fake.fault({ method: 'GET', match: /\/messages\?/, times: 1, status: 503 });
    const said = await h.say('!triage incomplete logs please');
    expect(said[0]).toBe('Bug 2106001: Incomplete (logs please) — recorded for gibi');
    expect(said[1]).toMatch(/^cannot reach Launchpad \(.*\) \(a comment on bug 2106001\); the decision is kept and will be written at the next command$/);
    expect(fake.comments).toHaveLength(1);
    expect((await h.say('!triage status'))[1]).toBe('wrote 1 kept decision to Launchpad');
    await h.say('!triage confirm');
    expect(fake.comments.filter((c) => c.bugId === 2106001)).toHaveLength(1);
    expect(fake.writeCounts()).toMatchObject({
      'PATCH /devel/nova/+bug/2106001': 1,
      'POST /devel/bugs/2106001': 1,
      'PATCH /devel/nova/+bug/2105950': 1,
      'POST /devel/bugs/2105950': 1,
    });
    expect(h.app.db.prepare("SELECT count(*) AS n FROM triage_write_step WHERE state != 'done'").get()).toEqual({ n: 0 });
  });

  it('does not send a PATCH again that Launchpad applied without answering', async () => {
    const w = writer('tok-supervisor', 'sek');
    h = makeApp({ ...w, launchpad: { ...w.launchpad, retries: 2 } }); // no blind retry of a write
    await h.say('!triage start 3');
    fake.fault({ method: 'PATCH', times: 1, mode: 'apply-then-reset' });
    expect((await h.say('!triage confirm high')).slice(0, 2)).toEqual(['Bug 2106001: Confirmed, importance High — recorded for gibi', 'written to Launchpad']);
    expect(fake.writeCounts()).toEqual({ 'PATCH /devel/nova/+bug/2106001': 1, 'POST /devel/bugs/2106001': 1 });
    expect(fake.bug(2106001)).toMatchObject({ status: 'Confirmed', importance: 'High' });
  });

  it('never names a meeting that ended or expired in a decision or its comment', async () => {
    h = makeApp(writer('tok-supervisor', 'sek'));
    h.meetingStarts('nova'); // its "Meeting ended" is never seen
    h.clock.now = new Date(+h.clock.now + 7 * 86400_000);
    await h.say('!triage start 2');
    await h.say('!triage invalid');
    h.meetingStarts('nova');
    await h.say('!triage opinion');
    expect(fake.comments.map((c) => c.content.split('\n')[0])).toEqual([
      'Triaged in a triage round in #openstack-nova on 2025-06-17: Invalid. Decided by gibi.',
      'Triaged in the nova meeting on 2025-06-17: Opinion. Decided by gibi.',
    ]);
    await h.say('!triage end');
    await h.say('!triage start 1'); // during the meeting
    h.meetingEnds();
    await h.say('!triage invalid'); // after it
    expect(fake.comments[2].content).toMatch(/^Triaged in a triage round in #openstack-nova on 2025-06-17: Invalid\./);
    expect(h.app.db.prepare('SELECT meeting_name FROM triage_decision ORDER BY id').all()).toEqual([
      { meeting_name: null },
      { meeting_name: 'nova' },
      { meeting_name: null },
    ]);
  });

  it('shows a bug again at the next round when it is still New on Launchpad after the write', async () => {
    h = makeApp(writer('tok-supervisor', 'sek'));
    await h.say('!triage start 1');
    await h.say('!triage confirm');
    await h.say('!triage end');
    fake.bug(2106001).status = 'New'; // someone reverted it
    const lines = await h.say('!triage start 1');
    expect(lines[1]).toMatch(/^Bug 2106001 /);
    await h.say('!triage end');
    fake.bug(2106001).status = 'Confirmed';
    expect((await h.say('!triage start 1'))[1]).toMatch(/^Bug 2105950 /);
  });
});
