// The web search page under load: autocannon, 100 concurrent clients on loopback, against
// `cyclebot web` (the bundle, its own process) and, as the baseline in the same run, a bare
// node:http server in its own process sending a page of the same size. Each server is a child
// process: autocannon (here) never shares its event loop. Besides autocannon's latencies, the
// server's own CPU time per request (from /proc): on 2 cores shared with the load generator, and
// with anything else running, latency moves with the machine; CPU per request much less.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// autocannon ships no types; the few fields read here are declared below.
// @ts-expect-error -- untyped CommonJS package
import autocannon from 'autocannon';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PATH = '/ptg?q=evenlet';

interface Result {
  latency: { p50: number; p99: number; average: number };
  requests: { average: number };
  non2xx: number;
  errors: number;
}

function load(url: string, seconds: number): Promise<Result> {
  return (autocannon as (o: object) => Promise<Result>)({ url, connections: 100, duration: seconds, pipelining: 1 });
}

/** CPU seconds (user + system) a process has used, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in USER_HZ ticks
}

/** Loads `url` and measures the server's CPU time per request meanwhile. */
async function measure(url: string, pid: number, seconds: number): Promise<Result & { cpuUsPerRequest: number }> {
  const before = cpuSeconds(pid);
  const r = await load(url, seconds);
  const cpu = cpuSeconds(pid) - before;
  return { ...r, cpuUsPerRequest: Math.round((cpu * 1e6) / Math.max(1, r.requests.average * seconds)) };
}

/** Starts a child that prints a line with its URL; resolves with the URL. */
function start(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/[\d.:]+\/)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before serving`)));
  });
}

const BASELINE = `
const http = require('node:http');
const body = Buffer.from(process.env.BODY);
const server = http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(body); });
server.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port + '/'));
`;

export async function benchWeb(seconds = 8): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cyclebot-bench-web-'));
  const config = path.join(dir, 'cyclebot.yaml');
  // The per-address limit would refuse the benchmark's single address: lifted for the measurement.
  fs.writeFileSync(config, 'web: {rateLimitPerMinute: 1000000}\n');
  const site = await start([path.join(ROOT, 'bin/cyclebot.js'), 'web', '--port', '0', '-c', config, '--db', path.join(dir, 'bench.db')]);
  try {
    const page = await (await fetch(new URL(PATH, site.url))).text();
    if (!page.includes('Eventlet removal')) throw new Error('the search page did not find Eventlet removal');
    await load(new URL(PATH, site.url).href, 2); // warm-up: JIT and the search index
    const web = await measure(new URL(PATH, site.url).href, site.child.pid!, seconds);
    const base = await start(['-e', BASELINE], { BODY: page });
    try {
      await load(base.url, 2);
      const bare = await measure(base.url, base.child.pid!, seconds);
      return {
        clients: 100,
        path: PATH,
        pageBytes: Buffer.byteLength(page),
        p50Ms: web.latency.p50,
        p99Ms: web.latency.p99,
        requestsPerSecond: Math.round(web.requests.average),
        serverCpuUsPerRequest: web.cpuUsPerRequest,
        errors: web.errors + web.non2xx,
        baseline: { what: 'bare node:http, same page', p50Ms: bare.latency.p50, p99Ms: bare.latency.p99, requestsPerSecond: Math.round(bare.requests.average), serverCpuUsPerRequest: bare.cpuUsPerRequest },
        goal: 'p50 < 5 ms',
        met: web.latency.p50 < 5 && web.errors + web.non2xx === 0,
      };
    } finally {
      base.child.kill();
    }
  } finally {
    site.child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
