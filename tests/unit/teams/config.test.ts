// The teams: section and the single-team mapping: a team of one named after launchpad.project,
// the union of team channels joined, shared channels allowed, each problem one line.
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config.ts';
import { rosterOf } from '../../../src/teams/model.ts';

const irc = { host: 'irc.example', password: 'x' };
const problems = (raw: unknown) => {
  try {
    validateConfig(raw, 'c.yaml');
    return [];
  } catch (err) {
    return (err as Error).message.split('\n');
  }
};

describe('teams config', () => {
  it('maps the single-team keys to a team of one named after its Launchpad project', () => {
    const config = validateConfig({
      irc: { ...irc, channels: ['#openstack-manila'] },
      matrix: { homeserverUrl: 'https://m.example', accessToken: 't', rooms: ['!abc:m.example'] },
      launchpad: { project: 'manila' },
      schedule: { project: 'manila', channels: ['irc:#openstack-manila'], events: [{ name: 'Manila hackathon', date: '2025-07-10' }] },
      triage: { count: 7 },
    });
    const roster = rosterOf(config);
    expect(roster.multi).toBe(false);
    expect(roster.teams).toHaveLength(1);
    const [t] = roster.teams;
    expect(t).toMatchObject({ name: 'manila', channels: ['irc:#openstack-manila', 'matrix:!abc:m.example'], projects: ['manila'], chairs: [] });
    expect(t.schedule).toBe(config.schedule);
    expect(t.triage.count).toBe(7);
  });

  it('the default config is a team of one: nova, no channels', () => {
    const roster = rosterOf(validateConfig({}));
    expect(roster.teams.map((t) => [t.name, t.channels, t.projects, t.schedule.project])).toEqual([['nova', [], ['nova'], 'nova']]);
  });

  it('joins the union of the teams channels; the IRC and Matrix sections need list none', () => {
    const config = validateConfig({
      irc,
      matrix: { homeserverUrl: 'https://m.example', accessToken: 't' },
      teams: [
        { name: 'nova', channels: ['irc:#openstack-nova', 'irc:#openstack-meeting', 'matrix:!nova:m.example'] },
        { name: 'manila', channels: ['irc:#openstack-manila', 'irc:#OpenStack-Meeting'] },
      ],
    });
    expect(config.irc!.channels).toEqual(['#openstack-nova', '#openstack-meeting', '#openstack-manila']);
    expect(config.matrix!.rooms).toEqual(['!nova:m.example']);
    const roster = rosterOf(config);
    expect(roster.multi).toBe(true);
    expect([...roster.shared]).toEqual(['irc:#openstack-meeting']);
  });

  it('fills each team from the top-level sections; reminders default to its channels that are not shared', () => {
    const config = validateConfig({
      irc: { ...irc, channels: ['#cyclebot-ops'] },
      schedule: { postAt: '08:00', offsets: { milestone: ['1w'] } },
      triage: { count: 3 },
      teams: [
        { name: 'nova', channels: ['irc:#openstack-nova', 'irc:#openstack-meeting'], chairs: ['irc:gibi'], triage: { count: 9 } },
        {
          name: 'neutron',
          channels: ['irc:#openstack-neutron', 'irc:#openstack-meeting'],
          projects: ['neutron', 'networking-ovn'],
          schedule: { project: 'neutron', timeZone: 'Europe/Paris', events: [{ name: 'Neutron drivers day', date: '2025-07-02' }] },
        },
        { name: 'cinder', channels: ['irc:#openstack-cinder'], launchpad: { project: 'cinder' }, schedule: { channels: [] } },
      ],
    });
    expect(config.irc!.channels).toEqual(['#cyclebot-ops', '#openstack-nova', '#openstack-meeting', '#openstack-neutron', '#openstack-cinder']);
    const [nova, neutron, cinder] = rosterOf(config).teams;
    expect(nova).toMatchObject({ projects: ['nova'], chairs: ['irc:gibi'], triage: { count: 9, order: 'newest' } });
    expect(nova.schedule).toMatchObject({ project: 'nova', postAt: '08:00', channels: [{ target: 'irc:#openstack-nova' }], events: [] });
    expect(nova.schedule.offsets.milestone).toEqual(['1w']);
    expect(neutron).toMatchObject({ projects: ['neutron', 'networking-ovn'], triage: { count: 3 } });
    expect(neutron.schedule).toMatchObject({ project: 'neutron', timeZone: 'Europe/Paris', postAt: '08:00', channels: [{ target: 'irc:#openstack-neutron' }] });
    expect(neutron.schedule.events.map((e) => e.name)).toEqual(['Neutron drivers day']);
    expect(cinder).toMatchObject({ projects: ['cinder'], schedule: { project: 'cinder', channels: [] } });
  });

  it('says each problem in one line naming its key path', () => {
    expect(problems({ irc: { host: 'h' } })).toEqual(['c.yaml: irc.channels: must list at least one channel (or teams name "irc:#channel"s)']);
    expect(
      problems({
        teams: [
          { name: 'Nova', channels: ['#openstack-nova'] },
          { name: 'manila', channels: ['irc:#a', 'irc:#A'], launchpad: { project: 'manila' }, projects: ['manila'] },
          { name: 'manila', channels: ['matrix:#alias:server', 'matrix:nova'], triage: { colour: 1 } },
        ],
        schedule: { events: [{ name: 'x', date: '2025-07-01' }] },
      }),
    ).toEqual([
      'c.yaml: teams.0.name: must be a lower-case team name like nova (as in #startmeeting nova)',
      'c.yaml: teams.0.channels.0: must be "irc:#channel", "matrix:!roomid:server" or "matrix:#alias:server"',
      'c.yaml: teams.1.projects: give launchpad.project or projects, not both',
      'c.yaml: teams.1.channels.1: irc:#A is listed twice',
      'c.yaml: teams.2.channels.1: must be "irc:#channel", "matrix:!roomid:server" or "matrix:#alias:server"',
      'c.yaml: unknown key teams.2.triage.colour',
      'c.yaml: teams.2.name: team manila is listed twice',
      "c.yaml: schedule.events: with teams, give each team's in teams[].schedule.events",
    ]);
    expect(problems({ teams: [{ name: 'nova', channels: ['irc:#n'] }], schedule: { channels: ['irc:#n'] } })).toEqual([
      "c.yaml: schedule.channels: with teams, give each team's in teams[].schedule.channels",
    ]);
  });

  it('rejects a Launchpad project in two teams, in one line naming both teams and the project', () => {
    expect(
      problems({
        teams: [
          { name: 'neutron', channels: ['irc:#openstack-neutron'], projects: ['neutron', 'networking-ovn'] },
          { name: 'ovn', channels: ['irc:#openstack-ovn'], projects: ['ovn-octavia-provider', 'networking-ovn'] },
          { name: 'nova', channels: ['irc:#openstack-nova'] },
          { name: 'compute', channels: ['irc:#openstack-compute'], launchpad: { project: 'nova' } },
          { name: 'manila', channels: ['irc:#openstack-manila'], projects: ['manila', 'python-manilaclient', 'manila'] },
        ],
      }),
    ).toEqual([
      'c.yaml: teams.4.projects.2: manila is listed twice',
      'c.yaml: teams.1.projects.1: Launchpad project networking-ovn is in teams neutron and ovn: give it to one team',
      'c.yaml: teams.3.launchpad.project: Launchpad project nova is in teams nova and compute: give it to one team (a team without launchpad.project or projects triages the project of its name)',
    ]);
    // Shared channels and schedule projects are not Launchpad projects: no problem there.
    expect(
      problems({
        irc,
        teams: [
          { name: 'nova', channels: ['irc:#openstack-meeting'], schedule: { project: 'neutron' } },
          { name: 'neutron', channels: ['irc:#openstack-meeting'] },
        ],
      }),
    ).toEqual([]);
  });
});
