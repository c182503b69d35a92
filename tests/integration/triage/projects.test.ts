// A team of several Launchpad projects (neutron, networking-ovn): one round walks the untriaged
// bugs of both, newest or most affected first across them; each bug line names its project; a
// decision is written to that project's task of the bug (a bug with tasks in both projects is
// reviewed once a round, per task: its other task comes in a later round); carry-overs, the
// backlog count and the daily count cover both projects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { validateConfig } from '../../../src/config.ts';
import { renderPlain } from '../../../src/core/formatting.ts';
import { createRootLogger } from '../../../src/log.ts';
import { FakeLaunchpad } from '../../helpers/fake-launchpad.ts';
import { fakeBug } from '../../helpers/launchpad-bugs.ts';
import { roomMsg } from '../../helpers/messages.ts';
import { chair, NOW } from './harness.ts';

const day = (d: number) => `2025-06-${String(d).padStart(2, '0')}T09:00:00.000000+00:00`;
const fake = new FakeLaunchpad([
  fakeBug(3001, { projects: ['neutron'], created: day(10), usersAffected: 4 }),
  fakeBug(3002, { projects: ['networking-ovn'], created: day(12), usersAffected: 5 }),
  fakeBug(3003, { projects: ['neutron'], created: day(8), usersAffected: 9 }),
  fakeBug(3004, { projects: ['networking-ovn'], created: day(5), usersAffected: 0 }),
  fakeBug(3005, { projects: ['neutron', 'networking-ovn'], created: day(11), usersAffected: 2 }),
  fakeBug(3006, { projects: ['neutron'], created: day(9), status: 'Confirmed' }),
]);
fake.projects.add('neutron');
fake.projects.add('networking-ovn');
fake.tokens.set('tok-supervisor', { secret: 'sek', supervisor: true });
beforeAll(() => fake.start());
afterAll(() => fake.stop());

describe('a team of several Launchpad projects', () => {
  it('walks both projects in one round and writes each decision to its project’s task', async () => {
    const config = validateConfig(
      {
        irc: { host: 'h', password: 'p' },
        rateLimit: { burst: 1000, refillSeconds: 1 },
        permissions: { chairs: ['irc:gibi'] },
        launchpad: { url: fake.url, allowHttp: true, timeoutSeconds: 2, retries: 0, write: 'on', token: 'tok-supervisor', tokenSecret: 'sek' },
        teams: [{ name: 'neutron', channels: ['irc:#openstack-neutron'], projects: ['neutron', 'networking-ovn'] }],
      },
      'test',
      {},
    );
    const clock = { now: NOW };
    const app = createApp({
      dbPath: ':memory:',
      config,
      log: createRootLogger({ level: 'silent', format: 'json' }),
      clock: () => clock.now,
      triage: { sleep: async () => {} },
    });
    const say = async (text: string) => {
      const r = await app.router.handle(roomMsg(text, chair, { transport: 'irc', room: '#openstack-neutron' }));
      return r.kind === 'ignored' ? [] : r.replies.flatMap((x) => x.lines.map(renderPlain));
    };
    const shown = (id: number, project: string, place: string) =>
      expect.stringMatching(new RegExp(`^Bug ${id} in ${project} \\[Undecided,New\\] .* https://bugs\\.launchpad\\.net/${project}/\\+bug/${id} — ${place}`));

    // Newest first across the projects; 3005 has a task in both: once, as neutron's (the first project).
    const start = await say('!triage start 4');
    expect(start[0]).toMatch(
      /^Bug triage, neutron \+ networking-ovn: 6 untriaged \(status New\), no earlier round to compare with; oldest \d+\w+ old; 1 half-triaged \(Confirmed, Undecided\)\. This round: 4 bugs, newest first\.$/,
    );
    expect(start[1]).toEqual(shown(3002, 'networking-ovn', '1 of 4'));
    expect(await say('!triage confirm high')).toEqual([
      'Bug 3002: Confirmed, importance High — recorded for gibi',
      'written to Launchpad',
      shown(3005, 'neutron', '2 of 4'),
    ]);
    expect((await say('!triage invalid'))[2]).toEqual(shown(3001, 'neutron', '3 of 4'));
    expect((await say('!triage skip'))[1]).toEqual(shown(3003, 'neutron', '4 of 4'));
    await say('!triage defer');
    expect((await say('!triage end'))[0]).toMatch(
      /1 carried to the next round\)\. Launchpad: 6 untriaged neutron \+ networking-ovn bugs when the round started, /,
    );
    // Each decision went to its project's task; 3005's networking-ovn task is still untriaged.
    expect(fake.writeCounts(true)).toEqual({
      'PATCH /devel/networking-ovn/+bug/3002': 1,
      'POST /devel/bugs/3002': 1,
      'PATCH /devel/neutron/+bug/3005': 1,
      'POST /devel/bugs/3005': 1,
    });
    expect(fake.bug(3005).tasks).toEqual({
      neutron: { status: 'Invalid', importance: 'Undecided', assignee: null },
      'networking-ovn': { status: 'New', importance: 'Undecided', assignee: null },
    });

    // Most affected first: the deferred bug, then both projects' lists merged by users affected.
    clock.now = new Date(NOW.getTime() + 7 * 86_400_000);
    const again = await say('!triage start 3 most-voted');
    expect(again[0]).toMatch(/^Bug triage, neutron \+ networking-ovn: 4 untriaged .* This round: 3 bugs, most affected first \(1 carried over\)\.$/);
    expect(again[1]).toMatch(/^Bug 3003 in neutron .* — 1 of 3 \(deferred last time\)/);
    expect((await say('!triage confirm'))[2]).toEqual(shown(3001, 'neutron', '2 of 3'));
    expect((await say('!triage skip'))[1]).toEqual(shown(3005, 'networking-ovn', '3 of 3'));
    await say('!triage end');
    expect(app.db.prepare("SELECT bug_id, project, kind FROM triage_decision WHERE kind NOT IN ('skip') ORDER BY id").all()).toEqual([
      { bug_id: 3002, project: 'networking-ovn', kind: 'confirm' },
      { bug_id: 3005, project: 'neutron', kind: 'invalid' },
      { bug_id: 3003, project: 'neutron', kind: 'defer' },
      { bug_id: 3003, project: 'neutron', kind: 'confirm' },
    ]);
    // 3005's networking-ovn task was not reached: carried in that project.
    expect(app.db.prepare('SELECT project, bug_id, reason FROM triage_carry').all()).toEqual([
      { project: 'networking-ovn', bug_id: 3005, reason: 'unreviewed' },
    ]);

    // The trend and the daily count are the team's: both projects.
    const daily = await app.triageTeams.get('neutron')!.recordDailyBacklog(new Date(NOW.getTime() + 8 * 86_400_000));
    expect(daily).toEqual({ recorded: true, untriaged: 3 }); // neutron 3001, networking-ovn 3004 and 3005
    expect((await say('!triage stats'))[0]).toMatch(/^Untriaged neutron \+ networking-ovn bugs \(status New\), newest first: 3 \(/);
    app.close();
  });
});
