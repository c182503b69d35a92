// `cyclebot schedule sync` against a loopback openstack/releases tree (the bundled files, plus a
// new series derived from Indri): a series added, a date moved, nothing changed (304s), a server failing.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempHome } from '../../helpers/cli.ts';
import { cliAsync, FakeReleases } from '../../helpers/fake-releases.ts';
import { addDaysIso } from '../../../src/schedule/time.ts';

const tree = FakeReleases.fromBundle();
const home = tempHome();
const db = path.join(home, 'sync.db');
const sync = () => cliAsync(['--db', db, 'schedule', 'sync', '--releases-url', tree.base], home);

/** Juniper (2027.2): Indri 52 weeks later, with a Nova spec freeze in the week of 2028-01-03. */
function juniper(freezeWeek: string, freezeDay: string): { yaml: string; rst: string } {
  const indriYaml = tree.files.get('doc/source/indri/schedule.yaml')!;
  const indriRst = tree.files.get('doc/source/indri/schedule.rst')!;
  const yaml = indriYaml
    .replace(/'(\d{4}-\d{2}-\d{2})'/g, (_m, d: string) => `'${addDaysIso(d, 364)}'`)
    .replace(/\bi-/g, 'j-')
    .replace(/\bh-final\b/g, 'i-final')
    .replace(`  - start: '${freezeWeek}'\n    end: '${addDaysIso(freezeWeek, 4)}'\n`, (m) => `${m}    project-specific:\n      - j-nova-spec-freeze\n`);
  expect(yaml).toContain('j-nova-spec-freeze');
  const rst =
    indriRst
      .replace(/2027\.1/g, '2027.2')
      .replace(/\b(2026|2027)\b/g, (y) => String(Number(y) + 1))
      .replace(/Indri/g, 'Juniper')
      .replace(/\bi-/g, 'j-')
      // "Juniper" is longer than "Indri": each section underline grows with its title, as rst wants.
      .replace(/^(.+)\n([=^~-])\2{2,}$/gm, (_m, title: string, c: string) => `${title}\n${c.repeat(title.length)}`) +
    `\nNova\n----\n\n.. _j-nova-spec-freeze:\n\nNova Spec Freeze\n^^^^^^^^^^^^^^^^\n\nAll Nova specs and specless blueprints for features to be implemented in\n2027.2 Juniper must be approved by ${freezeDay} (23:59 UTC).\n`;
  return { yaml, rst };
}

function serveJuniper(freezeWeek: string, freezeDay: string): void {
  const j = juniper(freezeWeek, freezeDay);
  tree.files.set('doc/source/juniper/schedule.yaml', j.yaml);
  tree.files.set('doc/source/juniper/schedule.rst', j.rst);
}

beforeAll(async () => {
  await tree.start();
  const status = tree.files.get('data/series_status.yaml')!;
  tree.files.set('data/series_status.yaml', status.replace('---\n', '---\n- name: juniper\n  release-id: 2027.2\n  status: future\n'));
  serveJuniper('2028-01-03', '6 January 2028');
});
afterAll(async () => {
  await tree.stop();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('cyclebot schedule sync', () => {
  it('adds a new series from the tree and names what was added', async () => {
    const r = await sync();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toContain('Nova Spec Freeze for juniper added: Thu 2028-01-06 23:59 UTC');
    expect(lines.some((l) => /^Juniper-2 milestone for juniper added: /.test(l))).toBe(true);
    // Hibiscus and Indri are served as bundled: nothing about them.
    expect(lines.filter((l) => /for (indri|hibiscus)\b/.test(l))).toEqual([]);
    expect(tree.log.every((l) => l.userAgent?.startsWith('cyclebot/'))).toBe(true);
    expect(tree.log.map((l) => l.path).sort()).toEqual(
      [
        'data/series_status.yaml',
        'doc/source/hibiscus/schedule.rst',
        'doc/source/hibiscus/schedule.yaml',
        'doc/source/indri/schedule.rst',
        'doc/source/indri/schedule.yaml',
        'doc/source/juniper/schedule.rst',
        'doc/source/juniper/schedule.yaml',
      ].sort(),
    );
    const list = await cliAsync(['--db', db, 'schedule', 'list', '--cycle', 'juniper'], home);
    expect(list.stdout).toMatch(/2028-01-06 23:59 .*Nova Spec Freeze/);
  }, 60_000);

  it('says a date moved, old → new', async () => {
    serveJuniper('2028-01-10', '13 January 2028');
    tree.log.length = 0;
    const r = await sync();
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(['Nova Spec Freeze for juniper moved: Thu 2028-01-06 23:59 UTC → Thu 2028-01-13 23:59 UTC']);
    // The unchanged files were asked for conditionally and answered 304.
    expect(
      tree.log
        .filter((l) => l.status === 304)
        .map((l) => l.path)
        .sort(),
    ).toEqual([
      'data/series_status.yaml',
      'doc/source/hibiscus/schedule.rst',
      'doc/source/hibiscus/schedule.yaml',
      'doc/source/indri/schedule.rst',
      'doc/source/indri/schedule.yaml',
    ]);
  }, 60_000);

  it('says nothing changed when every file answers 304', async () => {
    tree.log.length = 0;
    const r = await sync();
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('nothing changed (juniper, indri, hibiscus; 7 of 7 files not modified)');
    expect(tree.log.every((l) => l.conditional && l.status === 304)).toBe(true);
  }, 60_000);

  it('a failing server: one line, exit 1, nothing lost', async () => {
    tree.failWith = 500;
    const r = await sync();
    tree.failWith = null;
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /^cyclebot: schedule sync failed, nothing changed: 127\.0\.0\.1:\d+ is unavailable \(500\) for \/releases\/data\/series_status\.yaml\n$/,
    );
    const list = await cliAsync(['--db', db, 'schedule', 'list', '--cycle', 'juniper'], home);
    expect(list.stdout).toMatch(/2028-01-13 23:59 .*Nova Spec Freeze/);
    // and the next sync still knows its validators
    const again = await sync();
    expect(again.stdout).toMatch(/^nothing changed/);
  }, 60_000);
});
