// The real Nova 2025.2 Flamingo PTG summary (etherpad/mail style "#### Topic ####" headings).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSummary } from '../../../src/ptg/parse/index.ts';
import type { Topic } from '../../../src/ptg/types.ts';

const local = path.resolve(import.meta.dirname, '../../../data/ptg/nova-2025.2-flamingo.txt');
const file = fs.existsSync(local) ? local : '/work/shared/data/ptg/nova-2025.2-flamingo.txt';
const text = fs.readFileSync(file, 'utf8');
const parsed = parseSummary(text, { filename: 'nova-2025.2-flamingo.txt' });
const topic = (title: string): Topic => {
  const t = parsed.topics.find((x) => x.title === title);
  if (!t) throw new Error(`no topic ${title}`);
  return t;
};

// [title, number of ✅ decisions, owners] for every "####" heading, in order.
const TOPICS: [string, number, string[]][] = [
  ['2025.1 Epoxy Retrospective', 8, []],
  ['2025.2 Flamingo Planning', 3, ['Uggla']],
  ['Upstream Bug Triage', 2, []],
  ['Closing Old Bugs', 2, []],
  ['Preparation for Python 3.13', 1, ['Gibi']],
  ['Confidential Computing Feature Planning', 6, ['Tkajinam']],
  ['RDT / MPAM Feature Discussion', 2, ['r-taketn']],
  ['vTPM Live Migration', 1, []],
  ['Cloud Hypervisor Integration', 6, []],
  ['vGPU (mdev) and PCI SR-IOV Topics', 8, ['Uggla']],
  ['SPICE VDI – Next Steps', 2, []],
  ['Virtiofs Client Support', 4, ['Uggla']],
  ['One-Time-Use (OTU) Devices', 3, []],
  ['Glance cross-project session', 0, []],
  ['Secure RBAC – Finalization Plan', 1, ['Gmann']],
  ['Image Properties Handling – DB Schema & API Response', 5, []],
  ['Eventlet removal', 0, []],
  ['Enhanced Granularity and Live Application of QoS', 5, []],
  ['Moving TAP Device Creation from Libvirt to os-vif', 2, ['Sean']],
  ['Instance Annotations, Labels & K8s-Like Semantics', 4, ['Sean']],
  ['External Traits and Node Pressure Metrics', 4, ['Sean', 'Sbauza']],
  ['OpenAPI Schema Integration', 4, ['Stephen', 'Masahito']],
  ['OpenStack SDK & Client Workflows', 1, ['Uggla']],
  ['Upstream Testing for PCI Passthrough and mdev Devices', 2, ['Bauzas', 'Gibi']],
  ['CPU Power Management – Expected Behavior', 2, []],
  ['Live Migration with Encrypted Volumes (Barbican Integration)', 3, []],
  ['Manila–Nova Cross-Team Integration', 3, ['Uggla']],
  ['Provider Traits Management via provider.yaml', 1, []],
  ['Admin-Only Instance Metadata / Annotations', 1, []],
  ['delete_on_terminate for Ports (Server Create / Network Attach APIs)', 1, []],
  ['Graceful Shutdown of Nova Compute Services', 3, []],
  ['Libvirt/QEMU Attributes via Flavor Extra Specs', 2, []],
  ['Dynamic Modification of libvirt Domain XML (Hook Proposal)', 3, []],
  ['Revisiting the "No More API Proxies" Rule', 2, ['Masahito']],
  ['OVN Migration & Port Setup Timing', 2, []],
  ['Blocking API Threads During Volume Attachments', 1, []],
  ['Inventory Update Failure – DISK_GB Bug', 1, []],
  ['Security Group Name Conflict Bug', 2, []],
];

const spec = (url: string) => ({ url, kind: 'spec' });
const review = (url: string) => ({ url, kind: 'review' });
const lpBug = (n: number, project = 'nova') => ({ url: `https://bugs.launchpad.net/${project}/+bug/${n}`, kind: 'bug', bug: n });

