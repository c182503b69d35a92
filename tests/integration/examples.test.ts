// Every command's declared examples, run through the real router on the bundled data: each must
// succeed and match a whole line; with another prefix no reply names a command with "!". The
// examples of chair-only sub-commands run as a chair, against the fake Launchpad (a round of the
// triage examples, in the order declared) and a recorded etherpad export for ptg import.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { validateConfig } from '../../src/config.ts';
import { renderPlain } from '../../src/core/formatting.ts';
import { createRootLogger } from '../../src/log.ts';
import { seedIfEmpty } from '../../src/ptg/bundled.ts';
import { Registry } from '../../src/core/registry.ts';
import type { CommandExample, Identity, Role } from '../../src/core/types.ts';
import { ROOT } from '../helpers/cli.ts';
import { FakeLaunchpad, loadFixtureBugs } from '../helpers/fake-launchpad.ts';
import { fakeBug } from '../helpers/launchpad-bugs.ts';
import { roomMsg } from '../helpers/messages.ts';

const quiet = createRootLogger({ level: 'silent', format: 'json' });
const { now, bugs } = loadFixtureBugs();
// Enough untriaged bugs for a round that every decision example moves on in (the recorded ones and three more).
const fake = new FakeLaunchpad([...bugs, ...[2106201, 2106202, 2106203].map((id) => fakeBug(id, { created: '2025-06-05T09:00:00.000000+00:00' }))]);
await fake.start();
afterAll(() => fake.stop());
const PAD = fs.readFileSync(path.join(ROOT, 'tests/fixtures/sources/etherpad-export.txt'), 'utf8');
const padFetch = async (url: string) =>
  url === 'https://etherpad.opendev.org/p/nova-indri-ptg/export/txt'
    ? new Response(PAD, { headers: { 'content-type': 'text/plain; charset=utf-8' } })
    : new Response('not found', { status: 404 });

function makeApp(prefix?: string) {
  const a = createApp({
    dbPath: ':memory:',
    config: validateConfig({
      rateLimit: { burst: 1000, refillSeconds: 1 },
      permissions: { chairs: ['irc:gibi'] },
      launchpad: { url: fake.url, allowHttp: true, retries: 0 },
      ...(prefix ? { prefix } : {}),
    }),
    log: quiet,
    clock: () => now,
    sources: { fetch: padFetch },
  });
  seedIfEmpty(a.repo);
  return a;
}
const app = makeApp();

const alice = { key: 'irc:alice', display: 'alice', account: 'alice' };
const chair = { key: 'irc:gibi', display: 'gibi', account: 'gibi' };
async function ask(text: string, sender = alice): Promise<string[]> {
  const r = await app.router.handle(roomMsg(text, sender));
  return r.kind === 'ignored' ? [] : r.replies.flatMap((x) => x.lines.map(renderPlain));
}

/** Every declared example, the command's and its sub-commands', with the role it needs. */
function examplesOf(registry: Registry): [string, CommandExample, Role][] {
  return registry
    .all()
    .flatMap((spec) => [
      ...(spec.examples ?? []).map((e) => [spec.name, e, spec.permission] as [string, CommandExample, Role]),
      ...(spec.subcommands ?? []).flatMap((s) =>
        (s.examples ?? []).map((e) => [spec.name, e, s.permission ?? spec.permission] as [string, CommandExample, Role]),
      ),
    ]);
}

/** The example's sender: a chair for what needs one, otherwise someone with no role. */
const senderFor = (role: Role): Identity => (role === 'anyone' ? alice : chair);

/** Runs one example: it must succeed (not a refusal, not a crash) and one whole line must match. */
async function runExample(a: ReturnType<typeof makeApp>, prefix: string, e: CommandExample, role: Role): Promise<string[]> {
  const r = await a.router.handle(roomMsg(prefix + e.input, senderFor(role)));
  const lines = r.kind === 'ignored' ? [] : r.replies.flatMap((x) => x.lines.map(renderPlain));
  expect({ kind: r.kind, lines }).toMatchObject({ kind: 'ok' });
  if (typeof e.expect === 'string') expect(lines).toContain(e.expect);
  else {
    expect(e.expect.source.startsWith('^'), `${e.expect} is anchored`).toBe(true);
    expect(
      lines.some((l) => (e.expect as RegExp).test(l)),
      `${lines.join('\n')}\n  matches ${e.expect}`,
    ).toBe(true);
  }
  return lines;
}

