// One realistic summary per format (fixtures in tests/fixtures/ptg/formats/).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSummary } from '../../../src/ptg/parse/index.ts';
import type { ParsedSummary, Topic } from '../../../src/ptg/types.ts';

const dir = path.resolve(import.meta.dirname, '../../fixtures/ptg/formats');
const load = (name: string): ParsedSummary => parseSummary(fs.readFileSync(path.join(dir, name), 'utf8'), { filename: name });
const byTitle = (p: ParsedSummary, title: string): Topic => {
  const t = p.topics.find((x) => x.title === title);
  if (!t) throw new Error(`no topic ${title} in ${p.topics.map((x) => x.title).join(', ')}`);
  return t;
};

describe('Markdown (Neutron)', () => {
  const p = load('neutron-2025.2-ptg.md');

  it('uses the H2s as topics under the single H1 title', () => {
    expect([p.format, p.project, p.cycle, p.release]).toEqual(['markdown', 'neutron', 'flamingo', '2025.2']);
    expect(p.topics.map((t) => t.title)).toEqual([
      'Epoxy retrospective',
      'Eventlet removal',
      'OVN: port binding delays',
      'QoS: mutable minimum bandwidth',
      'Deprecations',
    ]);
  });

  it('turns H3s into subtopics and keeps their text in the body', () => {
    const t = byTitle(p, 'Eventlet removal');
    expect(t.subtopics).toEqual(['Status', 'Next steps']);
    expect(t.body).toBe(
      [
        'Status',
        '',
        'The neutron-ovn-metadata-agent already runs without eventlet, the L3 agent does not.',
        'See the blog post (https://gibizer.github.io/posts/Eventlet-Removal-Part-3/) for the background.',
        '',
        'Next steps',
        '',
        '- AGREED: finish the DHCP agent first, then the L3 agent.',
        '- AI(ralonsoh): write the migration guide for out-of-tree drivers.',
        '- Action: lajoskatona to update the tracking etherpad.',
      ].join('\n'),
    );
  });

  it('reads decisions behind bullets and bold markers', () => {
    expect(byTitle(p, 'Epoxy retrospective').decisions).toEqual([
      'Keep the weekly CI meeting, it helps.',
      'move the slow scenario jobs to the periodic queue.',
    ]);
    expect(byTitle(p, 'Eventlet removal').decisions).toEqual([
      'finish the DHCP agent first, then the L3 agent.',
      'write the migration guide for out-of-tree drivers.',
      'lajoskatona to update the tracking etherpad.',
    ]);
    expect(byTitle(p, 'OVN: port binding delays').decisions).toEqual([
      'Neutron will emit the network-vif-plugged event only after the southbound DB claims the port.',
      'Otherwise we keep the current timeout.',
    ]);
    // A bullet decision takes the more-indented items below it, not its siblings.
    expect(byTitle(p, 'QoS: mutable minimum bandwidth').decisions).toEqual([
      'We accept the use case as a neutron-spec: update the placement allocation first, then the OVS/OVN rules.',
      'Slawek volunteered to review the spec.',
    ]);
  });

  it('finds owners only in decisions', () => {
    expect(p.topics.map((t) => t.owners)).toEqual([[], ['ralonsoh', 'lajoskatona'], [], ['Slawek'], ['Brian']]);
    // "liushy will propose a patch" is a plain bullet, not a decision; "Neutron will" is a project.
    expect(byTitle(p, 'OVN: port binding delays').body).toContain('liushy will propose a patch');
  });

  it('keeps Markdown link targets and autolinks, and ignores # lines in fenced code', () => {
    const ovn = byTitle(p, 'OVN: port binding delays');
    expect(ovn.links).toEqual([
      { url: 'https://bugs.launchpad.net/bugs/2081234', kind: 'bug', bug: 2081234 },
      { url: 'https://bugs.launchpad.net/neutron/+bug/2081235', kind: 'bug', bug: 2081235 },
      { url: 'https://review.opendev.org/c/openstack/neutron/+/938001', kind: 'review' },
    ]);
    expect(ovn.body).toContain('# this is a shell comment, not a heading');
    expect(byTitle(p, 'QoS: mutable minimum bandwidth').links).toEqual([
      { url: 'https://review.opendev.org/c/openstack/neutron-specs/+/937777', kind: 'spec' },
    ]);
    expect(byTitle(p, 'Deprecations').body).toBe(
      '| Item | Cycle | Owner |\n| linuxbridge driver | removed in 2025.2 | haleyb |\n| ml2/macvtap | deprecated | nobody |\n\nDecision: announce the macvtap deprecation on the openstack-discuss list (Brian).',
    );
  });
});

