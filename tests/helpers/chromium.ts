// The system Chromium (Debian package `chromium`, installed by scripts/test.mjs) for the browser
// tests and `npm run screenshots`, driven by puppeteer-core.
import fs from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function chromiumPath(): string | null {
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

/** Headless, as root in a container (no sandbox), without a GPU or a large /dev/shm. */
export function launchChromium(executablePath: string): Promise<Browser> {
  return puppeteer.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}

/** Every page of the site on the bundled data (with the sample triage history), by screenshot name. */
export const SITE_PAGES: [string, string][] = [
  ['search', '/ptg'],
  ['search-typo', '/ptg?q=evenlet'],
  ['topic', '/ptg/nova-2025.2-flamingo/16-eventlet-removal'],
  ['document', '/ptg/nova-2025.2-flamingo'],
  ['person', '/people/Gibi'],
  ['not-found', '/ptg?q=zzyzx'],
  ['schedule', '/schedule/nova'],
  ['triage', '/triage'],
];

/** The teams of the multi-team pages (the browser test, the screenshots): OpenDev's layout, a shared meeting channel. */
export const MULTI_TEAMS = [
  { name: 'nova', channels: ['irc:#openstack-nova', 'irc:#openstack-meeting', 'matrix:!nova:opendev.org'] },
  { name: 'manila', channels: ['irc:#openstack-manila', 'irc:#openstack-meeting'] },
  { name: 'neutron', channels: ['irc:#openstack-neutron', 'irc:#openstack-meeting-alt'], projects: ['neutron', 'networking-ovn'] },
];