describe('command examples', () => {
  // Their own app: ptg import adds a summary the other tests do not expect.
  const own = makeApp();
  afterAll(() => own.close());
  const examples = examplesOf(own.registry);
  it('every command has at least one example', () => {
    expect(
      app.registry
        .all()
        .filter((s) => !examplesOf(new Registry([s])).length)
        .map((s) => s.name),
    ).toEqual([]);
  });
  it('has examples for the chair-only sub-commands, run as a chair', () => {
    const forChairs = examples.filter(([, , role]) => role !== 'anyone').map(([, e]) => e.input.split(' ').slice(0, 2).join(' '));
    expect(forChairs).toEqual(
      expect.arrayContaining(['ptg import', 'triage start', 'triage confirm', 'triage undo', 'triage end', 'schedule add', 'schedule remove']),
    );
  });
  it.each(examples)('%s: %o succeeds with a matching line', async (_name, e, role) => {
    await runExample(own, '!', e, role);
  });
});

describe('help', () => {
  it("lists the commands, and a command's sub-commands with usage, permission and examples", async () => {
    expect(await ask('!help')).toEqual(['commands: !ptg, !help, !status, !whoami, !triage, !schedule, !teams — !help <command> for details']);
    const triage = await ask('!help triage');
    expect(triage[0]).toMatch(/^!triage <sub-command> \[arguments\] — The end-of-meeting untriaged-bug review: /);
    expect(triage[1]).toMatch(
      /^sub-commands: status · stats · help · start \[N\] \[newest\|most-voted\|oldest\] \(chairs\) · confirm \[bug\] \[importance\] \(chairs\) · /,
    );
    expect(triage.join(' ')).toContain(' · dup [bug] <original> (chairs) · ');
    expect(triage.at(-1)).toBe('e.g. !triage status · !triage stats · !triage start 10 newest · !triage confirm high');
    expect(await ask('!help triage duplicate')).toEqual([
      '!triage dup [bug] <original> (chairs) — A duplicate of the original bug.',
      'also: duplicate',
      'e.g. !triage dup 2100001',
    ]);
    expect(await ask('!help .schedule')).toEqual([
      expect.stringMatching(/^!schedule \[<event name> \[cycle\]\] — The release schedule for Nova: /),
      'sub-commands: all [cycle] · add <YYYY-MM-DD> [HH:MM] <name> [--kind <kind>] (chairs) · remove <name> (chairs)',
      'e.g. !schedule · !schedule spec freeze flamingo · !schedule all flamingo · !schedule add 2025-06-24 Second spec review day',
    ]);
  });
});

describe('another prefix', () => {
  // Every reply names commands with the configured prefix, never with "!".
  it.each(['.', 'cb>'])('%j: every example and help answer with it and never name a command with "!"', async (prefix) => {
    const other = makeApp(prefix);
    const words = other.registry.all().flatMap((s) => [s.name, ...(s.aliases ?? [])]);
    const bang = new RegExp(`!(?:${words.join('|')})\\b`);
    const seen: string[] = [];
    for (const [, e, role] of examplesOf(other.registry)) seen.push(...(await runExample(other, prefix, e, role)));
    const extra = [
      'help',
      ...other.registry.all().map((s) => `help ${s.name}`),
      'triage',
      'triage frobnicate',
      'triage start',
      'ptg',
      'ptg more',
      'ptg sandwich shop kubernetes',
      'ptg topics nova',
      'schedule nothing like this',
      'schedule add',
      'schedule remove x',
      'nosuchcommand',
    ];
    for (const input of extra) {
      const r = await other.router.handle(roomMsg(prefix + input, { key: 'irc:bob', display: 'bob', account: 'bob' }));
      if (r.kind !== 'ignored') seen.push(...r.replies.flatMap((x) => x.lines.map(renderPlain)));
    }
    expect(seen.filter((l) => bang.test(l))).toEqual([]);
    // …and they do name commands, with this prefix.
    expect(seen.filter((l) => l.includes(`${prefix}triage start`)).length).toBeGreaterThan(0);
    other.close();
  });
});

