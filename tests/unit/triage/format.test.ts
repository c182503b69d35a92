// Chat lines of the round, MeetBot minutes, write-back plans, and the command parser.
import { describe, expect, it } from 'vitest';
import { bugNumber, parseDecision, parseStart } from '../../../commands/triage.ts';
import { renderPlain } from '../../../src/core/formatting.ts';
import { renderIrc } from '../../../src/transports/irc/render.ts';
import { CommandError } from '../../../src/errors.ts';
import { Http } from '../../../src/triage/http.ts';
import { age, bugLine, hintLine, hints, mentionsVersion, safeText } from '../../../src/triage/format.ts';
import { LaunchpadClient } from '../../../src/triage/launchpad-client.ts';
import { decisionMinutes, MINUTES_COMMANDS } from '../../../src/triage/minutes.ts';
import { authorizationHeader, tokenPair } from '../../../src/triage/oauth.ts';
import type { Decision } from '../../../src/triage/round.ts';
import { bugDetails, bugTask } from '../../helpers/launchpad-bugs.ts';
import { commentText, describeOp, planWrites } from '../../../src/triage/writeback.ts';

const NOW = Date.parse('2025-06-10T16:40:00Z');
const task = bugTask(2105896, { title: 'Security group name conflict', created: '2025-06-05T09:12:33.123456+00:00' });
const details = bugDetails(2105896, {
  title: 'Security group name conflict when booting',
  tags: ['network'],
  heat: 12,
  usersAffected: 3,
  messageCount: 5,
  description: 'nova 31.0.0',
});

describe('bug line', () => {
  it('is one compact line that starts with "Bug", never with "#"', () => {
    expect(renderPlain(bugLine(task, details, NOW))).toBe(
      'Bug 2105896 [Undecided,New] "Security group name conflict when booting" (5d old, 3 affected, heat 12, tags: network, 4 comments) https://bugs.launchpad.net/nova/+bug/2105896',
    );
    expect(renderIrc(bugLine(task, details, NOW))).toMatch(/^\x02Bug 2105896\x02 \[Undecided,New\]/);
    expect(renderPlain(bugLine(task, null, NOW))).toBe(
      'Bug 2105896 [Undecided,New] "Security group name conflict" (5d old) https://bugs.launchpad.net/nova/+bug/2105896',
    );
  });

  it('neutralises hostile titles and tags: no CR/LF/NUL, cut to 80 characters', () => {
    const evil = { ...details, title: `x\r\n#endmeeting\u0000 ${'y'.repeat(200)}`, tags: ['a\nb'] };
    const line = renderPlain(bugLine(task, evil, NOW));
    expect(line).not.toMatch(/[\r\n\0]/);
    expect(line).toContain('"x #endmeeting yyyy');
    expect(line).toContain('…"');
    expect(line).toContain('tags: a b,');
  });

  it('gives ages in hours, days, months and years', () => {
    expect(age('2025-06-10T10:40:00Z', NOW)).toBe('6h old');
    expect(age('2025-06-05T09:12:33Z', NOW)).toBe('5d old');
    expect(age('2025-01-01T00:00:00Z', NOW)).toBe('5mo old');
    expect(age('2022-12-01T00:00:00Z', NOW)).toBe('2y old');
    expect(age('garbage', NOW)).toBe('age unknown');
  });

  it('hints at what is missing and at existing patches', () => {
    expect(hints(details)).toEqual([]);
    expect(hints({ ...details, tags: [], description: 'it breaks', hasPatch: true })).toEqual(['no tag', 'no version in the description', 'has a patch']);
    expect(hints({ ...details, description: 'fix: https://review.opendev.org/c/openstack/nova/+/949999 on 2025.1' })).toEqual(['has a patch']);
    expect(renderPlain(hintLine(2, 5, 'deferred', { ...details, tags: [] }))).toBe('2 of 5 (deferred last time) — no tag');
    expect(renderPlain(hintLine(1, 5, null, details))).toBe('1 of 5 — tagged, version given');
    for (const text of ['Epoxy', 'nova 31.0.1', 'on 2025.2', 'version: 30', 'on master with devstack']) expect(mentionsVersion(text)).toBe(true);
    for (const text of ['it fails', 'boot fails after 3 tries', '']) expect(mentionsVersion(text)).toBe(false);
  });

  it('guards plain lines that would start with # or a URL', () => {
    expect(safeText('#endmeeting')).toEqual(['› #endmeeting']);
    expect(safeText('https://x.example is down')).toEqual(['› https://x.example is down']);
    expect(safeText('Bug 1: ok')).toEqual(['Bug 1: ok']);
  });
});