// Every link of every topic. The preamble's etherpad URL is not in a topic (the preamble is not one).
const LINKS: Record<string, object[]> = {
  'vTPM Live Migration': [
    spec('https://specs.openstack.org/openstack/nova-specs/specs/2025.1/approved/vtpm-live-migration.htm'),
    review('https://review.opendev.org/c/openstack/castellan/+/942015'),
    review('https://review.opendev.org/c/openstack/barbican/+/942016'),
  ],
  'Cloud Hypervisor Integration': [spec('https://review.opendev.org/c/openstack/nova-specs/+/945549')],
  'vGPU (mdev) and PCI SR-IOV Topics': [lpBug(2102161), lpBug(2103631)],
  'One-Time-Use (OTU) Devices': [review('https://review.opendev.org/c/openstack/placement/+/945465')],
  'Eventlet removal': [{ url: 'https://gibizer.github.io/posts/Eventlet-Removal-Flamingo-PTG/', kind: 'blog' }],
  'Enhanced Granularity and Live Application of QoS': [
    { url: 'https://etherpad.opendev.org/p/OpenStack_QoS_Feature_Enhancement_Discussion', kind: 'etherpad' },
  ],
  'Moving TAP Device Creation from Libvirt to os-vif': [lpBug(2073254), review('https://review.opendev.org/c/openstack/nova/+/942786')],
  // "regressions (like bug #2098892)": a bare bug mention becomes a Launchpad link.
  'Upstream Testing for PCI Passthrough and mdev Devices': [{ url: 'https://bugs.launchpad.net/bugs/2098892', kind: 'bug', bug: 2098892 }],
  'Provider Traits Management via provider.yaml': [spec('https://review.opendev.org/c/openstack/nova-specs/+/937587')],
  'Admin-Only Instance Metadata / Annotations': [spec('https://review.opendev.org/c/openstack/nova-specs/+/939190')],
  'delete_on_terminate for Ports (Server Create / Network Attach APIs)': [spec('https://review.opendev.org/c/openstack/nova-specs/+/936990')],
  'Graceful Shutdown of Nova Compute Services': [spec('https://review.opendev.org/c/openstack/nova-specs/+/937185')],
  'Libvirt/QEMU Attributes via Flavor Extra Specs': [
    { url: 'https://developers.redhat.com/articles/2024/09/05/scaling-virtio-blk-disk-io-iothread-virtqueue-mapping', kind: 'blog' },
  ],
  'OVN Migration & Port Setup Timing': [lpBug(2073254)],
  'Blocking API Threads During Volume Attachments': [lpBug(1930406)],
  'Inventory Update Failure – DISK_GB Bug': [lpBug(2093869)],
  'Security Group Name Conflict Bug': [lpBug(2105896), review('https://review.opendev.org/c/openstack/nova/+/946079')],
};

