// Which project a summary is about, from its text (src/ptg/parse/project-mentions.ts, context.ts):
// projects beyond OpenStack's services, other names for a project, team words, repository links,
// and a text mostly about one project.
import { describe, expect, it } from 'vitest';
import { mostlyAbout } from '../../../src/ptg/parse/project-mentions.ts';
import { parseSummary } from '../../../src/ptg/parse/index.ts';

const topics = '\n\nScheduling\n\nWe talked about traits for a long time and agreed on nothing.\n\nGate status\n\nThe gate was red.\n';
const project = (text: string) => parseSummary(text).project;

describe('project from the text', () => {
  it('knows the foundation projects beyond OpenStack', () => {
    expect(project(`Kata Containers PTG summary\n\nThanks all for coming.${topics}`)).toBe('kata-containers');
    expect(project(`Hi all,\n\nThe StarlingX community met for two days.${topics}`)).toBe('starlingx');
    expect(project(`Airship PTG recap\n\nThanks all.${topics}`)).toBe('airship');
    expect(project(`First Contact SIG PTG summary\n\nWe met on Monday.${topics}`)).toBe('first-contact-sig');
  });

  it('the OpenStack client by any of its names', () => {
    expect(project(`OpenStack Client PTG summary\n\nThanks all.${topics}`)).toBe('python-openstackclient');
    expect(project(`OSC PTG notes\n\nThanks all.${topics}`)).toBe('python-openstackclient');
    // OSC-Placement is a project of its own.
    expect(mostlyAbout('The OSC-Placement plugin, OSC-Placement again, OSC-Placement.')).toBe('osc-placement');
  });

  it('the OpenInfra Foundation is a project only when the text is about it', () => {
    const wg = `OpenInfra Member Working Group PTG Recaps\n\nIn 2024, the OpenInfra Foundation introduced working groups. OpenInfra members met. Nova was mentioned.${topics}`;
    expect(project(wg)).toBe('openinfra');
    // Thanked once for organising, or its PTG and its web site: not the summary's project.
    expect(project(`Hi all,\n\nThanks to the friendly folks at the OpenInfra Foundation who organised this event.${topics}`)).toBeUndefined();
    expect(
      project(`Hi all,\n\nAt the OpenInfra PTG (see OpenInfra.dev/ptg) we planned talks for the OpenInfra Summit, OpenInfra Live and OpenInfra Days.${topics}`),
    ).toBeUndefined();
    expect(mostlyAbout('The Open Infrastructure Foundation, the Open Infrastructure Foundation, the OpenInfra Foundation.')).toBe('openinfra');
  });

  it("a link's address is no mention of the project it points to", () => {
    const text =
      'Earlier this month the OpenInfra Foundation hosted the PTG.\n\n' +
      'StarlingX (https://www.starlingx.io/blog/starlingx-vptg-april-2025-recap/) and Kata Containers were represented, ' +
      'in addition to top level OpenInfra Working Groups. The OpenInfra Foundation thanks everyone.\n\n' +
      'The VMware Migration WG worked on a guide.\n\nDates for the next PTG will be announced soon.\n';
    expect(project(text)).toBe('openinfra');
  });

  it('a title naming the OpenInfra Foundation once is about it, though its text names a project more', () => {
    const md =
      '---\ntitle: "OpenInfra Project Communities Advance Collaboration at October PTG "\nauthor: A. Writer\n---\n' +
      'Over 34 teams participated representing several OpenStack teams, Kata Containers and StarlingX.\n\n' +
      'Kata Containers Summary and the Kata Containers blog have the details.\n\nIf you are interested, read the summaries.\n';
    expect(parseSummary(md, { filename: 'post.md' }).project).toBe('openinfra');
  });

  it("a team's room, track, PTL or SIG counts strongly for it", () => {
    const text = `Hi all,\n\nThe Kolla team met first; the Kolla team again after lunch.\n\nI headed to the requirements room for the rest of the day.${topics}`;
    expect(project(text)).toBe('requirements');
    expect(project(`Hi all,\n\nMorning with Neutron folks and Neutron again.\n\nThe Keystone PTL ran the afternoon.${topics}`)).toBe('keystone');
  });

  it("bare openstack/<repo> names and the other foundation projects' namespaces count as links to the project", () => {
    expect(project(`Hi all,\n\nThanks all.${topics}\nhttps://opendev.org/airship/treasuremap and https://opendev.org/airship/armada\n`)).toBe('airship');
    expect(project(`Hi all,\n\nThanks all.${topics}\nDepends-On: openstack/python-designateclient\nSee openstack/designate-tempest-plugin too.\n`)).toBe(
      'designate',
    );
  });

  it('a text naming one project far more than any other is about it, whatever its head names once', () => {
    const text = `Hi all,\n\nThanks to the Nova folks who joined.\n\nCinder backups\n\nCinder wants faster backups; Cinder drivers; the Cinder API too.\n\nGate\n\nCinder gate is red.\n`;
    expect(project(text)).toBe('cinder');
    expect(mostlyAbout('Cinder, Cinder, Cinder and Nova')).toBe('cinder');
    // Not far more: no decision (3 against 2), nor with too few mentions.
    expect(mostlyAbout('Cinder, Cinder, Cinder, Nova and Nova')).toBeUndefined();
    expect(mostlyAbout('Cinder and Cinder')).toBeUndefined();
  });

  it('a project joined to another by "+" is named in any case ("glance + cinder")', () => {
    const text = `Hi Team,\n\nThanks to everyone who joined. We discussed topics for glance, glance + cinder, glance+ceph and eventlet.${topics}`;
    expect(project(text)).toBe('glance');
    // Lower case alone, or beside an ordinary word, is still the English word.
    expect(mostlyAbout('a swift + easy fix, a swift fix, a swift answer and Cinder, Cinder, Cinder')).toBe('cinder');
  });

  it("a heading that is a team's name counts for that team like its room", () => {
    const body = (a: string, b: string) =>
      `Hi all,\n\nA nice week.\n\nLimits\n\nThe ${a} limits API, the ${a} team and ${a} again.\n\n${b} Sessions\n\nWe planned the cycle: ${b} zones and ${b} pools.\n`;
    expect(project(body('Keystone', 'Designate'))).toBe('designate');
    expect(project(body('Designate', 'Keystone'))).toBe('keystone');
  });
});