describe('reStructuredText (Cinder)', () => {
  const p = load('cinder-2025.2-ptg.rst');

  it('skips the overlined document title and uses the "-" sections as topics', () => {
    expect([p.format, p.project, p.cycle, p.release]).toEqual(['rst', 'cinder', 'flamingo', '2025.2']);
    expect(p.topics.map((t) => [t.title, t.subtopics])).toEqual([
      ['Epoxy retrospective', []],
      ['Image encryption', ['Key management', 'Volume migration']],
      ['Backup performance', []],
    ]);
  });

  it('reads decisions, meetbot lines and action items', () => {
    expect(p.topics.map((t) => t.decisions)).toEqual([
      ['third-party CI status is reviewed at the first meeting of each month.'],
      [
        'whoami-rajat to write a follow-up patch for the upload path.',
        'migrating encrypted volumes keeps the same key ID.',
        'jbernard send the summary to the list',
      ],
      ['make the compression level configurable.', 'publish the numbers on the mailing list.'],
    ]);
    expect(p.topics.map((t) => t.owners)).toEqual([[], ['whoami-rajat', 'jbernard'], ['eharney']]);
  });

  it('handles targets, embedded links, literal blocks and directives', () => {
    const enc = byTitle(p, 'Image encryption');
    expect(enc.body).toContain('work is tracked in the image encryption spec.');
    expect(enc.body).toContain('Castellan needs a way to send the service token per call:\n\n    [key_manager]');
    expect(enc.body).toContain('Only the generic migration path is affected.');
    expect(enc.body).not.toContain('.. ');
    expect(enc.links).toEqual([{ url: 'https://specs.openstack.org/openstack/cinder-specs/specs/2025.2/image-encryption.html', kind: 'spec' }]);
    const backup = byTitle(p, 'Backup performance');
    expect(backup.body.split('\n').slice(0, 3)).toEqual([
      'The chunked driver spends most of its time compressing; see',
      'bug 2091234 (https://bugs.launchpad.net/cinder/+bug/2091234) and',
      'the Ceph backup discussion (https://review.opendev.org/c/openstack/cinder/+/940123).',
    ]);
    expect(backup.links).toEqual([
      { url: 'https://bugs.launchpad.net/cinder/+bug/2091234', kind: 'bug', bug: 2091234 },
      { url: 'https://review.opendev.org/c/openstack/cinder/+/940123', kind: 'review' },
    ]);
  });
});

describe('HTML blog post (Ironic)', () => {
  const p = load('ironic-ptg-blog.html');

  it('takes topics from <main>, not from nav, aside, script or comments', () => {
    expect([p.format, p.project, p.cycle, p.release]).toEqual(['html', 'ironic', 'flamingo', '2025.2']);
    expect(p.topics.map((t) => [t.title, t.subtopics])).toEqual([
      ['Epoxy retrospective', []],
      ['Servicing & firmware updates', ['Redfish firmware interface', 'BIOS settings']],
      ['Release cadence', []],
    ]);
    const all = p.topics.map((t) => t.body).join('\n');
    for (const junk of ['Archives', 'Recent posts', 'dataLayer', 'Draft topic', 'color:', '©']) expect(all).not.toContain(junk);
  });

  it('decodes entities and turns lists and tables into lines', () => {
    expect(byTitle(p, 'Epoxy retrospective').body).toBe(
      'We merged the networking-baremetal rework & the new redfish-virtual-media defaults. Reviews were “slow but steady”…\n\n- ✅ Keep the bug deputy rotation.\n- Agreed: a review jam every milestone week.',
    );
    expect(byTitle(p, 'Release cadence').body.split('\n').slice(0, 4)).toEqual([
      'Deliverable | Cadence | Owner',
      'ironic | every 2 months | rpittau',
      'ironic-python-agent | with ironic | JayF',
      '',
    ]);
  });

  it('reads decisions (emoji images, &#9989;, &#x2705;, <br>-separated lines) and owners', () => {
    expect(p.topics.map((t) => t.decisions)).toEqual([
      ['Keep the bug deputy rotation.', 'a review jam every milestone week.'],
      [
        'Document the supported vendors: Dell iDRAC 9 HPE iLO 6',
        'write the admin guide section.',
        'TheJulia will update the spec with the rollback behaviour.',
      ],
      ['keep the intermediate releases — operators rely on them.', 'rpittau, prepare the 2025.2 release schedule.'],
    ]);
    expect(p.topics.map((t) => t.owners)).toEqual([[], ['iurygregory', 'TheJulia'], ['rpittau']]);
  });

  it('keeps hrefs as links', () => {
    expect(byTitle(p, 'Servicing & firmware updates').links).toEqual([
      { url: 'https://specs.openstack.org/openstack/ironic-specs/specs/approved/bios-servicing.html', kind: 'spec' },
      { url: 'https://review.opendev.org/c/openstack/ironic/+/941122', kind: 'review' },
    ]);
    expect(byTitle(p, 'Release cadence').links).toEqual([
      { url: 'https://medium.com/@baremetal/why-ironic-releases-often-3f1e', kind: 'blog' },
      { url: 'https://bugs.launchpad.net/ironic/+bug/2091001', kind: 'bug', bug: 2091001 },
    ]);
  });
});

