// The chair's edges of a round (issue 13): two chairs deciding at once, undoing and amending a
// decision (recorded, in the minutes and the report, written back exactly once), and the first
// round's header. Real router and SQLite, fake Launchpad, settable clock.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '../../../src/core/types.ts';
import { renderReport } from '../../../src/triage/report.ts';
import { TriageRepo } from '../../../src/triage/repo.ts';
import { FakeLaunchpad } from '../../helpers/fake-launchpad.ts';
import { makeApp, member, type Harness } from './harness.ts';

const bauzas: Identity = { key: 'irc:bauzas', display: 'bauzas', account: 'bauzas', roleHint: 'chair' };
const fake = new FakeLaunchpad();
let h: Harness;
beforeAll(async () => {
  await fake.start();
  fake.tokens.set('tok-supervisor', { secret: 'sek', supervisor: true });
});
afterAll(() => fake.stop());
afterEach(() => {
  h?.close();
  fake.reset();
});

const later = (ms: number) => (h.clock.now = new Date(h.clock.now.getTime() + ms));
const decisions = () => h.app.db.prepare('SELECT bug_id, kind, value, decided_by, corrects FROM triage_decision ORDER BY id').all();
const writer = { url: '', launchpad: { write: 'on', token: 'tok-supervisor', tokenSecret: 'sek', timeoutSeconds: 2 } };

describe('two chairs at once', () => {
  it('never records a decision naming no bug on a bug shown a moment ago by someone else', async () => {
    h = makeApp({ url: fake.url });
    await h.say('!triage start 3');
    later(60_000);
    await h.say('!triage confirm low'); // gibi: bug 2106001; bug 2105950 is shown now
    later(1_000);
    expect(await h.say('!triage confirm low', bauzas)).toEqual([
      'bug 2105950 came up 1 s ago: to be sure which bug you mean, name it: !triage confirm 2105950 low (or !triage confirm 2106001 low for bug 2106001, just decided); nothing recorded',
    ]);
    expect(decisions()).toEqual([{ bug_id: 2106001, kind: 'confirm', value: 'Low', decided_by: 'gibi', corrects: null }]);
    // Naming the bug is always fine; so is the same decision after the window.
    expect((await h.say('!triage tag api 2105950', bauzas))[0]).toMatch(/^usage: /); // the bug comes first
    expect(await h.say('!triage importance 2105950 low', bauzas)).toEqual([
      'Bug 2105950: importance Low — recorded for bauzas',
      expect.stringMatching(/^\[private\] dry-run/),
      expect.stringMatching(/^\[private\] dry-run/),
    ]);
    later(5_000);
    expect((await h.say('!triage confirm low', bauzas))[0]).toBe('Bug 2105950: Confirmed, importance Low — recorded for bauzas');
  });
});

