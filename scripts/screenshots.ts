// npm run screenshots: the README's pictures of the web site (docs/web/*.png), taken in headless
// Chromium (the browser tests' puppeteer-core code) from the bundled data plus the tests' sample
// triage history, on a fixed date so that running it again changes nothing that did not change.
// The test run's own screenshots go to test-artifacts/web/ and are not committed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../src/app.ts';
import { validateConfig } from '../src/config.ts';
import { createRootLogger } from '../src/log.ts';
import { seedIfEmpty } from '../src/ptg/bundled.ts';
import { siteDeps } from '../src/web/start.ts';
import { createWebServer, listen } from '../src/web/server.ts';
import { WEB_DEFAULTS } from '../src/web/config.ts';
import { chromiumPath, launchChromium, MULTI_TEAMS, SITE_PAGES } from '../tests/helpers/chromium.ts';
import { recordHistory } from '../tests/helpers/triage-history.ts';

const OUT = fileURLToPath(new URL('../docs/web/', import.meta.url));
/** A day inside the bundled Gazpacho cycle, after the sample triage history. */
const TODAY = new Date('2026-02-10T12:00:00Z');
/** The pages the README shows: wide, and two at phone width / in dark mode. */
const WIDE = ['search-typo', 'topic', 'document', 'person', 'schedule', 'triage'];
const MAX_BYTES = 100 * 1024;

const chromium = chromiumPath();
if (!chromium) {
  console.error('screenshots: no Chromium (apt-get install chromium)');
  process.exit(1);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cyclebot-shots-'));
const log = createRootLogger({ level: 'silent', format: 'json' });
const app = createApp({ dbPath: path.join(dir, 'shots.db'), config: validateConfig({}), log, clock: () => TODAY });
seedIfEmpty(app.repo);
recordHistory(app.db);
const server = await createWebServer({ ...siteDeps(app, log, WEB_DEFAULTS.rateLimitPerMinute), clock: () => TODAY });
const url = await listen(server, '127.0.0.1', 0);
// The team list of a bot serving many teams (README "Teams").
const teamsApp = createApp({ dbPath: path.join(dir, 'teams.db'), config: validateConfig({ teams: MULTI_TEAMS }), log, clock: () => TODAY });
const teamsServer = await createWebServer({ ...siteDeps(teamsApp, log, WEB_DEFAULTS.rateLimitPerMinute), clock: () => TODAY });
const teamsUrl = await listen(teamsServer, '127.0.0.1', 0);
const browser = await launchChromium(chromium);
fs.mkdirSync(OUT, { recursive: true });
const shots: { name: string; path: string; width: number; height?: number; dark?: boolean; site?: string }[] = [
  // The outline is a long list of links: its first dozen say what it is (and keep it under 100 kB).
  ...WIDE.map((name) => ({ name, path: SITE_PAGES.find(([n]) => n === name)![1], width: 900, height: name === 'document' ? 460 : 640 })),
  { name: 'search-typo-375', path: '/ptg?q=evenlet', width: 375 },
  { name: 'triage-dark', path: '/triage', width: 900, height: 640, dark: true },
  { name: 'teams', path: '/teams', width: 900, height: 420, site: teamsUrl },
];
let failed = false;
try {
  for (const s of shots) {
    const page = await browser.newPage();
    await page.setViewport({ width: s.width, height: s.height ?? 740, deviceScaleFactor: 1 });
    if (s.dark) await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    const res = await page.goto(new URL(s.path, s.site ?? url).href, { waitUntil: 'load' });
    if (!res || res.status() >= 400) throw new Error(`${s.path}: ${res?.status()}`);
    const file = path.join(OUT, `${s.name}.png`);
    // The first screen only: what a reader sees on opening the page, and small enough to commit.
    await page.screenshot({ path: file, type: 'png' });
    const bytes = fs.statSync(file).size;
    console.log(`${path.relative(process.cwd(), file)}  ${s.path}  ${s.width} px${s.dark ? ', dark' : ''}  ${(bytes / 1024).toFixed(0)} kB`);
    if (bytes > MAX_BYTES) ((failed = true), console.error(`screenshots: ${s.name}.png is over ${MAX_BYTES / 1024} kB`));
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
  await teamsServer.close();
  app.close();
  teamsApp.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
