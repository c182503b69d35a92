// `cyclebot triage list --team` for a team of several Launchpad projects (neutron,
// networking-ovn): every project's untriaged bugs in one list, in the order asked across them,
// each labelled with its project and linked to its own project's bug page.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempHome } from '../../helpers/cli.ts';
import { FakeLaunchpad } from '../../helpers/fake-launchpad.ts';
import { fakeBug } from '../../helpers/launchpad-bugs.ts';

const day = (d: number) => `2025-06-${String(d).padStart(2, '0')}T09:00:00.000000+00:00`;
const fake = new FakeLaunchpad([
  fakeBug(3001, { projects: ['neutron'], created: day(10), usersAffected: 4 }),
  fakeBug(3002, { projects: ['networking-ovn'], created: day(12), usersAffected: 5 }),
  fakeBug(3003, { projects: ['neutron'], created: day(8), usersAffected: 9 }),
  fakeBug(3004, { projects: ['networking-ovn'], created: day(5), usersAffected: 0 }),
  fakeBug(3006, { projects: ['neutron'], created: day(9), status: 'Confirmed' }),
]);
fake.projects.add('neutron');
fake.projects.add('networking-ovn');
beforeAll(() => fake.start());
afterAll(() => fake.stop());

/** The CLI without blocking this process (the fake server lives here). */
function cli(args: string[], home: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/cyclebot.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, CYCLEBOT_HOME: home, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('triage list --team (a team of several projects)', () => {
  it("lists every project's bugs, labelled, newest or most affected first across them", async () => {
    const home = tempHome();
    const conf = path.join(home, 'teams.yaml');
    fs.writeFileSync(
      conf,
      `launchpad: {url: "${fake.url}", allowHttp: true, timeoutSeconds: 5, retries: 0}
teams:
  - name: nova
    channels: ["irc:#openstack-nova"]
  - name: neutron
    channels: ["irc:#openstack-neutron"]
    projects: [neutron, networking-ovn]
`,
    );
    const run = (db: string, ...args: string[]) => cli(['-c', conf, '--db', path.join(home, db), 'triage', 'list', '--team', 'neutron', ...args], home);
    const [text, json] = await Promise.all([run('a.db', '--limit', '3'), run('b.db', '--order', 'most-voted', '--limit', '3', '--json')]);

    expect(text.stderr).toBe('');
    const lines = text.stdout.trim().split('\n');
    expect(lines[0]).toBe('neutron + networking-ovn: 4 untriaged (status New); 3 shown, newest');
    expect(lines.slice(1).map((l) => l.replace(/ \[Undecided,New\].*(https:\S+)$/, ' $1'))).toEqual([
      'Bug 3002 in networking-ovn https://bugs.launchpad.net/networking-ovn/+bug/3002',
      'Bug 3001 in neutron https://bugs.launchpad.net/neutron/+bug/3001',
      'Bug 3003 in neutron https://bugs.launchpad.net/neutron/+bug/3003',
    ]);

    expect(json.stderr).toBe('');
    const out = JSON.parse(json.stdout);
    expect([out.project, out.projects, out.total]).toEqual(['neutron', ['neutron', 'networking-ovn'], 4]);
    expect(out.bugs.map((b: { id: number; project: string; url: string; users_affected: number }) => [b.id, b.project, b.url, b.users_affected])).toEqual([
      [3003, 'neutron', 'https://bugs.launchpad.net/neutron/+bug/3003', 9],
      [3002, 'networking-ovn', 'https://bugs.launchpad.net/networking-ovn/+bug/3002', 5],
      [3001, 'neutron', 'https://bugs.launchpad.net/neutron/+bug/3001', 4],
    ]);
  }, 60_000);
});