describe('undo and amend', () => {
  it('undoes the last decision in a meeting: #info of the correction, the bug shown again, nothing to apply by hand', async () => {
    h = makeApp({ url: fake.url });
    h.meetingStarts('nova');
    await h.say('!triage start 3');
    await h.say('!triage confirm low');
    const undo = await h.say('!triage undo');
    expect(undo.slice(0, 2)).toEqual([
      '[minutes] #info Correction: bug 2106001 undid "Confirmed, importance Low" (gibi)',
      expect.stringMatching(/^Bug 2106001 \[Undecided,New\] .* — 1 of 3: has a patch$/),
    ]);
    // Dry-run: the undone decision was never sent, so nothing is to be reverted; the decider is
    // told what was undone and which of the requests shown before not to apply by hand.
    expect(undo.slice(2)).toEqual([
      '[private] dry-run: undid bug 2106001: Confirmed, importance Low; nothing was sent, so nothing to revert on Launchpad',
      `[private] dry-run, undone, do not apply: PATCH ${fake.url}/devel/nova/+bug/2106001 {"status":"Confirmed","importance":"Low"}`,
      expect.stringMatching(/^\[private\] dry-run, undone, do not apply: POST .* ws\.op=newMessage content="Triaged in the nova meeting/),
    ]);
    // Its #link is in the minutes already; the new decision is its #info.
    expect((await h.say('!triage invalid not a nova bug'))[0]).toBe('[minutes] #info Bug 2106001 Invalid: not a nova bug (gibi)');
    expect(await h.say('!triage undo', member)).toEqual(['!triage undo is for chairs only (you are not recognised as one).']);
    expect(decisions()).toEqual([
      { bug_id: 2106001, kind: 'confirm', value: 'Low', decided_by: 'gibi', corrects: null },
      { bug_id: 2106001, kind: 'undo', value: 'Confirmed, importance Low', decided_by: 'gibi', corrects: 1 },
      { bug_id: 2106001, kind: 'invalid', value: null, decided_by: 'gibi', corrects: null },
    ]);
    const end = await h.say('!triage end');
    expect(end[0]).toMatch(/^\[minutes\] #info Bug triage done: 1 reviewed \(1 Invalid; 2 not reached\)\./);
    const repo = new TriageRepo(h.app.db);
    const report = renderReport(repo, 'nova', [repo.lastRound('nova')!], 'text', h.clock.now.getTime());
    expect(report).toContain(
      '- Bug 2106001 "Crash on boot #endmeeting when #topic is set": Invalid (not a nova bug); "Confirmed, importance Low" undone by gibi (gibi)',
    );
    expect(report).toContain('Corrections: 1 (undone or amended during the round; shown with each bug).');
    expect(report).toContain('Launchpad: 1 not written (dry-run: apply them on Launchpad by hand).'); // the Invalid, not the undone Confirmed
  });

  it('lets only the decider or a chair undo, when anyone may decide', async () => {
    h = makeApp({ url: fake.url, triage: { permission: 'anyone' } });
    await h.say('!triage start 2', member);
    await h.say('!triage wontfix', member);
    const carol: Identity = { key: 'irc:carol', display: 'carol', account: 'carol' };
    expect(await h.say('!triage undo', carol)).toEqual(["the last decision (bug 2106001: Won't Fix) is bob's: only they or a chair can undo it"]);
    expect((await h.say('!triage undo', member))[0]).toBe('Correction: bug 2106001 undid "Won\'t Fix" (bob)');
    expect(await h.say('!triage undo', member)).toEqual(['no decision of this round to undo']);
  });

  it('amends a decision of this round by naming its bug, without moving the round', async () => {
    h = makeApp({ url: fake.url });
    await h.say('!triage start 3');
    await h.say('!triage invalid');
    await h.say('!triage confirm');
    expect((await h.say('!triage confirm 2106001 low')).slice(0, 1)).toEqual(['Correction: bug 2106001 Confirmed, importance Low (was: Invalid) (gibi)']);
    expect((await h.say('!triage status'))[0]).toMatch(/bug 3 of 3; 2 decided/);
    expect((await h.say('!triage end'))[0]).toMatch(/^Triage round ended: 2 bugs reviewed — 2 Confirmed; /);
    expect(decisions()).toContainEqual({ bug_id: 2106001, kind: 'confirm', value: 'Low', decided_by: 'gibi', corrects: 1 });
    // The amended decision no longer stands; the next round knows the bug as handled by the new one.
    expect(new TriageRepo(h.app.db).handledBugs('nova').has(2106001)).toBe(true);
  });

  it('writes a correction back exactly once, and never sends an undone decision Launchpad had not taken', async () => {
    h = makeApp({ ...writer, url: fake.url });
    await h.say('!triage start 3');
    expect((await h.say('!triage confirm high'))[0]).toBe('Bug 2106001: Confirmed, importance High — recorded for gibi');
    expect(fake.bug(2106001)).toMatchObject({ status: 'Confirmed', importance: 'High' });
    expect((await h.say('!triage undo')).slice(0, 2)).toEqual(['Correction: bug 2106001 undid "Confirmed, importance High" (gibi)', 'written to Launchpad']);
    expect(fake.bug(2106001)).toMatchObject({ status: 'New', importance: 'Undecided' });
    expect(fake.comments.map((c) => c.content.split('\n')[0])).toEqual([
      'Triaged in a triage round in #openstack-nova on 2025-06-10: Confirmed, importance High. Decided by gibi.',
      'Correction in a triage round in #openstack-nova on 2025-06-10: the triage decision "Confirmed, importance High" is undone. Undone by gibi.',
    ]);
    await h.say('!triage status');
    await h.say('!triage status');
    expect(fake.writeCounts()).toEqual({ 'PATCH /devel/nova/+bug/2106001': 2, 'POST /devel/bugs/2106001': 2 });

    // Amending with writes on: the new outcome is written once.
    await h.say('!triage invalid');
    await h.say('!triage confirm 2106001 medium');
    expect(fake.bug(2106001)).toMatchObject({ status: 'Confirmed', importance: 'Medium' });
    expect(fake.writeCounts()['PATCH /devel/nova/+bug/2106001']).toBe(4);

    // Launchpad down: the decision waits; undone before it was sent, it is never sent.
    fake.faults.push({ method: 'PATCH', times: 1, status: 503, headers: { 'Retry-After': '600' } });
    expect((await h.say('!triage wontfix'))[1]).toMatch(/^Launchpad is unavailable \(503\)/);
    expect((await h.say('!triage undo'))[0]).toBe('Correction: bug 2105950 undid "Won\'t Fix" (gibi)');
    await h.say('!triage status');
    expect(fake.writeCounts()['PATCH /devel/nova/+bug/2105950']).toBe(1); // the refused one only
    expect(fake.bug(2105950)).toMatchObject({ status: 'New' });
  });
});

describe('the first round', () => {
  it('compares with no start-up or cron count: it says there is no earlier round', async () => {
    h = makeApp({ url: fake.url });
    await h.app.triage.recordDailyBacklog(h.clock.now); // the count a running bot takes at start-up
    later(3_600_000);
    const lines = await h.say('!triage start 1');
    expect(lines[0]).toMatch(/^Bug triage, nova: 9 untriaged \(status New\), no earlier round to compare with; /);
    expect(lines[0]).not.toMatch(/since/);
  });
});
