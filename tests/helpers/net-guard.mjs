// Tests reach only loopback: every TCP connect (http, https, fetch, WebSocket, raw sockets) to
// another host fails as an unreachable network and is recorded. Loaded by tests/setup.ts in each
// test worker, and through NODE_OPTIONS (--import) in every Node process a test spawns (the bot
// under test), which append what they tried to the file named by TEST_NET_GUARD_LOG (not a
// CYCLEBOT_ name: tests that clear the bot's variables would drop it).
import fs from 'node:fs';
import net from 'node:net';

/** Hosts a test may connect to: IPv4 loopback, IPv6 loopback (also IPv4-mapped) and localhost. */
const LOOPBACK = /^(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|\[::1\]|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost)$/i;

/** What this process tried to reach, in order ("host:port"). */
export const attempts = [];

export const isLoopback = (host) => LOOPBACK.test(String(host));

/** The host and port of any form Socket#connect takes (options, [options, cb] as net.connect passes, port + host, or a path). */
function target(args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (first !== null && typeof first === 'object') return first.path ? null : { host: first.host ?? 'localhost', port: first.port };
  if (typeof first === 'string' && !/^\d+$/.test(first)) return null; // a Unix socket path
  return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: first };
}

const realConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  const t = target(args);
  if (t === null || isLoopback(t.host)) return realConnect.apply(this, args);
  const where = `${t.host}:${t.port}`;
  attempts.push(where);
  const log = process.env.TEST_NET_GUARD_LOG;
  if (log) {
    try {
      fs.appendFileSync(log, `${process.pid} ${where}\n`);
    } catch {
      // the test run is over; the attempt still fails below
    }
  }
  const err = Object.assign(new Error(`connect EHOSTUNREACH ${where}: tests may only connect to loopback addresses`), { code: 'EHOSTUNREACH' });
  process.nextTick(() => this.destroy(err));
  return this;
};