describe('!ptg in chat', () => {
  it('answers in at most three lines with project, cycle, topic, decisions, owners and a link', async () => {
    const lines = await ask('!ptg who writes the sev-snp spec');
    expect(lines.length).toBeLessThanOrEqual(3);
    expect(lines[0]).toMatch(/^\[nova 2025\.2 flamingo\] Confidential Computing Feature Planning — ✅ /);
    expect(lines[0]).toContain('(owners: Tkajinam)');
  });

  it('pages with !ptg more per asker, then says there is nothing more', async () => {
    const bob = { key: 'irc:bob', display: 'bob', account: 'bob' };
    const first = await ask('!ptg cloud hypervisor', bob);
    expect(first[0]).toContain('Cloud Hypervisor Integration');
    expect(first.at(-1)).toMatch(/!ptg more/);
    const seen = new Set<string>();
    let more = await ask('!ptg more', bob);
    for (let i = 0; i < 30 && !/nothing more/.test(more[0]); i++) {
      for (const l of more) seen.add(l);
      more = await ask('!ptg more', bob);
    }
    expect(more[0]).toMatch(/^nothing more to show/);
    expect([...seen].join('\n')).toContain('Justify raw-only image support');
    // another user's "more" is their own
    expect((await ask('!ptg more', { key: 'irc:carol', display: 'carol', account: 'carol' }))[0]).toMatch(/^nothing more/);
  });

  it('lets a lone number weigh little: "eventlet 4" is still about eventlet', async () => {
    for (const q of ['eventlet', 'eventlet 1', 'eventlet 4', 'eventlet 5', 'eventlet phase 2']) {
      expect((await ask(`!ptg ${q}`))[0], q).toMatch(/^\[nova 2025\.2 flamingo\] Eventlet removal — /);
    }
    // Identifiers keep their full weight: a bug number (6+ digits) or letters with digits.
    const analysis = app.search.search('eventlet 4 2105896 H905', 1).analysis.terms.map((t) => [t.text, t.weight ?? 1]);
    expect(analysis).toEqual([
      ['eventlet', 1],
      ['4', 0.1],
      ['2105896', 1],
      ['H905', 1],
    ]);
    // A number labelling a word ("phase 2") makes the pair weigh little, not the word alone.
    expect(app.search.search('eventlet phase 2', 1).analysis.terms.map((t) => [t.text, t.weight ?? 1])).toEqual([
      ['eventlet', 1],
      ['phase', 0.1],
      ['2', 0.1],
    ]);
  });

  it('lists what a person owns', async () => {
    const lines = await ask('!ptg gibi');
    expect(lines[0]).toMatch(
      /^Gibi owns decisions in 2 topics: Preparation for Python 3\.13 \(nova flamingo\); Upstream Testing for PCI Passthrough and mdev Devices/,
    );
  });

  it('says nothing found plainly', async () => {
    expect(await ask('!ptg sandwich shop kubernetes helm')).toEqual([
      'nothing found for "sandwich shop kubernetes helm" in 1 PTG summary (nova flamingo). Try other words, or !ptg topics to list them.',
    ]);
  });

  it('says which cycle is missing when the query names one no summary has', async () => {
    // Flamingo's planning topic holds "spec freeze"; a Caracal question must not get it.
    expect(await ask('!ptg caracal spec freeze')).toEqual([
      'nothing found for "caracal spec freeze": no Caracal summary among 1 PTG summary (nova flamingo). Try other words, or !ptg topics to list them.',
    ]);
    expect((await ask('!ptg flamingo spec freeze'))[0]).toMatch(/^\[nova 2025\.2 flamingo\] /);
  });

  it('says which project no summary mentions when the query names one', async () => {
    expect(await ask('!ptg when will zaqar support websockets')).toEqual([
      'nothing found for "when will zaqar support websockets": no mention of zaqar in 1 PTG summary (nova flamingo). Try other words, or !ptg topics to list them.',
    ]);
  });

  it('lists topics and rejects an unknown summary', async () => {
    const topics = await ask('!ptg topics nova flamingo');
    expect(topics[0]).toMatch(/^\[nova flamingo\] topics 1–10 of 38: 2025\.1 Epoxy Retrospective · 2025\.2 Flamingo Planning/);
    // 38 topics, ten per page: three more pages, and it says pages.
    expect(topics[1]).toBe('(3 more pages: !ptg more)');
    expect(await ask('!ptg topics cinder')).toEqual(['no PTG summary matches "cinder"; known: nova flamingo']);
  });

  it('gives usage for an empty query', async () => {
    expect((await ask('!ptg'))[0]).toMatch(/^usage: !ptg/);
  });
});
