// The web site in a real browser (headless Chromium through puppeteer-core) on the bundled data:
// pages load without console errors, search and permalinks work, Tab reaches every link, nothing
// scrolls sideways at 375 px; with many teams, the team list leads to each team's pages.
// Screenshots land in test-artifacts/web/ (not committed).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app.ts';
import { validateConfig } from '../../../src/config.ts';
import { createRootLogger } from '../../../src/log.ts';
import { seedIfEmpty } from '../../../src/ptg/bundled.ts';
import { startSite, type RunningSite } from '../../../src/web/start.ts';
import { chromiumPath, launchChromium, MULTI_TEAMS, SITE_PAGES } from '../../helpers/chromium.ts';
import { ROOT } from '../../helpers/cli.ts';
import { BACKLOG, recordHistory } from '../../helpers/triage-history.ts';

const CHROMIUM = chromiumPath();
const SHOTS = path.join(ROOT, 'test-artifacts', 'web');

let app: App;
let site: RunningSite;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  if (!CHROMIUM) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cyclebot-web-'));
  const log = createRootLogger({ level: 'silent', format: 'json' });
  app = createApp({ dbPath: path.join(dir, 'web.db'), config: validateConfig({}), log });
  seedIfEmpty(app.repo);
  recordHistory(app.db);
  site = await startSite(app, undefined, log, { host: '127.0.0.1', port: 0 });
  browser = await launchChromium(CHROMIUM);
  fs.mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  app?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Opens a page, failing on any console error, failed request or page error. */
async function open(url: string, width = 1024): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 800 });
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('requestfailed', (r) => errors.push(`failed ${r.url()}`));
  const res = await page.goto(new URL(url, site.url).href, { waitUntil: 'load' });
  expect(res?.status(), url).toBeLessThan(400);
  return { page, errors };
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

/** Presses Tab until focus comes back around; returns the hrefs focused on the way. */
async function tabThrough(page: Page): Promise<{ reached: Set<string>; links: string[] }> {
  const links = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
  const reached = new Set<string>();
  for (let i = 0; i < links.length + 10; i++) {
    await page.keyboard.press('Tab');
    const h = await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.href ?? '');
    if (h) reached.add(h);
  }
  return { reached, links };
}

describe.skipIf(!CHROMIUM)('web site in Chromium', () => {
  for (const [name, url] of SITE_PAGES) {
    it(`${name} (${url}) loads with no console error, Tab reaches every link, fits 375 px`, async () => {
      const { page, errors } = await open(url);
      await shot(page, name);
      const { reached, links } = await tabThrough(page);
      expect(links.length).toBeGreaterThan(3);
      expect(links.filter((l) => !reached.has(l))).toEqual([]);
      await page.setViewport({ width: 375, height: 800 });
      await shot(page, `${name}-375`);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(wide).toBeLessThanOrEqual(375);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  /** Types a query into the search box, submits with Enter, returns the first hit. */
  async function search(page: Page, query: string) {
    await page.type('#q', query);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    return page.$eval('article.hit h2 a', (a) => ({ text: a.textContent, href: (a as HTMLAnchorElement).href }));
  }

  it('a typo search finds its topic, and the permalink shows its decisions', async () => {
    const { page, errors } = await open('/ptg');
    expect((await search(page, 'evenlet')).text).toBe('Eventlet removal');
    await page.goto(new URL('/ptg', site.url).href);
    const first = await search(page, 'confidental computng');
    expect(first.text).toBe('Confidential Computing Feature Planning');
    await Promise.all([page.waitForNavigation(), page.click('article.hit h2 a')]);
    expect(page.url()).toBe(first.href);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Confidential Computing Feature Planning');
    const decisions = await page.$$eval('ul.decisions li', (lis) => lis.map((li) => li.textContent ?? ''));
    expect(decisions).toContain('Tkajinam will write a new spec for SEV-SNP.');
    await shot(page, 'topic-decisions');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the schedule page shows the next deadline with its countdown', async () => {
    const { page, errors } = await open('/schedule');
    expect(page.url()).toMatch(/\/schedule\/nova$/);
    const next = await page.$$eval('ul.next li', (lis) => lis.map((li) => li.textContent ?? ''));
    expect(next.length).toBeGreaterThan(0);
    expect(next[0]).toMatch(/: \d{4}-\d{2}-\d{2}.*, (today|tomorrow|in \d+ days)$/);
    expect(await page.$eval('tr.today', (tr) => tr.textContent)).toContain('today');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the triage chart draws one visible point per recorded count', async () => {
    const { page, errors } = await open('/triage');
    const points = await page.$$eval('svg.chart circle.point', (cs) =>
      cs.map((c) => {
        const r = c.getBoundingClientRect();
        return { v: Number(c.getAttribute('data-value')), box: { x: r.x, y: r.y, width: r.width } };
      }),
    );
    expect(points.map((p) => p.v)).toEqual(BACKLOG);
    for (const p of points) expect(p.box.width).toBeGreaterThan(0);
    // Oldest left, newest right; the highest count is drawn highest.
    expect(points[0].box.x).toBeLessThan(points.at(-1)!.box.x);
    const highest = points.reduce((a, b) => (b.v > a.v ? b : a));
    expect(Math.min(...points.map((p) => p.box.y))).toBe(highest.box.y);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("with many teams, /teams loads clean, fits 375 px, and leads to a team's schedule", async () => {
    const teams = validateConfig({ teams: MULTI_TEAMS });
    const multi = createApp({ dbPath: path.join(dir, 'teams.db'), config: teams, log: createRootLogger({ level: 'silent', format: 'json' }) });
    const other = await startSite(multi, undefined, createRootLogger({ level: 'silent', format: 'json' }), { host: '127.0.0.1', port: 0 });
    try {
      const { page, errors } = await open(new URL('/teams', other.url).href);
      const rows = await page.$$eval('table.teams tbody th a', (as) => as.map((a) => a.textContent));
      expect(rows).toEqual(['nova', 'manila', 'neutron']);
      const { reached, links } = await tabThrough(page);
      expect(links.filter((l) => !reached.has(l))).toEqual([]);
      await page.setViewport({ width: 375, height: 800 });
      await shot(page, 'teams-375');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await page.setViewport({ width: 1024, height: 800 });
      await Promise.all([page.waitForNavigation(), page.click('a[href="/teams/manila/schedule"]')]);
      expect(await page.$eval('h1', (h) => h.textContent)).toMatch(/^manila .* schedule$/);
      expect(await page.$$eval('nav a', (as) => as.map((a) => a.getAttribute('href')))).toEqual([
        '/teams',
        '/teams/manila/ptg',
        '/teams/manila/schedule',
        '/teams/manila/triage',
      ]);
      await shot(page, 'teams-manila-schedule');
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      // The browser still holds sockets to it: closing does not wait out their keep-alive.
      const closing = Date.now();
      await other.close();
      expect(Date.now() - closing).toBeLessThan(5_000);
      multi.close();
    }
  });

  it('the stylesheet applies (dark mode too) and no request leaves the site', async () => {
    const { page } = await open('/ptg?q=eventlet');
    const hosts = new Set<string>();
    page.on('request', (r) => hosts.add(new URL(r.url()).host));
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await page.reload({ waitUntil: 'load' });
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(21, 23, 26)');
    await shot(page, 'search-dark');
    expect([...hosts]).toEqual([new URL(site.url).host]);
    await page.close();
  });
});
