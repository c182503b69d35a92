// A loopback openstack/releases tree: serves files at their tree paths with ETags (304 to a
// matching If-None-Match), counts requests, and can be told to fail. Also runs the CLI
// asynchronously, so this process keeps serving while the child asks.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ROOT, type CliRun } from './cli.ts';

export const SCHEDULES = path.join(ROOT, 'data/schedules');

export class FakeReleases {
  /** Tree path (e.g. "doc/source/indri/schedule.yaml") → text. */
  readonly files = new Map<string, string>();
  readonly log: { path: string; status: number; conditional: boolean; userAgent: string | undefined }[] = [];
  failWith: number | null = null;
  private server?: http.Server;
  base = '';

  /** The bundled files of data/schedules in the tree layout. */
  static fromBundle(): FakeReleases {
    const f = new FakeReleases();
    f.files.set('data/series_status.yaml', fs.readFileSync(path.join(SCHEDULES, 'series_status.yaml'), 'utf8'));
    for (const name of fs.readdirSync(SCHEDULES)) {
      const m = /^([a-z]+)-schedule\.(yaml|rst)$/.exec(name);
      if (m) f.files.set(`doc/source/${m[1]}/schedule.${m[2]}`, fs.readFileSync(path.join(SCHEDULES, name), 'utf8'));
    }
    return f;
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const p = decodeURIComponent((req.url ?? '/').split('?')[0]).replace(/^\/releases\//, '');
      const conditional = Boolean(req.headers['if-none-match']);
      const answer = (status: number, headers: http.OutgoingHttpHeaders = {}, body = '') => {
        this.log.push({ path: p, status, conditional, userAgent: req.headers['user-agent'] });
        res.writeHead(status, headers).end(body);
      };
      if (this.failWith) return answer(this.failWith, { 'content-type': 'text/plain' }, 'Internal Server Error');
      const text = this.files.get(p);
      if (text === undefined) return answer(404, { 'content-type': 'text/plain' }, 'Not found.');
      const etag = `"${crypto.createHash('sha1').update(text).digest('hex')}"`;
      if (req.headers['if-none-match'] === etag) return answer(304, { etag });
      answer(200, { 'content-type': 'text/plain; charset=utf-8', etag }, text);
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/releases`;
    return this.base;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }
}

/**
 * Juniper (2027.2) served in the tree: Indri 52 weeks later, with a Nova spec freeze in the week
 * starting `freezeWeek`, dated `freezeDay` in the rst prose (null: no spec freeze at all).
 */
export function serveJuniper(tree: FakeReleases, freeze: { week: string; day: string } | null): void {
  const shift = (d: string) => {
    const t = new Date(`${d}T00:00:00Z`);
    t.setUTCDate(t.getUTCDate() + 364);
    return t.toISOString().slice(0, 10);
  };
  const plus4 = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 4 * 86_400_000).toISOString().slice(0, 10);
  let yaml = tree.files
    .get('doc/source/indri/schedule.yaml')!
    .replace(/'(\d{4}-\d{2}-\d{2})'/g, (_m, d: string) => `'${shift(d)}'`)
    .replace(/\bi-/g, 'j-')
    .replace(/\bh-final\b/g, 'i-final');
  let rst = tree.files
    .get('doc/source/indri/schedule.rst')!
    .replace(/2027\.1/g, '2027.2')
    .replace(/\b(2026|2027)\b/g, (y) => String(Number(y) + 1))
    .replace(/Indri/g, 'Juniper')
    .replace(/\bi-/g, 'j-')
    // "Juniper" is longer than "Indri": each section underline grows with its title, as rst wants.
    .replace(/^(.+)\n([=^~-])\2{2,}$/gm, (_m, title: string, c: string) => `${title}\n${c.repeat(title.length)}`);
  if (freeze) {
    const week = `  - start: '${freeze.week}'\n    end: '${plus4(freeze.week)}'\n`;
    if (!yaml.includes(week)) throw new Error(`no week ${freeze.week} in the Juniper schedule`);
    yaml = yaml.replace(week, (m) => `${m}    project-specific:\n      - j-nova-spec-freeze\n`);
    rst += `\nNova\n----\n\n.. _j-nova-spec-freeze:\n\nNova Spec Freeze\n^^^^^^^^^^^^^^^^\n\nAll Nova specs and specless blueprints for features to be implemented in\n2027.2 Juniper must be approved by ${freeze.day} (23:59 UTC).\n`;
  }
  tree.files.set('doc/source/juniper/schedule.yaml', yaml);
  tree.files.set('doc/source/juniper/schedule.rst', rst);
  const status = tree.files.get('data/series_status.yaml')!;
  if (!status.includes('name: juniper'))
    tree.files.set('data/series_status.yaml', status.replace('---\n', '---\n- name: juniper\n  release-id: 2027.2\n  status: future\n'));
}

export function cliAsync(args: string[], home: string): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/cyclebot.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, CYCLEBOT_HOME: home, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
