// Project and cycle from weaker hints in a summary's own text: cross-project lines (another
// team's name), etherpad links, a month and year next to "PTG", "for the <series> cycle".
import { describe, expect, it } from 'vitest';
import { padNames, projectOfLinks } from '../../../src/ptg/parse/context-hints.ts';
import { parseSummary } from '../../../src/ptg/parse/index.ts';

const topics = '\n\nScheduling\n\nWe talked about traits for a long time and agreed on nothing.\n\nGate status\n\nThe gate was red.\n';
const detect = (text: string) => {
  const p = parseSummary(text);
  return [p.project, p.cycle];
};

describe('project and cycle from hints', () => {
  it("a cross-project line names the other team, not the summary's own", () => {
    const mail = `Hey folks,\n\nFirst, we only had one cross-project meeting, with the Neutron team, about neutron port bindings: see the neutron etherpad.\n\nCaracal retrospective and Dalmatian planning\n\nThe nova-compute service and nova-scheduler need love.${topics}`;
    expect(detect(mail)).toEqual(['nova', 'dalmatian']);
    // Only another team named, and only in the cross-project line: unknown beats a wrong guess.
    expect(detect(`Hi,\n\nWe had a joint session with the Cinder team on cinder multiattach, cinder again.${topics}`)[0]).toBeUndefined();
  });

  it('an etherpad link named for the PTG gives project and cycle', () => {
    expect(detect(`Hello,\n\nThanks to all who came.${topics}\nLinks\n\nhttps://etherpad.opendev.org/p/ironic-ptg-train\n`)).toEqual(['ironic', 'train']);
    // A read-only pad ("r.<hash>") says nothing.
    expect(detect(`Hello,\n\nThanks to all.${topics}\nhttps://etherpad.opendev.org/p/r.3d37f484b24bb04159\n`)).toEqual([undefined, undefined]);
  });

  it('a retrospective pad looks back: the PTG plans the next series', () => {
    expect(detect(`Hello,\n\nThanks all.${topics}\nhttps://etherpad.opendev.org/p/manila-wallaby-retrospective\n`)[1]).toBe('xena');
  });

  it('a month and year next to PTG, in text or a pad name, gives the series that PTG plans', () => {
    expect(detect(`Notes from the April 2025 PTG.${topics}`)[1]).toBe('flamingo');
    expect(detect(`Our summary of the PTG (October 2025).${topics}`)[1]).toBe('gazpacho');
    expect(detect(`Hi all,${topics}\nhttps://etherpad.opendev.org/p/apr2024-ptg-eventlet\n`)[1]).toBe('dalmatian');
    // Month and year as two words of the pad's name.
    expect(detect(`Hi all,${topics}\n[0]: https://etherpad.opendev.org/p/ironic-ptg-april-2025\n`)[1]).toBe('flamingo');
  });

  it('"for the <series> cycle" is the cycle planned; "during the <series> cycle" is a look back', () => {
    expect(detect(`Hi all,\n\nHere is what we want to do for the Stein cycle; some of it may slip to Train.${topics}`)[1]).toBe('stein');
    expect(detect(`Hi all,\n\nHere is what we did during the Queens cycle; the Rocky cycle starts now.${topics}`)[1]).toBe('rocky');
  });

  it('a common-word project counts in lower case when it names a team; a short name only then', () => {
    expect(detect(`Hi all,\n\nThe ironic team met for three days; ironic folks were happy.${topics}`)[0]).toBe('ironic');
    expect(detect(`Hello,\n\nHere is the QA team summary from the PTG.${topics}`)[0]).toBe('qa');
    // "the ironic irony" and a "qa" word that names no team: not a project.
    expect(detect(`Hello,\n\nAn ironic twist: qa is hard.${topics}`)[0]).toBeUndefined();
  });

  it('projects outside the core list are known by name', () => {
    expect(detect(`Hi,\n\nThe openstack-helm PTG went well; openstack-helm charts were discussed.${topics}`)[0]).toBe('openstack-helm');
  });

  it('the one project a title line names wins over a preamble naming other teams more', () => {
    const text = `Ironic Zed PTG summary\n\nWe met Nova folks twice and Neutron folks once; Nova wants our API, nova-compute too.${topics}`;
    expect(detect(text)[0]).toBe('ironic');
    // "kolla-ansible" is one project, not also kolla.
    expect(detect(`Kolla-Ansible PTG recap\n\nNova and Nova again.${topics}`)[0]).toBe('kolla-ansible');
    // A title naming two teams decides nothing: the preamble does.
    expect(detect(`Nova-Neutron PTG notes\n\nThe Neutron team hosted; Neutron again.${topics}`)[0]).toBe('neutron');
  });

  it('reads a bounded number of pad links, so thousands of crafted ones cost nothing more', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `https://etherpad.opendev.org/p/pad-${i}`).join(' ');
    expect(padNames(many)).toHaveLength(20);
  });

  it("the team's own links name the project: trackers, repositories, specs, channels", () => {
    const links = 'See https://bugs.launchpad.net/manila/+bug/1901210 and https://opendev.org/openstack/python-manilaclient for the client.';
    expect(detect(`Hello all,\n\nThanks for coming.${topics}\n${links}\n`)[0]).toBe('manila');
    const projects = ['manila', 'nova', 'neutron', 'kolla-ansible'];
    expect(projectOfLinks('https://specs.openstack.org/openstack/nova-specs/x and #openstack-nova', projects)).toBe('nova');
    expect(projectOfLinks('https://review.opendev.org/q/project:openstack/kolla-ansible and https://github.com/openstack/kolla-ansible', projects)).toBe(
      'kolla-ansible',
    );
    // One link decides nothing; nor does a repository of no known project.
    expect(projectOfLinks('https://bugs.launchpad.net/neutron/+bug/1', projects)).toBeUndefined();
    expect(projectOfLinks('https://opendev.org/openstack/foo-bar https://opendev.org/openstack/foo-bar', projects)).toBeUndefined();
  });
});
