// Tests talk only to loopback servers. A connection to any other host, from the test itself or
// from a bot process it spawned, fails like an unreachable network and fails the test that made
// it (tests/helpers/net-guard.mjs), so a default URL (Launchpad, opendev.org) never leaves the
// machine unnoticed, even from a timer that swallows the error.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach } from 'vitest';
import { attempts, isLoopback } from './helpers/net-guard.mjs';

const guard = pathToFileURL(path.join(import.meta.dirname, 'helpers/net-guard.mjs')).href;
const log = path.join(os.tmpdir(), `cyclebot-net-guard-${process.pid}.log`);
process.env.TEST_NET_GUARD_LOG = log;
if (!(process.env.NODE_OPTIONS ?? '').includes(guard)) process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --import=${guard}`.trim();

// fetch names the URL (the socket guard only sees host and port).
const realFetch = globalThis.fetch;
globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (!isLoopback(url.hostname)) {
    attempts.push(url.origin);
    throw new Error(`test tried to reach ${url.origin}: tests may only use loopback addresses`);
  }
  return realFetch(input, init);
}) as typeof fetch;

/** Everything tried outside loopback since the last check, here and in spawned processes. */
function reached(): string[] {
  const here = attempts.splice(0);
  let spawned: string[] = [];
  try {
    // This process logs its own attempts too; they are in `attempts` already.
    spawned = fs
      .readFileSync(log, 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith(`${process.pid} `));
    fs.rmSync(log, { force: true });
  } catch {
    // no spawned process tried
  }
  return [...here, ...spawned.map((l) => `${l.split(' ')[1]} (from spawned process ${l.split(' ')[0]})`)];
}

const check = () => {
  const tried = reached();
  if (tried.length) throw new Error(`this test tried to connect outside loopback: ${[...new Set(tried)].join(', ')}; tests may only use 127.0.0.1 or ::1`);
};
afterEach(check);
afterAll(check);
