// Bad settings and a broken disk at first start, through the real CLI: one line on stderr, exit
// status 1, never a stack trace. Timer settings are bounded (Node's timers overflow at 24.8 days
// and then fire every millisecond); a full disk is a small tmpfs (root only; skipped otherwise).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempHome } from '../helpers/cli.ts';

function withConfig(yaml: string): { conf: string; home: string } {
  const home = tempHome();
  const conf = path.join(home, 'cyclebot.yaml');
  fs.writeFileSync(conf, yaml);
  return { conf, home };
}

function oneLine(r: { status: number | null; stderr: string }): string {
  expect(r.status).toBe(1);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  return r.stderr.trim();
}

describe('configuration bounds and broken storage at first start', () => {
  it.each([
    ['healthMinutes: 40000', 'healthMinutes: must be at most 1440 min (1 day)'],
    ['irc: {host: x, channels: ["#a"], rejoinDelaySeconds: 3000000}', 'irc.rejoinDelaySeconds: must be at most 3600 s (1 h)'],
    ['irc: {host: x, channels: ["#a"], reconnectMaxDelaySeconds: 2500000}', 'irc.reconnectMaxDelaySeconds: must be at most 3600 s (1 h)'],
    ['irc: {host: x, channels: ["#a"], flood: {perSecond: 0.000001}}', 'irc.flood.perSecond: must be at least 1/60 (one line a minute)'],
    ['rateLimit: {refillSeconds: 99999999}', 'rateLimit.refillSeconds: must be at most 3600 s (1 h)'],
    ['launchpad: {cacheSeconds: 9999999999}', 'launchpad.cacheSeconds: must be at most 604800 s (7 days)'],
    ['schedule: {events: [{name: x, date: "2026-13-01"}]}', 'schedule.events.0.date: is not a calendar date'],
  ])('%s → one line', (yaml, problem) => {
    const { conf, home } = withConfig(yaml + '\n');
    expect(oneLine(cli(['-c', conf, 'chat'], { home }))).toBe(`cyclebot: ${conf}: ${problem}`);
  });

  it('refuses a database directory it cannot create', () => {
    expect(oneLine(cli(['--db', '/proc/cyclebot/bot.db', 'chat']))).toMatch(/^cyclebot: cannot use database directory \/proc\/cyclebot: E[A-Z]+$/);
  });

  // 600k: the schema fits (its migrations write ~320k of WAL), the bundled data does not;
  // 100k: the disk is full before the migrations are done.
  describe.each([
    ['while the first start seeds the database', '600k'],
    ['while the schema is created', '100k'],
  ])('a disk that fills up %s', (_when, size) => {
    const mnt = fs.mkdtempSync(path.join(os.tmpdir(), 'cyclebot-full-'));
    let mounted = false;
    beforeAll(() => {
      mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mnt]).status === 0;
    });
    afterAll(() => {
      if (mounted) spawnSync('umount', [mnt]);
    });

    it('says so in one line', (ctx) => {
      if (!mounted) ctx.skip();
      const r = cli(['--db', path.join(mnt, 'bot.db'), 'chat'], { input: '!ptg eventlet\n' });
      expect(oneLine(r)).toBe(
        'cyclebot: the database cannot be written: database or disk is full (SQLITE_FULL); free some space or point --db / "database" elsewhere',
      );
    });
  });
});
