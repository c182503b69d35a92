// Many teams and their PTG summaries, for the real-scale test and `npm run bench`: the teams are
// OpenStack's own, each summary a real one from data/ptg renamed to its team and cycle, with a
// few words varied per summary, so every team's answer to the same question is its own.
import fs from 'node:fs';
import path from 'node:path';
import { BUNDLED_DIR } from '../../src/ptg/bundled.ts';

/** OpenStack project teams (more than the 60 the benchmark serves). */
export const OPENSTACK_TEAMS = (
  'nova neutron cinder manila glance keystone swift ironic heat horizon octavia designate barbican ' +
  'magnum trove zun kolla kuryr masakari mistral aodh ceilometer cloudkitty blazar cyborg freezer ' +
  'watcher tacker venus vitrage zaqar skyline adjutant sahara solum senlin murano monasca storlets ' +
  'placement oslo qa release requirements infra docs i18n charms puppet tripleo openstacksdk ' +
  'osc ansible helm loci rally tempest devstack election security'
).split(' ');

/**
 * The real summaries renamed from: the file, the project and cycle it names. Four in five are the
 * Flamingo etherpad (38 topics), the rest each of the other shapes: about 33 topics a summary.
 */
const NOVA = { file: 'nova-2025.2-flamingo.txt', project: 'nova', cycle: 'flamingo' };
const OTHERS = [
  { file: 'neutron-wallaby.md', project: 'neutron', cycle: 'wallaby' },
  { file: 'ironic-train.html', project: 'ironic', cycle: 'train' },
  { file: 'ironic-queens.rst', project: 'ironic', cycle: 'queens' },
  { file: 'eventlet-removal-2025.2-flamingo.html', project: 'nova', cycle: 'flamingo' },
];
const SOURCES = OTHERS.flatMap((other) => [NOVA, NOVA, other, NOVA, NOVA]);

export const CYCLES = ['zed', 'antelope', 'bobcat', 'caracal', 'dalmatian', 'epoxy', 'flamingo', 'gazpacho', 'hibiscus', 'indri'];

/** Words a summary may say differently (one pair in three per summary is swapped). */
const VARIANTS: [RegExp, string][] = [
  [/\bagreed\b/g, 'decided'],
  [/\bdiscussed\b/g, 'talked about'],
  [/\bpatches\b/g, 'changes'],
  [/\bproposal\b/g, 'plan'],
  [/\bcontributors\b/g, 'developers'],
  [/\bweekly\b/g, 'every week'],
];

export interface TeamSummary {
  team: string;
  cycle: string;
  id: string;
  filename: string;
  text: string;
}

const texts = new Map<string, string>();
const sourceText = (file: string) => texts.get(file) ?? (texts.set(file, fs.readFileSync(path.join(BUNDLED_DIR, file), 'utf8')), texts.get(file)!);

const capital = (s: string) => s[0].toUpperCase() + s.slice(1);

/** `perTeam` summaries for each team, each of a different cycle (then repeating with a suffix). */
export function teamSummaries(teams: readonly string[], perTeam: number): TeamSummary[] {
  const out: TeamSummary[] = [];
  teams.forEach((team, t) => {
    for (let k = 0; k < perTeam; k++) {
      const n = t * perTeam + k;
      const src = SOURCES[n % SOURCES.length];
      const cycle = CYCLES[k % CYCLES.length];
      const Team = capital(team);
      const from = new RegExp(`\\b${src.project}\\b`, 'g');
      const From = new RegExp(`\\b${capital(src.project)}\\b`, 'g');
      const fromCycle = new RegExp(`\\b${src.cycle}\\b`, 'gi');
      let text = sourceText(src.file).replace(From, Team).replace(from, team).replace(fromCycle, cycle);
      VARIANTS.forEach(([re, word], i) => {
        if ((n + i) % 3 === 0) text = text.replace(re, word);
      });
      const ext = path.extname(src.file);
      const round = Math.floor(k / CYCLES.length);
      const id = `${team}-${cycle}${round ? `-${round}` : ''}`;
      out.push({ team, cycle, id, filename: `${id}${ext}`, text });
    }
  });
  return out;
}

export interface TeamEntry {
  name: string;
  channels: string[];
  chairs: string[];
}

/** A `teams:` list: each team in #openstack-<team> and #<team>-dev, all in one shared channel. */
export function teamsConfig(teams: readonly string[], shared = '#openstack-meeting'): TeamEntry[] {
  return teams.map((name) => ({ name, channels: [`irc:#openstack-${name}`, `irc:#${name}-dev`, `irc:${shared}`], chairs: [`irc:${name}-ptl`] }));
}
