// The test guard itself (tests/helpers/net-guard.mjs): a connection outside loopback, here or from
// a spawned bot process, fails at once and is recorded, so tests/setup.ts fails the test; loopback
// is untouched.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { attempts } from '../helpers/net-guard.mjs';

const failure = (socket: net.Socket) => new Promise<NodeJS.ErrnoException>((resolve) => socket.once('error', resolve));

describe('the loopback guard of the tests', () => {
  it('refuses a socket to another host before any DNS or packet, and records it', async () => {
    const err = await failure(net.connect(443, 'opendev.org'));
    expect(err.code).toBe('EHOSTUNREACH');
    const err2 = await failure(net.connect({ host: '192.0.2.1', port: 80 }));
    expect(err2.message).toMatch(/192\.0\.2\.1:80: tests may only connect to loopback/);
    // Taken back, or this test's own afterEach would fail it: that is the point of the record.
    expect(attempts.splice(0)).toEqual(['opendev.org:443', '192.0.2.1:80']);
  });

  it('refuses fetch and http.request to another host', async () => {
    await expect(fetch('https://opendev.org/openstack/releases')).rejects.toThrow(/loopback/);
    const req = http.get('http://203.0.113.9:8080/');
    await new Promise((resolve) => req.once('error', resolve));
    expect(attempts.splice(0)).toEqual(['https://opendev.org', '203.0.113.9:8080']);
  });

  it('lets loopback through', async () => {
    const server = net.createServer((s) => s.end('hi')).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as AddressInfo;
    const text = await new Promise<string>((resolve, reject) => {
      const s = net.connect(port, '127.0.0.1');
      let got = '';
      s.on('data', (d) => (got += d))
        .on('end', () => resolve(got))
        .on('error', reject);
    });
    server.close();
    expect(text).toBe('hi');
    expect(attempts).toEqual([]);
  });

  it('a spawned Node process is guarded too and says what it tried', () => {
    const log = process.env.TEST_NET_GUARD_LOG!;
    const r = spawnSync(
      process.execPath,
      ['-e', "fetch('https://opendev.org/').then(() => console.log('reached'), (e) => console.log(e.cause?.code ?? e.message))"],
      {
        encoding: 'utf8',
      },
    );
    expect(r.stdout.trim()).toBe('EHOSTUNREACH');
    const lines = fs.readFileSync(log, 'utf8').trim().split('\n');
    fs.rmSync(log);
    expect(lines).toEqual([`${r.pid} opendev.org:443`]);
  });
});
