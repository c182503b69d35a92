import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, tempHome } from '../helpers/cli.ts';

const FLAMINGO = path.join(ROOT, 'data/ptg/nova-2025.2-flamingo.txt');

describe('cyclebot CLI', () => {
  it('answers !ptg in the console chat on the bundled data and exits at end of input', () => {
    const r = cli([], { input: '!ptg eventlet\n!help\n' });
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^\[nova 2025\.2 flamingo\] Eventlet removal — /);
    expect(lines[0]).toContain('https://gibizer.github.io/posts/Eventlet-Removal-Flamingo-PTG/');
    expect(r.stdout).toMatch(/commands: !ptg, !help, !status, !whoami/);
  });

  it('ask --json returns the Eventlet removal topic first for a typo, in the documented shape', () => {
    const r = cli(['ask', 'evenlet', '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['query', 'hits']);
    expect(out.query).toBe('evenlet');
    expect(Object.keys(out.hits[0])).toEqual(['document', 'project', 'cycle', 'topic', 'score', 'decisions', 'owners', 'links']);
    expect(out.hits[0]).toMatchObject({ document: 'nova-2025.2-flamingo', project: 'nova', cycle: 'flamingo', topic: 'Eventlet removal' });
    expect(out.hits[0].links[0]).toEqual({ url: 'https://gibizer.github.io/posts/Eventlet-Removal-Flamingo-PTG/', kind: 'blog' });
  });

  it('ask --json gives an empty hit list when nothing is relevant', () => {
    const r = cli(['ask', 'kubernetes helm charts for the sandwich shop', '--json']);
    expect(JSON.parse(r.stdout)).toEqual({ query: 'kubernetes helm charts for the sandwich shop', hits: [] });
  });

  it('imports into an explicit database, replaces the same id, and searches it', () => {
    const db = path.join(tempHome(), 'x.db');
    const first = cli(['import', FLAMINGO, '--db', db]);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^imported nova-2025\.2-flamingo: nova 2025\.2 flamingo, etherpad \(#### headings ####\), 38 topics, \d+ decisions/);
    expect(cli(['import', FLAMINGO, '--db', db, '--id', 'again', '--project', 'nova', '--cycle', 'flamingo']).status).toBe(0);
    expect(cli(['import', FLAMINGO, '--db', db]).status).toBe(0);
    const hits = JSON.parse(cli(['ask', 'SRBAC', '--json', '--db', db, '--limit', '10']).stdout).hits;
    expect(hits.map((h: { document: string }) => h.document).sort()).toEqual(['again', 'nova-2025.2-flamingo']);
  });

  it('prints which rule split a summary without markup headings, and stores it', () => {
    const db = path.join(tempHome(), 'x.db');
    const mail = path.join(ROOT, 'tests/fixtures/ptg/shapes/pipermail-bare-lines.txt');
    const r = cli(['import', mail, '--db', db]);
    expect(r.stdout.trim()).toBe('imported pipermail-bare-lines: nova stein, plain mail (bare topic lines), 3 topics, 2 decisions');
  });

  it.each([
    ['missing file', (dir: string) => path.join(dir, 'nope.txt'), /^cyclebot: cannot read .*nope\.txt: no such file$/],
    ['empty file', (dir: string) => write(dir, 'empty.txt', ''), /^cyclebot: .*empty/],
    ['binary file', (dir: string) => write(dir, 'bin.txt', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0])), /^cyclebot: .*binary/],
    [
      'mail with only headers and a signature',
      (dir: string) => write(dir, 'quoted.txt', 'From: a@b.org\nSubject: [nova] PTG\n\n-- \nsig\n'),
      /^cyclebot: no summary text in quoted\.txt/,
    ],
  ])('refuses a %s with one line and leaves the database unchanged', (_name, make, message) => {
    const home = tempHome();
    const db = path.join(home, 'keep.db');
    expect(cli(['import', FLAMINGO, '--db', db]).status).toBe(0);
    const before = cli(['ask', 'eventlet', '--json', '--db', db]).stdout;
    const r = cli(['import', make(home), '--db', db, '--id', 'nova-2025.2-flamingo']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
    expect(cli(['ask', 'eventlet', '--json', '--db', db]).stdout).toBe(before);
  });

  it('handles hostile queries and unknown verbs with clear messages', () => {
    for (const q of ['"', 'AND OR NEAR(', 'x'.repeat(10_000)]) {
      const r = cli(['ask', q, '--json']);
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout).hits).toBeInstanceOf(Array);
    }
    const chat = cli([], { input: `!ptg ${'x'.repeat(10_000)}\n!frobnicate\n!ptg "AND OR NEAR(\n` });
    expect(chat.stdout).toMatch(/that message is too long \(over 8192 characters; !ptg takes at most 500\)/);
    expect(chat.stdout).toMatch(/unknown command !frobnicate/);
    expect(chat.stdout).toMatch(/nothing found for/);
    const verb = cli(['frobnicate']);
    expect(verb.status).not.toBe(0);
  });

  it('prints its version and help', () => {
    expect(cli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(cli(['--help']).stdout).toMatch(/import .*ask/s);
  });
});

function write(dir: string, name: string, data: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
}
