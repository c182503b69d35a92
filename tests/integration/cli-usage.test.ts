// The command line as a newcomer meets it: usage errors exit 2 with one line, an unknown verb is
// named as such, `chat` is the console whatever the config says, piped questions are answered in
// order without log noise, and every first command seeds the bundled summary.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, tempHome } from '../helpers/cli.ts';

describe('cyclebot usage errors', () => {
  it.each([
    [['ask', 'x', '--limit', 'abc'], /--limit <n>.* 'abc' is invalid/],
    [['schedule', 'plan', '--from', 'garbage', '--to', '2025-10-15'], /--from: "garbage" is not an ISO date/],
    [['schedule', 'add', 'notadate', 'foo'], /"notadate" is not a date YYYY-MM-DD/],
    [['triage', 'list', '--limit', '0'], /--limit <n>.* '0' is invalid/],
    [['triage', 'snapshot', '--launchpad-url', 'ftp:/x'], /--launchpad-url: expected an http\(s\) origin/],
    [['triage', 'report', '--since', 'yesterday'], /--since: not a date/],
  ])('%j exits 2 with the reason', (args, message) => {
    const r = cli(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('names an unknown verb and lists the verbs', () => {
    const r = cli(['frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("cyclebot: unknown command 'frobnicate' (commands: chat, run, import, ask, triage, schedule, web; cyclebot --help)\n");
  });

  it('schedule import says a mistyped file does not exist before asking for --cycle', () => {
    const r = cli(['schedule', 'import', '/nonexistent/shedule.yaml']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('cyclebot: cannot read schedule /nonexistent/shedule.yaml: no such file\n');
  });

  it('triage snapshot takes --launchpad-url (and --project) like triage list', () => {
    expect(cli(['triage', 'snapshot', '--help']).stdout).toMatch(/--launchpad-url <base>[\s\S]*--project <name>/);
  });
});

describe('cyclebot chat', () => {
  it('is the console even when the config has an irc section: nothing connects', async () => {
    let connections = 0;
    const server = net.createServer((s) => {
      connections++;
      s.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const home = tempHome();
    const cfg = path.join(home, 'cfg.yaml');
    fs.writeFileSync(cfg, `irc: {host: 127.0.0.1, port: ${port}, tls: false, channels: ["#nova"]}\n`);
    // spawnSync would block this process's server: a child with callbacks instead.
    const out = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(ROOT, 'bin/cyclebot.js'), 'chat', '-c', cfg], { env: { ...process.env, CYCLEBOT_HOME: home } });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.on('close', (status) => resolve({ status, stdout }));
      child.stdin.end('!ptg eventlet\n');
    });
    server.close();
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^\[nova 2025\.2 flamingo\] Eventlet removal/);
    expect(connections).toBe(0);
  });

  it('answers piped questions in question order, with no log lines unless --verbose', () => {
    const input = '!triage confirm\n!ptg eventlet\n!frobnicate\n!ptg who writes the sev-snp spec\n!schedule add x\n';
    const r = cli([], { input });
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    const order = ['o triage round is running', 'Eventlet removal', 'unknown command !frobnicate', 'Confidential Computing', 'usage: !schedule add'].map((w) =>
      lines.findIndex((l) => l.includes(w)),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(r.stderr).toBe('');
    const loud = cli(['--verbose'], { input });
    expect(loud.stderr).toMatch(/INFO.*imported bundled summary/);
    expect(loud.stderr).toMatch(/WARN.*command refused/);
  });

  it('with prefix "." in its config file, answers .commands and names every command with "."', () => {
    const home = tempHome();
    const config = path.join(home, 'cyclebot.yaml');
    fs.writeFileSync(config, 'prefix: "."\n');
    const r = cli(['chat', '-c', config], {
      home,
      input: '.help\n.triage status\n.ptg\n.ptg eventlet\n.help triage\n.schedule add 2099-01-15 Prefix test day\n',
    });
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^commands: \.ptg, \.help(, \.[a-z]+)+ — \.help <command> for details$/);
    expect(lines).toContain('no triage round is running here. A chair starts one with .triage start [N] [newest|most-voted|oldest]');
    expect(lines).toContain('usage: .ptg <words or question>, e.g. .ptg eventlet — or .ptg more, .ptg topics');
    expect(lines.some((l) => l.startsWith('[nova 2025.2 flamingo] Eventlet removal — '))).toBe(true);
    expect(lines).toContain('e.g. .triage status · .triage stats · .triage start 10 newest · .triage confirm high');
    expect(lines.some((l) => l.startsWith('added Prefix test day '))).toBe(true);
    expect(lines.filter((l) => /!(ptg|help|status|whoami|triage|schedule)\b/.test(l))).toEqual([]);
  });
});

describe('seeding a fresh database', () => {
  it('gets the bundled Nova summary whichever command opens it first', () => {
    const home = tempHome();
    const doc = path.join(home, 'neutron.md');
    fs.writeFileSync(doc, '# Neutron 2025.2 Flamingo PTG\n\n## OVN migration\n\nAgreed: move the gate to OVN.\n');
    const db = path.join(home, 'x.db');
    expect(cli(['import', doc, '--db', db, '--project', 'neutron', '--cycle', 'flamingo']).status).toBe(0);
    const hits = JSON.parse(cli(['ask', 'eventlet', '--json', '--db', db]).stdout).hits;
    expect(hits[0]).toMatchObject({ document: 'nova-2025.2-flamingo', topic: 'Eventlet removal' });
    const triageFirst = path.join(home, 'y.db');
    expect(cli(['triage', 'report', '--db', triageFirst]).status).toBe(0);
    expect(JSON.parse(cli(['ask', 'eventlet', '--json', '--db', triageFirst]).stdout).hits[0]).toMatchObject({ document: 'nova-2025.2-flamingo' });
  });
});
