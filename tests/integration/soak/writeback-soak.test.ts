// Soak, Launchpad write-back: an hour of a triage round (fake clock, 30 commands) against a fake
// Launchpad that fails at random (503, resets, writes applied without an answer, answers that
// never come, checks that fail), with restarts; then the real program killed with kill -9 at
// random points of its writes. Every decision must end written to Launchpad exactly once: one
// task PATCH per outcome, one comment per decision (found by its ref), one tag PATCH per tag.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDb } from '../../../src/store/db.ts';
import { commentRef } from '../../../src/triage/writeback.ts';
import { ROOT, tempHome } from '../../helpers/cli.ts';
import { FakeLaunchpad, type Fault, type FakeBug } from '../../helpers/fake-launchpad.ts';
import { fakeBug } from '../../helpers/launchpad-bugs.ts';
import { makeApp, NOW, tempDb, type Harness } from '../triage/harness.ts';
import { prng, SOAK_SEED } from './prng.ts';

const bugs: FakeBug[] = Array.from({ length: 40 }, (_, i) =>
  fakeBug(3000001 + i, {
    title: `soak bug ${i}`,
    created: new Date(Date.parse('2025-06-01T00:00:00Z') + i * 3600_000).toISOString().replace('Z', '000+00:00'),
  }),
);
const fake = new FakeLaunchpad(bugs);
beforeAll(async () => {
  await fake.start();
  fake.tokens.set('tok', { secret: 'sek', supervisor: true });
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.reset();
});

const FAULTS: (Fault | Fault[] | null)[] = [
  null,
  null,
  { method: 'PATCH', times: 1, status: 503 },
  { method: 'POST', times: 1, status: 503, headers: { 'Retry-After': '600' } },
  { method: 'POST', times: 1, mode: 'reset' },
  { method: 'PATCH', times: 1, mode: 'apply-then-reset' },
  { method: 'POST', times: 1, mode: 'apply-then-reset' },
  { method: 'POST', times: 1, mode: 'apply-then-hang' },
  { method: 'PATCH', times: 1, mode: 'apply-then-hang' },
  [
    { method: 'POST', times: 1, mode: 'apply-then-reset' },
    { method: 'GET', match: /\/messages\?/, times: 2, status: 503 },
  ],
  [
    { method: 'PATCH', times: 1, mode: 'apply-then-reset' },
    { method: 'GET', match: /\+bug\/\d+\?|\+bug\/\d+$/, times: 2, status: 503 },
  ],
];

interface Row {
  id: number;
  bug_id: number;
  kind: string;
  value: string | null;
  decided_at: number;
  write_state: string;
  round_id: number;
}

/** The invariant: each decision written once, Launchpad-side. */
function checkExactlyOnce(rows: Row[]): string[] {
  const problems: string[] = [];
  const applied = (method: string, p: string) => fake.requests.filter((r) => r.method === method && r.path === p && r.status >= 200 && r.status < 300).length;
  const byBug = new Map<number, Row[]>();
  for (const r of rows) byBug.set(r.bug_id, [...(byBug.get(r.bug_id) ?? []), r]);
  for (const [bug, ds] of byBug) {
    const outcomes = ds.filter((d) => ['confirm', 'incomplete', 'invalid', 'opinion'].includes(d.kind));
    const tags = [...new Set(ds.filter((d) => d.kind === 'tag').map((d) => d.value))]; // a tag already there is not sent again
    if (applied('PATCH', `/devel/nova/+bug/${bug}`) !== outcomes.length)
      problems.push(`bug ${bug}: ${applied('PATCH', `/devel/nova/+bug/${bug}`)} task PATCHes for ${outcomes.length} outcomes`);
    if (applied('PATCH', `/devel/bugs/${bug}`) !== tags.length)
      problems.push(`bug ${bug}: ${applied('PATCH', `/devel/bugs/${bug}`)} tag PATCHes for ${tags.length} tags`);
    for (const d of outcomes) {
      const n = fake.comments.filter((c) => c.content.includes(commentRef({ id: d.id, at: d.decided_at }))).length;
      if (n !== 1) problems.push(`decision ${d.id} (bug ${bug}): ${n} comments`);
    }
    if (outcomes.length > 1 && new Set(outcomes.map((d) => d.round_id)).size < outcomes.length) problems.push(`bug ${bug}: decided twice in one round`);
  }
  for (const r of rows) if (r.kind !== 'skip' && r.write_state !== 'written') problems.push(`decision ${r.id}: ${r.write_state}`);
  return problems;
}

const decisions = (db: { prepare(sql: string): { all(): unknown[] } }) =>
  db.prepare('SELECT id, bug_id, kind, value, decided_at, write_state, round_id FROM triage_decision ORDER BY id').all() as Row[];

