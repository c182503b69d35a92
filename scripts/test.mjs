#!/usr/bin/env node
// The test command: runs the check tiers and prints the one "N passed, N failed, N skipped" line CI
// reads, summed over the test tiers; exits non-zero when any tier or check failed.
//   node scripts/test.mjs [--checks] [unit] [integration] [vitest filters and options…]
// --checks runs `npm run typecheck` and `npm run lint` first. With no tier named, both run; with
// file filters given, vitest runs once on those filters instead (and no checks).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const TIERS = { unit: 'tests/unit', integration: 'tests/integration' };
const argv = process.argv.slice(2);
const named = argv.filter((a) => a in TIERS);
const rest = argv.filter((a) => a !== '--checks' && !(a in TIERS));
const filters = rest.filter((a) => !a.startsWith('-'));
const checks = argv.includes('--checks') && !filters.length;
const tiers = filters.length ? [['tests', filters]] : (named.length ? named : Object.keys(TIERS)).map((t) => [t, [TIERS[t]]]);

// The IRC integration tests run real servers, the web tests a real browser, from Debian packages:
// install them when missing (as root, as on CI and a fresh machine). Without them those tests
// are reported as skipped.
function ensureServers() {
  const SERVERS = [
    ['ngircd', ['/usr/sbin/ngircd']],
    ['inspircd', ['/usr/sbin/inspircd']],
    ['atheme-services', ['/usr/bin/atheme-services', '/usr/sbin/atheme-services']],
    // The web site's browser tests (tests/integration/web) drive the system Chromium.
    ['chromium', ['/usr/bin/chromium']],
  ];
  const missing = SERVERS.filter(([, bins]) => !bins.some((b) => fs.existsSync(b))).map(([pkg]) => pkg);
  if (missing.length && process.getuid?.() === 0) {
    console.log(`test: installing ${missing.join(', ')} for the IRC integration tests`);
    const apt = (args) =>
      spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=120', ...args], {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      }).status === 0;
    if (!apt(['install', '-y', '--no-install-recommends', ...missing])) {
      apt(['update']);
      if (!apt(['install', '-y', '--no-install-recommends', ...missing]))
        console.log(`test: could not install ${missing.join(', ')}; those tests will be skipped`);
    }
  } else if (missing.length) {
    console.log(`test: ${missing.join(', ')} missing and not root; the IRC integration tests that need them will be skipped`);
  }
}

/** Runs vitest on `targets`; returns its real counts, a file that failed to load counting as one failure. */
function vitest(targets) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cyclebot-test-')), 'vitest.json');
  const options = rest.filter((a) => a.startsWith('-'));
  const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...options, ...targets];
  const run = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, NO_COLOR: '1', TZ: 'UTC' } });
  let report;
  try {
    report = JSON.parse(fs.readFileSync(out, 'utf8'));
  } catch {
    console.error('test: vitest wrote no JSON report');
    return { passed: 0, failed: 1, skipped: 0, ok: false };
  }
  const brokenFiles = (report.testResults ?? []).filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed')).length;
  const failed = (report.numFailedTests ?? 0) + brokenFiles;
  return {
    passed: report.numPassedTests ?? 0,
    failed: failed || (run.status === 0 ? 0 : 1),
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    ok: run.status === 0,
  };
}

const problems = [];
if (checks) {
  for (const script of ['typecheck', 'lint']) {
    const started = Date.now();
    const ok = spawnSync('npm', ['run', '-s', script], { stdio: 'inherit' }).status === 0;
    console.log(`test: ${script} ${ok ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`);
    if (!ok) problems.push(script);
  }
}
if (tiers.some(([name, targets]) => name === 'integration' || targets.some((t) => t.includes('integration') || t === 'tests'))) ensureServers();

const total = { passed: 0, failed: 0, skipped: 0 };
for (const [name, targets] of tiers) {
  const started = Date.now();
  const r = vitest(targets);
  console.log(`test: ${name} tier ${r.passed} passed / ${r.failed} failed / ${r.skipped} skipped in ${Math.round((Date.now() - started) / 1000)} s`);
  for (const k of ['passed', 'failed', 'skipped']) total[k] += r[k];
  if (!r.ok) problems.push(`${name} tests`);
}
if (problems.length) console.log(`test: FAILED: ${problems.join(', ')}`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(problems.length ? 1 : 0);
