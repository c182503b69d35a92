// Word lists the parser needs: OpenStack projects (for detection, and so "Nova will" is not a
// person), other technology names, and the release series.

/** Project names rarely used as ordinary English words: matched in any case ("the nova team"). */
export const DISTINCT_PROJECTS = `nova neutron cinder keystone octavia barbican castellan manila kolla kolla-ansible
openstack-ansible masakari cyborg zun zaqar aodh ceilometer gnocchi cloudkitty senlin tacker vitrage
monasca kuryr magnum sahara murano karbor blazar devstack tripleo openstacksdk python-openstackclient
os-vif os-brick os-traits os-resource-classes osc-placement oslo`.split(/\s+/);

/** Project names that are also English words: only matched capitalised ("Ironic", not "ironic"). */
export const COMMON_PROJECTS = `glance ironic horizon swift heat designate placement tempest watcher trove
freezer mistral solum storlets skyline venus adjutant requirements`.split(/\s+/);

/** Never people: projects plus the technology names that appear as sentence subjects. */
export const PROJECT_WORDS = new Set([
  ...DISTINCT_PROJECTS,
  ...COMMON_PROJECTS,
  ...`libvirt qemu kvm ovn ovs openvswitch ceph rabbitmq mysql mariadb uwsgi eventlet python zuul gerrit
  grenade nodepool kubernetes openshift vexxhost bloomberg redhat canonical intel amd arm nvidia fujitsu
  sdk osc openstackclient client clients cloud opendev openinfra openstack`.split(/\s+/),
]);

export interface Series {
  name: string;
  release?: string;
}

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
