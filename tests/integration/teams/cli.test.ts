// --team in the CLI: ask prefers the team's summaries, schedule shows the team's events, triage
// takes the team's Launchpad project; an unknown team is one usage line (status 2).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, tempHome } from '../../helpers/cli.ts';

const CONFIG = `teams:
  - name: nova
    channels: ["irc:#openstack-nova"]
  - name: neutron
    channels: ["irc:#openstack-neutron"]
    projects: [neutron, networking-ovn]
  - name: manila
    channels: ["irc:#openstack-manila"]
    schedule: {events: [{name: Manila bug smash, date: "2025-07-09"}]}
`;

describe('--team in the CLI', () => {
  const home = tempHome();
  const cfg = path.join(home, 'teams.yaml');
  fs.writeFileSync(cfg, CONFIG);
  const db = path.join(home, 'teams.db');
  const run = (args: string[]) => cli([...args, '-c', cfg, '--db', db]);

  it('ask --team prefers the team summaries', () => {
    expect(run(['import', path.join(ROOT, 'data/ptg/neutron-wallaby.md'), '--project', 'neutron', '--cycle', 'wallaby']).status).toBe(0);
    const first = (team: string) => JSON.parse(run(['ask', 'ovn', '--json', '--team', team]).stdout).hits[0].project;
    expect(first('nova')).toBe('nova');
    expect(first('neutron')).toBe('neutron');
  });

  it("schedule list --team lists the team's events and its own dates", () => {
    const manila = run(['schedule', 'list', '--cycle', 'flamingo', '--team', 'manila']).stdout;
    expect(manila).toContain('Manila bug smash  [config:flamingo:manila/manila-bug-smash]');
    expect(manila).toMatch(/Manila Feature Proposal Freeze/);
    expect(manila).not.toContain('Nova Spec Freeze');
    expect(run(['schedule', 'list', '--cycle', 'flamingo', '--team', 'nova']).stdout).toContain('Nova Spec Freeze');
  });

  it('an unknown team or --team with --project is one usage line', () => {
    const r = run(['schedule', 'list', '--team', 'nope']);
    expect([r.status, r.stderr.trim()]).toEqual([2, 'cyclebot: --team: no team "nope" (teams: nova, neutron, manila)']);
    const both = run(['triage', 'report', '--team', 'neutron', '--project', 'neutron']);
    expect([both.status, both.stderr.trim()]).toEqual([2, 'cyclebot: --team and --project: give one']);
    expect(run(['triage', 'report', '--team', 'neutron']).status).toBe(0);
  });
});
