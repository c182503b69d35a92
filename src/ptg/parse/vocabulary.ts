// Word lists the parser needs: OpenStack projects (for detection, and so "Nova will" is not a
// person), other technology names, and the release series.

/** Project names rarely used as ordinary English words: matched in any case ("the nova team"). */
export const DISTINCT_PROJECTS = `nova neutron cinder keystone octavia barbican castellan manila kolla kolla-ansible
openstack-ansible masakari cyborg zun zaqar aodh ceilometer gnocchi cloudkitty senlin tacker vitrage
monasca kuryr magnum sahara murano karbor blazar devstack tripleo openstacksdk python-openstackclient
os-vif os-brick os-traits os-resource-classes osc-placement oslo openstack-helm puppet-openstack sunbeam
networking-ovn ovn-octavia-provider ovn-bgp-agent neutron-dynamic-routing neutron-lib kuryr-kubernetes loci
tricircle dragonflow qinling searchlight ec2-api openstack-charms starlingx kata-containers`.split(/\s+/);

/** Project names that are also English words: only matched capitalised ("Ironic", not "ironic"). */
export const COMMON_PROJECTS = `glance ironic horizon swift heat designate placement tempest watcher trove
freezer mistral solum storlets skyline venus adjutant requirements rally congress airship`.split(/\s+/);

/**
 * Other ways texts name a project (regex sources, matched as written, whole words, not part of a
 * hyphenated name: "OSC-Placement" is not OSC): the OpenStack
 * client, Kata Containers, and teams whose name is no single word (the OpenInfra Foundation, the
 * First Contact SIG). "OpenInfra" names the foundation, not its events ("the OpenInfra PTG",
 * "OpenInfra Summit") nor its web site (openinfra.dev).
 */
export const PROJECT_ALIASES: Record<string, string[]> = {
  'python-openstackclient': ['OpenStack ?[Cc]lient', 'OSC', 'openstackclient'],
  'kata-containers': ['Kata(?: [Cc]ontainers)?'],
  openinfra: [
    'OpenInfra(?: Foundation)?(?![ -](?:v?PTG|Summit|Days?|Live|Forum|Project Teams|Open Source Summit)\\b|\\.\\w)',
    'Open ?Infrastructure Foundation',
  ],
  'first-contact-sig': ['First[ -]Contact(?: SIG)?'],
};

/** Short names only trusted when they name a team ("the QA team", "QA PTG"), in any case. */
export const TEAM_ONLY_PROJECTS = ['qa', 'i18n'];

/** Never people: projects plus the technology names that appear as sentence subjects. */
export const PROJECT_WORDS = new Set([
  ...DISTINCT_PROJECTS,
  ...COMMON_PROJECTS,
  ...`libvirt qemu kvm ovn ovs openvswitch ceph rabbitmq mysql mariadb uwsgi eventlet python zuul gerrit
  grenade nodepool kubernetes openshift vexxhost bloomberg redhat canonical intel amd arm nvidia fujitsu
  sdk osc openstackclient client clients cloud opendev openinfra openstack kata`.split(/\s+/),
]);

export interface Series {
  name: string;
  release?: string;
}

/**
 * Release dates (coordinated release, YYYY-MM-DD; the last ones as scheduled), oldest first, as
 * the official series_status.yaml gives them: a PTG summary dated D plans the first series
 * released more than a week after D ("Thu Mar 8 2018" → rocky; see cycle-dates.ts).
 */
export const RELEASED: Record<string, string> = {
  austin: '2010-10-21',
  bexar: '2011-02-03',
  cactus: '2011-04-15',
  diablo: '2011-09-22',
  essex: '2012-04-05',
  folsom: '2012-09-27',
  grizzly: '2013-04-04',
  havana: '2013-10-17',
  icehouse: '2014-04-17',
  juno: '2014-10-16',
  kilo: '2015-04-30',
  liberty: '2015-10-15',
  mitaka: '2016-04-07',
  newton: '2016-10-06',
  ocata: '2017-02-22',
  pike: '2017-08-30',
  queens: '2018-02-28',
  rocky: '2018-08-30',
  stein: '2019-04-10',
  train: '2019-10-16',
  ussuri: '2020-05-13',
  victoria: '2020-10-14',
  wallaby: '2021-04-14',
  xena: '2021-10-06',
  yoga: '2022-03-30',
  zed: '2022-10-05',
  antelope: '2023-03-22',
  bobcat: '2023-10-04',
  caracal: '2024-04-03',
  dalmatian: '2024-10-02',
  epoxy: '2025-04-02',
  flamingo: '2025-10-01',
  gazpacho: '2026-04-01',
  hibiscus: '2026-09-30',
  indri: '2027-03-24',
};

/** OpenStack series, oldest first (the index orders them); YYYY.N release numbers since 2023. */
export const SERIES: Series[] = [
  ...`austin bexar cactus diablo essex folsom grizzly havana icehouse juno kilo liberty mitaka newton
  ocata pike queens rocky stein train ussuri victoria wallaby xena yoga zed`
    .split(/\s+/)
    .map((name) => ({ name })),
  { name: 'antelope', release: '2023.1' },
  { name: 'bobcat', release: '2023.2' },
  { name: 'caracal', release: '2024.1' },
  { name: 'dalmatian', release: '2024.2' },
  { name: 'epoxy', release: '2025.1' },
  { name: 'flamingo', release: '2025.2' },
  { name: 'gazpacho', release: '2026.1' },
  { name: 'hibiscus', release: '2026.2' },
  { name: 'indri', release: '2027.1' },
];