describe('soak: Launchpad write-back under failures, restarts and kill -9', () => {
  it(`writes every decision exactly once over an hour of failures (seed ${SOAK_SEED})`, async () => {
    const rnd = prng(SOAK_SEED);
    const dbPath = tempDb();
    const clock = { now: new Date(NOW) };
    const open = () =>
      makeApp({
        url: fake.url,
        dbPath,
        clock,
        launchpad: { write: 'on', token: 'tok', tokenSecret: 'sek', timeoutSeconds: 0.3, retries: 1 },
        triage: { count: 5 },
      });
    let h: Harness = open();
    let running = false;
    const kinds = ['!triage confirm high', '!triage incomplete logs please', '!triage invalid', '!triage opinion', '!triage tag soak', '!triage skip'];
    for (let step = 0; step < 30; step++) {
      clock.now = new Date(+NOW + step * 120_000);
      if (rnd() < 0.15) {
        h.close(); // a restart between commands
        h = open();
      }
      fake.faults.length = 0;
      const f = FAULTS[Math.floor(rnd() * FAULTS.length)];
      for (const x of f === null ? [] : Array.isArray(f) ? f : [f]) fake.fault({ ...x });
      if (!running) {
        const said = await h.say('!triage start 5');
        running = said.some((l) => /^Bug \d+ /.test(l));
        continue;
      }
      const said = await h.say(kinds[Math.floor(rnd() * kinds.length)]);
      if (said.some((l) => /last bug of the round/.test(l))) {
        await h.say('!triage end');
        running = false;
      }
    }
    fake.faults.length = 0;
    for (let i = 0; i < 3; i++) await h.say('!triage status');
    const rows = decisions(h.app.db);
    h.close();
    if (process.env.SOAK_VERBOSE)
      console.log(JSON.stringify({ decisions: rows.map((r) => `${r.bug_id}:${r.kind}`), writes: fake.writeCounts(), applied: fake.writeCounts(true) }));
    expect(rows.filter((r) => r.kind !== 'skip').length).toBeGreaterThan(10);
    expect(checkExactlyOnce(rows)).toEqual([]);
  }, 60_000);

  it('writes every decision exactly once when the real program is killed with kill -9 mid-write', async () => {
    const rnd = prng(SOAK_SEED + 1);
    const home = tempHome();
    const config = path.join(home, 'c.yaml');
    fs.writeFileSync(
      config,
      `database: ./bot.db\nlaunchpad: {url: "${fake.url}", allowHttp: true, write: "on", token: tok, tokenSecret: sek, timeoutSeconds: 2, retries: 0}\n`,
    );
    const run = () => {
      const child = spawn(process.execPath, [path.join(ROOT, 'bin/cyclebot.js'), '-c', config], { cwd: ROOT, env: { ...process.env, CYCLEBOT_HOME: home } });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      const exited = new Promise((r) => child.once('exit', r));
      const waitFor = async (re: RegExp) => {
        for (let i = 0; i < 1500 && !re.test(out); i++) await new Promise((r) => setTimeout(r, 20));
        if (!re.test(out)) throw new Error(`no ${re} in:\n${out}`);
      };
      return { child, exited, waitFor, say: (l: string) => child.stdin.write(`${l}\n`) };
    };
    const writesSince = (n: number, method: string) => fake.requests.slice(n).some((r) => r.method === method);
    for (let kill = 0; kill < 4; kill++) {
      fake.faults.length = 0;
      const p = run();
      p.say(kill === 0 ? '!triage start 5 newest' : '!triage status');
      await p.waitFor(/Bug \d+ \[Undecided,New\]/);
      const mark = fake.requests.length;
      const how = Math.floor(rnd() * 4);
      if (how === 0) fake.fault({ method: 'PATCH', times: 1, mode: 'apply-then-hang' });
      if (how === 1) fake.fault({ method: 'POST', times: 1, mode: 'hang' });
      if (how === 2) fake.fault({ method: 'POST', times: 1, mode: 'apply-then-hang' });
      p.say(rnd() < 0.5 ? '!triage confirm high' : '!triage incomplete need logs');
      if (how === 3) await new Promise((r) => setTimeout(r, Math.floor(rnd() * 300)));
      else for (let i = 0; i < 1500 && !writesSince(mark, how === 0 ? 'PATCH' : 'POST'); i++) await new Promise((r) => setTimeout(r, 10));
      p.child.kill('SIGKILL');
      await p.exited;
    }
    fake.faults.length = 0;
    const last = run();
    last.say('!triage status');
    await last.waitFor(/decided, \d+ deferred/);
    last.say('!triage end');
    await last.waitFor(/Triage round ended/);
    last.child.stdin.end();
    await last.exited;
    const db = openDb(path.join(home, 'bot.db'));
    const rows = decisions(db);
    db.close();
    if (process.env.SOAK_VERBOSE) console.log(JSON.stringify({ decisions: rows.map((r) => `${r.bug_id}:${r.kind}:${r.write_state}`) }));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(checkExactlyOnce(rows)).toEqual([]);
  }, 60_000);
});