describe('Nova 2025.2 Flamingo summary', () => {
  it('is read as the etherpad format for nova flamingo 2025.2', () => {
    expect(parsed.format).toBe('etherpad');
    expect(parsed.project).toBe('nova');
    expect(parsed.cycle).toBe('flamingo');
    expect(parsed.release).toBe('2025.2');
  });

  it('detects project and cycle from the text alone (no file name)', () => {
    const p = parseSummary(text);
    expect([p.project, p.cycle, p.release]).toEqual(['nova', 'flamingo', '2025.2']);
  });

  it('has every #### heading as a topic, in order, and nothing from the preamble', () => {
    const headings = text.split('\n').filter((l) => l.startsWith('#### ')).length;
    expect(headings).toBe(38);
    expect(parsed.topics.map((t) => t.title)).toEqual(TOPICS.map(([title]) => title));
    expect(parsed.topics.some((t) => t.body.includes('Hello everyone'))).toBe(false);
  });

  it('has the ✅ decisions of every topic, 103 in all', () => {
    const marked = text.split('\n').filter((l) => l.includes('✅')).length;
    expect(marked).toBe(103);
    expect(parsed.topics.map((t) => t.decisions.length)).toEqual(TOPICS.map(([, n]) => n));
    expect(parsed.topics.reduce((n, t) => n + t.decisions.length, 0)).toBe(marked);
    expect(parsed.topics.flatMap((t) => t.decisions).some((d) => d.includes('✅'))).toBe(false);
  });

  it('has the owners of every topic (18 in all; gmann is only asked, not an owner)', () => {
    expect(parsed.topics.map((t) => [t.title, t.owners])).toEqual(TOPICS.map(([title, , owners]) => [title, owners]));
    expect(parsed.topics.reduce((n, t) => n + t.owners.length, 0)).toBe(18);
    const vgpu = topic('vGPU (mdev) and PCI SR-IOV Topics');
    expect(vgpu.owners).not.toContain('gmann');
    expect(vgpu.body).toContain('Confirm with gmann whether a microversion is needed');
  });

  it('has every link with its kind and bug number (22 in all)', () => {
    const actual = Object.fromEntries(parsed.topics.filter((t) => t.links.length).map((t) => [t.title, t.links]));
    expect(actual).toEqual(LINKS);
    expect(parsed.topics.reduce((n, t) => n + t.links.length, 0)).toBe(22);
  });

  it('keeps decision text exact, marker stripped (with or without a space after ✅)', () => {
    expect(topic('2025.1 Epoxy Retrospective').decisions).toEqual([
      'We agreed to maintain regular status updates via the etherpad and follow up during Nova meetings.',
      'Ensure client-side features (e.g., server show) are also published and tracked.',
      'Keep microversions isolated and document Tempest implications clearly in specs.',
      'Raise awareness of the tempest-with-latest-microversion job during Nova meetings.',
      'Monitor OpenAPI efforts in Nova, which may allow offloading schema checks from Tempest in the future.',
      'Flag this as a priority area for upcoming cycles.',
      'Encourage active contributors to support occasional contributors during review days.',
      'Commit to keeping the etherpad current throughout the cycle.',
    ]);
    expect(topic('Closing Old Bugs').decisions[0]).toBe('Take no action for now. Focus efforts on triaging new bugs first.');
    expect(topic('Virtiofs Client Support').decisions[1]).toBe(
      'The ordering of microversion support patches across Nova, SDKs, and clients will be handled by respective owners.',
    );
    expect(topic('External Traits and Node Pressure Metrics').decisions.slice(1)).toEqual([
      'A weigher could use these traits to influence placement.Default traits list could be configured (e.g., prefer/avoid hosts with certain pressures or hardware features). This approach could evolve into a generic “preferred traits” weigher, similar to Kubernetes taints/tolerations.',
      'Sean will create a dedicated spec for this feature.',
      'Sbauza volunteered to help, especially as the work aligns with weigher logic from the previous cycle.',
    ]);
    expect(topic('Instance Annotations, Labels & K8s-Like Semantics').decisions).toEqual([
      'Define a new API to expose capabilities of instances (e.g., “can this instance be live-migrated?”)',
      'Sean will create a spec.',
      'Looking at user-defined labels, we eventually considered defining a second API for them to express scheduling/HA preferences.',
      'Sean will also create a spec for this. (Sean).',
    ]);
    expect(topic('Security Group Name Conflict Bug').decisions).toEqual([
      'The issue was fixed in: https://review.opendev.org/c/openstack/nova/+/946079',
      'Fix will be reviewed and backported to Epoxy.',
    ]);
    expect(topic('Dynamic Modification of libvirt Domain XML (Hook Proposal)').decisions).toEqual([
      'This proposal is explicitly rejected.',
      'Nova will not support hook points for permuting libvirt XML.',
      'Operators may use out-of-band libvirt/qemu hooks at their own risk, but should not expect upstream support or stability guarantees.',
    ]);
  });

  it('continues a decision over the list (or indented / colon-announced lines) directly below it', () => {
    const vgpu = topic('vGPU (mdev) and PCI SR-IOV Topics').decisions;
    expect(vgpu[0]).toBe(
      'We agreed that the current behavior is correct and consistent with the intention: If live_migratable = false → fallback to hotplug during live migration. If live_migratable = true on both source and destination → prefer transparent live migration.',
    );
    expect(vgpu[4]).toBe('Split the work into two steps: Fix existing bug (can be backported). Incrementally move other validations earlier in the flow.');
    expect(topic('Libvirt/QEMU Attributes via Flavor Extra Specs').decisions).toEqual([
      'Introduce new flavor extra specs such as: hw:io_threads=4 hw:blk_multiqueue=2',
      'A nova-spec should be written to document naming and semantics.',
    ]);
    expect(topic('Revisiting the "No More API Proxies" Rule').decisions[0]).toBe(
      'The "no API proxy" rule remains, but with pragmatic exceptions: Filtering is acceptable if the data exists in Nova’s DB (e.g., network ID, image ID). No cross-service REST calls allowed (e.g., Neutron QoS types still out of scope). Filtering by network_id in nova list is reasonable and can proceed.',
    );
    expect(topic('Provider Traits Management via provider.yaml').decisions).toEqual([
      'Implement a mechanism where Nova copies the applied file to /var/lib/nova/applied_provider.yaml, and diffs it with the active one on restart. This would allow traits (and possibly other config) to be safely removed.',
    ]);
    // Not a continuation: a plain line after a decision that does not end with ':'.
    expect(topic('vTPM Live Migration').decisions).toEqual(['User and host modes are as described in the spec.']);
  });

  it('finds standalone and numbered subtopics', () => {
    expect(topic('Confidential Computing Feature Planning').subtopics).toEqual(['Intel TDX', 'Arm CCA']);
    expect(topic('vGPU (mdev) and PCI SR-IOV Topics').subtopics).toEqual([
      '1. Live-migratable flag handling (physical_network tag)',
      '2. Preemptive live migration failure for non-migratable PCI devices',
      '3. PCI SR-IOV: Unify the Live Migration Code Path',
    ]);
    const others = parsed.topics.filter((t) => !['Confidential Computing Feature Planning', 'vGPU (mdev) and PCI SR-IOV Topics'].includes(t.title));
    expect(others.flatMap((t) => t.subtopics)).toEqual([]);
  });

  it('keeps the body as plain text and drops the closing salutation', () => {
    const planning = topic('2025.2 Flamingo Planning');
    expect(planning.body.split('\n').slice(0, 3)).toEqual(['Timeline:', '', '    Soft spec freeze (no new specs): June 1st']);
    expect(planning.body).toContain('✅ Uggla will update the schedule document with the proposed milestones.');
    expect(topic('Glance cross-project session').body).toBe('Please look at glance summary.');
    const last = parsed.topics[parsed.topics.length - 1].body;
    expect(last.startsWith('📌 Bug: https://bugs.launchpad.net/nova/+bug/2105896')).toBe(true);
    expect(last).not.toContain('Best regards');
    expect(last).not.toContain('René');
  });
});