describe('Mailing-list archive HTML (pipermail, Kolla)', () => {
  const p = load('kolla-ptg-pipermail.html');

  it('reads the <pre> mail body as plain text', () => {
    expect([p.format, p.project, p.cycle, p.release]).toEqual(['html', 'kolla', 'flamingo', '2025.2']);
    expect(p.topics.map((t) => t.title)).toEqual(['Ansible 11 and Python 3.12', 'Podman support', 'Dropping CentOS Stream 9']);
    expect(p.topics.map((t) => t.decisions)).toEqual([
      ['bump the minimum Ansible version in Flamingo.', 'update the support matrix & the release notes.'],
      ['Podman becomes a supported engine; Docker stays the default.', 'kevko to write the migration doc <docker -> podman>.'],
      [],
    ]);
    expect(p.topics.map((t) => t.owners)).toEqual([['mnasiadka'], ['kevko'], []]);
    expect(p.topics[1].links).toEqual([{ url: 'https://review.opendev.org/c/openstack/kolla-ansible/+/942233', kind: 'review' }]);
    expect(p.topics[0].body).toContain('ansible-core 2.18 needs Python >= 3.11 on the deploy host.');
    expect(p.topics[2].body).toBe('No decision yet, we wait for the RDO 2025.2 packages.');
  });
});

describe('Plain mail (Glance)', () => {
  const p = load('glance-ptg-mail.txt');

  it('uses Topic: lines; quotes and the signature make no topics', () => {
    expect([p.format, p.project, p.cycle, p.release]).toEqual(['mail', 'glance', 'flamingo', '2025.2']);
    expect(p.topics.map((t) => t.title)).toEqual(['Epoxy retrospective', 'Image encryption', 'Cache API']);
    expect(p.topics[2].body).toBe(
      'Bug #2089612 is still open (see bug #2089612 for the race).\n#agreed the cache API keeps its current microversion\n#action pdeore write the release note',
    );
  });

  it('reads AGREED:, Decision:, AI(nick):, Action:, #agreed and #action', () => {
    expect(p.topics.map((t) => t.decisions)).toEqual([
      ['release glance-store before milestone-2 from now on.'],
      ['Glance only stores the metadata; keys stay in Barbican.', 'review the spec before June 5th.', 'abhishekk will check the import plugin path.'],
      ['the cache API keeps its current microversion', 'pdeore write the release note'],
    ]);
    // "Luzi is happy to keep driving the spec." is discussion, not a decision.
    expect(p.topics.map((t) => t.owners)).toEqual([[], ['rosmaita', 'abhishekk'], ['pdeore']]);
  });

  it('links spec reviews and bare bug numbers once', () => {
    expect(p.topics.map((t) => t.links)).toEqual([
      [],
      [{ url: 'https://review.opendev.org/c/openstack/glance-specs/+/915726', kind: 'spec' }],
      [{ url: 'https://bugs.launchpad.net/bugs/2089612', kind: 'bug', bug: 2089612 }],
    ]);
  });
});
