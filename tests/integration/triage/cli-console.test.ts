// The real CLI (bin/cyclebot.js in a child process) against the fake Launchpad, and a round
// through the console transport (the chat `npx cyclebot` opens).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { validateConfig } from '../../../src/config.ts';
import { createRootLogger } from '../../../src/log.ts';
import { runConsoleChat } from '../../../src/main.ts';
import { ROOT, tempHome } from '../../helpers/cli.ts';
import { FakeLaunchpad } from '../../helpers/fake-launchpad.ts';
import { makeApp, tempDb } from './harness.ts';

const fake = new FakeLaunchpad();
beforeAll(() => fake.start());
afterAll(() => fake.stop());

/** The CLI without blocking this process (the fake server lives here). */
function cli(args: string[], home = tempHome()): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/cyclebot.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, CYCLEBOT_HOME: home, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('cyclebot triage (CLI)', () => {
  it('lists as JSON and refuses an unknown project in one line', async () => {
    // The fake is plain http on loopback: only a config that allows it may use it.
    const home = tempHome();
    const conf = path.join(home, 'allow-http.yaml');
    fs.writeFileSync(conf, 'launchpad:\n  allowHttp: true\n');
    const [json, noProject, refused] = await Promise.all([
      // One database each: three processes filling one fresh database at once wait on each other's write lock.
      cli(
        [
          '-c',
          conf,
          '--db',
          path.join(home, 'a.db'),
          'triage',
          'list',
          '--launchpad-url',
          fake.url,
          '--project',
          'nova',
          '--order',
          'most-voted',
          '--limit',
          '3',
          '--json',
        ],
        home,
      ),
      cli(['-c', conf, '--db', path.join(home, 'b.db'), 'triage', 'list', '--launchpad-url', fake.url, '--project', 'nope', '--json'], home),
      cli(['triage', 'list', '--launchpad-url', fake.url, '--project', 'nova']),
    ]);
    expect([refused.status, refused.stderr.trim()]).toEqual([
      1,
      `cyclebot: refusing the Launchpad API at ${fake.url}: only https is allowed (launchpad.allowHttp is for local test servers)`,
    ]);
    expect(json.status).toBe(0);
    const out = JSON.parse(json.stdout);
    expect(Object.keys(out)).toEqual(['project', 'total', 'bugs']);
    expect(out).toEqual({
      project: 'nova',
      total: 9,
      bugs: [
        {
          id: 2050000,
          title: 'nova-compute leaks file descriptors on long-running hosts',
          url: 'https://bugs.launchpad.net/nova/+bug/2050000',
          status: 'New',
          importance: 'Undecided',
          created: '2024-01-15T12:00:00.000000+00:00',
          heat: 50,
          users_affected: 12,
        },
        {
          id: 2104000,
          title: 'Resize to same host ignores flavor extra specs',
          url: 'https://bugs.launchpad.net/nova/+bug/2104000',
          status: 'New',
          importance: 'Undecided',
          created: '2025-05-20T14:00:00.000000+00:00',
          heat: 30,
          users_affected: 7,
        },
        {
          id: 2105896,
          title: 'Security group name conflict when booting with two groups of the same name',
          url: 'https://bugs.launchpad.net/nova/+bug/2105896',
          status: 'New',
          importance: 'Undecided',
          created: '2025-06-05T09:12:33.123456+00:00',
          heat: 12,
          users_affected: 3,
        },
      ],
    });
    expect(noProject.status).toBe(1);
    expect(noProject.stderr).toBe('cyclebot: Launchpad has no project nope (404), or it is private\n');
  });

  it('reports a recorded round as Markdown (untrusted text escaped) and records the backlog for cron', async () => {
    const db = tempDb();
    const h = makeApp({ url: fake.url, dbPath: db });
    h.meetingStarts('nova');
    await h.say('!triage start 3');
    await h.say('!triage confirm low');
    await h.say('!triage incomplete needs *logs* | [x](http://evil)');
    await h.say('!triage defer');
    await h.say('!triage end');
    h.close();
    const home = tempHome();
    const conf = path.join(home, 'c.yaml');
    fs.writeFileSync(conf, `launchpad:\n  url: ${fake.url}\n  allowHttp: true\n  timeoutSeconds: 2\n`);
    const [report, snapshot] = await Promise.all([
      cli(['triage', 'report', '--db', db, '--format', 'markdown', '--since', '2025-06-01']),
      cli(['triage', 'snapshot', '-c', conf], home),
    ]);
    expect(report.status).toBe(0);
    expect(report.stdout).toBe(
      [
        '## nova bug triage, 2025-06-10 (nova meeting)',
        '',
        'Untriaged (status New): 9 at the start, 2 half-triaged. Reviewed 2 of 3, newest first, started by gibi.',
        'Outcomes: 1 Confirmed, 1 Incomplete.',
        '',
        '| Bug | Title | Outcome | Decided by |',
        '|---|---|---|---|',
        '| [2106001](https://bugs.launchpad.net/nova/+bug/2106001) | Crash on boot #endmeeting when #topic is set | Confirmed, importance Low | gibi |',
        '| [2105950](https://bugs.launchpad.net/nova/+bug/2105950) | libvirt: live migration fails with vTPM enabled | Incomplete (needs *logs* \\| [x](http://evil)) | gibi |',
        '',
        'Carried to the next round (1):',
        '- [2105896](https://bugs.launchpad.net/nova/+bug/2105896) Security group name conflict when booting with two groups of the same name',
        '',
        'Launchpad: 2 not written (dry-run: apply them on Launchpad by hand).',
        '',
        'Backlog (newest first): 9 (10 Jun 2025).',
        '1 round reported.',
        '',
      ].join('\n'),
    );
    expect(snapshot.stdout).toBe('recorded: 9 untriaged nova bugs (status New)\n');
  }, 60_000);
});

describe('a round through the console transport', () => {
  it('runs start, decisions and end as the local operator (an admin)', async () => {
    const config = validateConfig({ launchpad: { url: fake.url, allowHttp: true, retries: 0 } }, 'test', {});
    const app = createApp({ dbPath: ':memory:', config, log: createRootLogger({ level: 'silent', format: 'json' }) });
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.setEncoding('utf8').on('data', (d: string) => (text += d));
    const done = runConsoleChat(app, input, output, false);
    input.end('!triage start 2 oldest\n!triage wontfix too old to reproduce\n!triage skip\n!triage end\n');
    await done;
    const lines = text.trim().split('\n');
    expect(lines[0]).toMatch(
      /^Bug triage, nova: 9 untriaged \(status New\), no earlier round to compare with; oldest \d+y old; 2 half-triaged \(Confirmed, Undecided\)\. This round: 2 bugs, oldest first\.$/,
    );
    expect(lines[1]).toMatch(
      /^Bug 1990000 \[Undecided,New\] "Very old untriaged report" \(\d+y old, 1 affected, heat 1, no comments\) https:\/\/bugs\.launchpad\.net\/nova\/\+bug\/1990000 — 1 of 2: /,
    );
    expect(lines).toContain("Bug 1990000: Won't Fix (too old to reproduce) — recorded for you");
    expect(lines).toContain('Bug 2050000: skipped — recorded for you');
    expect(lines.at(-1)).toBe(
      "Triage round ended: 1 bug reviewed — 1 Won't Fix; 0 deferred, 1 skipped, 0 not reached (0 carried to the next round). Launchpad: 9 untriaged nova bugs when the round started (writes are dry-run: this round changed nothing there); 8 once its outcomes are applied.",
    );
    expect(lines.filter((l) => l.startsWith('#'))).toEqual([]);
  });
});
