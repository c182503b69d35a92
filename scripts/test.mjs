#!/usr/bin/env node
// The test command: runs vitest once with its JSON reporter and prints the plain
// "N passed, N failed, N skipped" line CI reads, keeping vitest's exit code.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The IRC integration tests run real servers from Debian packages: install them when missing
// (as root, as on CI and a fresh machine). Without them those tests are reported as skipped.
const SERVERS = [
  ['ngircd', ['/usr/sbin/ngircd']],
  ['inspircd', ['/usr/sbin/inspircd']],
  ['atheme-services', ['/usr/bin/atheme-services', '/usr/sbin/atheme-services']],
];
const missing = SERVERS.filter(([, bins]) => !bins.some((b) => fs.existsSync(b))).map(([pkg]) => pkg);
if (missing.length && process.getuid?.() === 0) {
  console.log(`test: installing ${missing.join(', ')} for the IRC integration tests`);
  const apt = (args) => spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=120', ...args], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  if (!apt(['install', '-y', '--no-install-recommends', ...missing])) {
    apt(['update']);
    if (!apt(['install', '-y', '--no-install-recommends', ...missing])) console.log(`test: could not install ${missing.join(', ')}; those tests will be skipped`);
  }
} else if (missing.length) {
  console.log(`test: ${missing.join(', ')} missing and not root; the IRC integration tests that need them will be skipped`);
}

const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cyclebot-test-')), 'vitest.json');
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...process.argv.slice(2)];
const run = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, NO_COLOR: '1', TZ: 'UTC' } });

let report;
try {
  report = JSON.parse(fs.readFileSync(out, 'utf8'));
} catch {
  console.log('0 passed, 1 failed');
  console.error('test: vitest wrote no JSON report');
  process.exit(run.status || 1);
}
const passed = report.numPassedTests ?? 0;
// A file that failed to load has no failed assertions of its own: count it as one failure.
const brokenFiles = (report.testResults ?? []).filter(
  (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
).length;
const failed = (report.numFailedTests ?? 0) + brokenFiles;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(run.status ?? 1);