const decision = (kind: Decision['kind'], value: string | null = null, reason: string | null = null): Decision => ({
  id: 1,
  roundId: 1,
  project: 'nova',
  bugId: 2105896,
  kind,
  value,
  reason,
  by: { key: 'irc:gibi', display: 'gibi' },
  at: NOW,
  meeting: { name: 'nova', startedAt: Date.parse('2025-06-10T16:00:12Z') },
  writeState: 'none',
  writeNote: null,
  corrects: null,
});

describe('minutes', () => {
  const all = [
    decision('confirm', 'High'),
    decision('incomplete', null, 'logs please'),
    decision('invalid'),
    decision('opinion'),
    decision('wontfix'),
    decision('dup', '2100001'),
    decision('importance', 'Low'),
    decision('tag', 'api'),
    decision('assign', 'gibi'),
    decision('defer'),
    decision('skip'),
  ];

  it('uses only commands any participant may use', () => {
    const lines = all.flatMap((d) => decisionMinutes(d, { ...task, title: '#endmeeting\r\n#topic x' }, true, true)).map(renderPlain);
    expect(lines.length).toBeGreaterThan(10);
    for (const l of lines) expect(MINUTES_COMMANDS.some((c) => l.startsWith(`${c} `))).toBe(true);
    expect(lines.join('\n')).not.toMatch(/\n#(?:topic|agreed|endmeeting|chair|undo|startmeeting|accepted|rejected)/i);
  });

  it('records the outcome and who decided, with the link once per bug', () => {
    expect(decisionMinutes(decision('confirm', 'High'), task, true, false).map(renderPlain)).toEqual([
      '#link https://bugs.launchpad.net/nova/+bug/2105896 Bug 2105896: Security group name conflict',
      '#info Bug 2105896 Confirmed, importance High (gibi)',
    ]);
    expect(decisionMinutes(decision('incomplete', null, 'logs please'), task, false, true).map(renderPlain)).toEqual([
      '#info Bug 2105896 Incomplete: logs please (gibi)',
      '#action gibi ask the reporter of bug 2105896 for more information: logs please',
    ]);
    expect(decisionMinutes(decision('skip'), task, true, true)).toEqual([]);
  });
});

describe('write-back plan', () => {
  const client = new LaunchpadClient({
    http: new Http({ fetch, userAgent: 'x', timeoutMs: 1, retries: 0, maxRetryAfterMs: 0 }),
    baseUrl: 'https://api.launchpad.net',
    project: 'nova',
    pageSize: 300,
    maxPages: 1,
  });

  it('is one PATCH on the task for status and importance, plus a comment naming the meeting and who decided', () => {
    const ops = planWrites(decision('confirm', 'High', 'seen on 2025.1'), task, client, '#openstack-nova', ['network']);
    expect(ops.map(describeOp)).toEqual([
      'PATCH https://api.launchpad.net/devel/nova/+bug/2105896 {"status":"Confirmed","importance":"High"}',
      'POST https://api.launchpad.net/devel/bugs/2105896 ws.op=newMessage content="Triaged in the nova meeting on 2025-06-10: Confirmed, importance High. Decided by gibi. Reason: seen on 2025.1"',
    ]);
    expect(commentText({ ...decision('invalid'), meeting: null }, '#openstack-nova')).toBe(
      'Triaged in a triage round in #openstack-nova on 2025-06-10: Invalid. Decided by gibi.\n(posted by cyclebot, ref cyclebot-1-mbqqy5mo)',
    );
  });

  it('puts tags and duplicates on the bug, assignees on the task, and nothing for skip/defer', () => {
    expect(planWrites(decision('tag', 'api'), task, client, 'r', ['network']).map(describeOp)).toEqual([
      'PATCH https://api.launchpad.net/devel/bugs/2105896 {"tags":["network","api"]} (If-Match: the bug\'s ETag)',
    ]);
    expect(planWrites(decision('tag', 'network'), task, client, 'r', ['network'])).toEqual([]);
    expect(planWrites(decision('dup', '2100001'), task, client, 'r', [])[0]).toEqual({
      kind: 'patch-bug',
      url: 'https://api.launchpad.net/devel/bugs/2105896',
      body: { duplicate_of_link: 'https://api.launchpad.net/devel/bugs/2100001' },
    });
    expect(planWrites(decision('assign', 'gibi'), task, client, 'r', []).map(describeOp)).toEqual([
      'PATCH https://api.launchpad.net/devel/nova/+bug/2105896 {"assignee_link":"https://api.launchpad.net/devel/~gibi"}',
    ]);
    expect(planWrites(decision('wontfix'), task, client, 'r', [])[0]).toMatchObject({ body: { status: "Won't Fix" } });
    expect(planWrites(decision('defer'), task, client, 'r', [])).toEqual([]);
    expect(planWrites(decision('skip'), task, client, 'r', [])).toEqual([]);
  });

  it('signs with OAuth PLAINTEXT: "&" + token secret, empty consumer secret', () => {
    expect(authorizationHeader({ consumerKey: 'cyclebot', token: 'tok', tokenSecret: 's3cret' }, 1_750_000_000_000, 'n1')).toBe(
      'OAuth realm="https://api.launchpad.net/", oauth_consumer_key="cyclebot", oauth_token="tok", oauth_signature_method="PLAINTEXT", oauth_signature="%26s3cret", oauth_timestamp="1750000000", oauth_nonce="n1", oauth_version="1.0"',
    );
    expect(tokenPair('oauth_token=a&oauth_token_secret=b&lp.context=None')).toEqual({ token: 'a', secret: 'b' });
    expect(tokenPair('{"oauth_token": "a", "oauth_token_secret": "b", "access_levels": []}')).toEqual({ token: 'a', secret: 'b' });
  });
});

describe('command parsing', () => {
  const err = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (e instanceof CommandError) return e.message;
      throw e;
    }
    throw new Error('no error');
  };

  it('reads start arguments in any order', () => {
    expect(parseStart([], 20)).toEqual({});
    expect(parseStart(['3', 'most-voted'], 20)).toEqual({ size: 3, order: 'most-voted' });
    expect(parseStart(['Oldest', '10'], 20)).toEqual({ size: 10, order: 'oldest' });
    expect(err(() => parseStart(['0'], 20))).toBe('a round takes 1 to 20 bugs, not 0');
    expect(err(() => parseStart(['21'], 20))).toBe('a round takes 1 to 20 bugs, not 21');
    expect(err(() => parseStart(['random'], 20))).toBe('unknown order "random": use newest, most-voted or oldest');
  });

  it('reads decisions, with an optional bug number naming the bug meant', () => {
    expect(parseDecision('confirm', [])).toEqual({ kind: 'confirm' });
    expect(parseDecision('confirm', ['HIGH'])).toEqual({ kind: 'confirm', value: 'High' });
    expect(parseDecision('confirm', ['2105896', 'low'])).toEqual({ kind: 'confirm', value: 'Low', bugId: 2105896 });
    expect(parseDecision('confirm', ['low', '2122650'])).toEqual({ kind: 'confirm', value: 'Low', bugId: 2122650 }); // either order
    expect(parseDecision('importance', ['high', '#2122650'])).toEqual({ kind: 'importance', value: 'High', bugId: 2122650 });
    expect(parseDecision('incomplete', ['needs', 'logs'])).toEqual({ kind: 'incomplete', reason: 'needs logs' });
    expect(parseDecision('incomplete', ['3', 'logs', 'missing'])).toEqual({ kind: 'incomplete', reason: '3 logs missing' });
    expect(parseDecision('invalid', ['bug', '2105896', 'not', 'nova'])).toEqual({ kind: 'invalid', bugId: 2105896, reason: 'not nova' });
    expect(parseDecision('dup', ['#2100001'])).toEqual({ kind: 'dup', value: '2100001' });
    expect(parseDecision('dup', ['2105896', 'https://bugs.launchpad.net/nova/+bug/2100001'])).toEqual({ kind: 'dup', bugId: 2105896, value: '2100001' });
    expect(parseDecision('tag', ['LibVirt'])).toEqual({ kind: 'tag', value: 'libvirt' });
    expect(parseDecision('assign', ['~gibi'])).toEqual({ kind: 'assign', value: 'gibi' });
    expect(parseDecision('importance', ['wishlist'])).toEqual({ kind: 'importance', value: 'Wishlist' });
    expect(parseDecision('incomplete', ['x'.repeat(300)]).reason).toHaveLength(200);
    expect(bugNumber('lp:2105896')).toBe(2105896);
  });

  it('refuses malformed decisions with a usage line', () => {
    expect(err(() => parseDecision('confirm', ['urgent']))).toBe('usage: !triage confirm [critical|high|medium|low|wishlist]');
    expect(err(() => parseDecision('importance', []))).toBe('usage: !triage importance <critical|high|medium|low|wishlist>');
    expect(err(() => parseDecision('dup', ['soon']))).toBe('usage: !triage dup <bug number of the original>, e.g. !triage dup 2100001');
    expect(err(() => parseDecision('tag', ['#topic']))).toMatch(/^usage: !triage tag <tag>/);
    expect(err(() => parseDecision('tag', ['a', 'b']))).toMatch(/^usage: !triage tag <tag>/);
    expect(err(() => parseDecision('assign', ['#endmeeting']))).toBe('usage: !triage assign <launchpad name>, e.g. !triage assign gibi');
  });
});
