// A throwaway ngIRCd on a free loopback port for integration tests. Installs the Debian package
// when missing (the test command must work on a fresh machine); if that fails, callers skip with
// `ngircdUnavailable` as the reason.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const CANDIDATES = ['/usr/sbin/ngircd', '/usr/bin/ngircd', '/usr/local/sbin/ngircd'];
/** RFC 7919 ffdhe2048 (openssl genpkey -genparam -algorithm DH -pkeyopt group:ffdhe2048). */
const DH_PARAMS = path.resolve(import.meta.dirname, '../fixtures/tls/ffdhe2048.pem');

function findBinary(): string | null {
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

/** Runs apt-get; waits for the dpkg lock (two test workers may install at once). */
function aptGet(args: string[]): boolean {
  const r = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=120', ...args], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return r.status === 0;
}

/** Finds (or installs with apt-get) a Debian package's binary; returns it or why not. */
export function ensureDebianBinary(find: () => string | null, packages: string[]): { bin: string } | { reason: string } {
  const found = find();
  if (found) return { bin: found };
  if (process.getuid?.() !== 0) return { reason: `${packages.join(', ')} not installed and not running as root to apt-get install them` };
  if (!aptGet(['install', '-y', '--no-install-recommends', ...packages])) {
    aptGet(['update']);
    aptGet(['install', '-y', '--no-install-recommends', ...packages]);
  }
  const bin = find();
  return bin ? { bin } : { reason: `could not install ${packages.join(', ')} with apt-get` };
}

const found = ensureDebianBinary(findBinary, ['ngircd']);
export const ngircdBinary: string | null = 'bin' in found ? found.bin : null;
export const ngircdUnavailable: string | null = 'reason' in found ? found.reason : null;

/** A free TCP port on 127.0.0.1 (bind port 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts TCP connections on the port. */
export async function waitForPort(port: number, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port }, () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listening on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface NgircdOptions {
  /** Keep ngIRCd's flood penalties (default false: MaxPenaltyTime = 0 for fast tests). */
  penalties?: boolean;
  /** TLS listener with this certificate and key (PEM paths readable by `nobody`). */
  tls?: { cert: string; key: string };
  /** Server password every client must send with PASS. */
  password?: string;
}

export class Ngircd {
  port = 0;
  tlsPort = 0;
  private child: ChildProcess | null = null;
  private exited: Promise<void> | null = null;
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cyclebot-ngircd-'));
  /** ngIRCd's log (stderr), for diagnosing a failing test. */
  log = '';

  constructor(private readonly opts: NgircdOptions = {}) {}

  async start(): Promise<this> {
    if (!ngircdBinary) throw new Error(ngircdUnavailable ?? 'ngircd unavailable');
    if (!this.port) this.port = await freePort();
    if (this.opts.tls && !this.tlsPort) this.tlsPort = await freePort();
    const conf = path.join(this.dir, 'ngircd.conf');
    fs.chmodSync(this.dir, 0o755); // ngIRCd drops to nobody before reading TLS keys
    fs.writeFileSync(conf, this.config(), { mode: 0o644 });
    const child = spawn(ngircdBinary, ['-n', '-f', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
    for (const s of [child.stdout!, child.stderr!]) s.setEncoding('utf8').on('data', (d: string) => (this.log += d));
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    try {
      // Ready when the port accepts (polled every 10 ms, so a quick start stays quick); the long
      // limit is for a busy 2-core machine, where start-up alone has taken more than 5 s.
      await waitForPort(this.port, 30_000);
      if (this.tlsPort) await waitForPort(this.tlsPort, 30_000);
    } catch (err) {
      await this.stop();
      throw new Error(`ngircd did not start: ${(err as Error).message}\n${this.log.slice(-2000)}`, { cause: err });
    }
    return this;
  }

  /** SIGTERM and wait for the process to exit (PID 1 here does not reap orphans). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await this.exited;
  }

  /** Stop and start again on the same port(s). */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  private config(): string {
    const root = process.getuid?.() === 0;
    const lines = [
      '[Global]',
      '\tName = irc.test.local',
      '\tInfo = cyclebot test ircd',
      '\tAdminInfo1 = test',
      '\tAdminInfo2 = test',
      '\tAdminEMail = test@localhost',
      '\tListen = 127.0.0.1',
      `\tPorts = ${this.port}`,
      '\tMotdPhrase = test',
      ...(this.opts.password ? [`\tPassword = ${this.opts.password}`] : []),
      ...(root ? ['\tServerUID = 65534', '\tServerGID = 65534'] : []),
      '[Limits]',
      '\tPingTimeout = 120',
      '\tPongTimeout = 20',
      '\tMaxConnectionsIP = 0',
      '\tMaxJoins = 0',
      '\tMaxNickLength = 30',
      ...(this.opts.penalties ? [] : ['\tMaxPenaltyTime = 0']),
      '[Options]',
      '\tDNS = no',
      '\tIdent = no',
      '\tPAM = no',
      '\tOperCanUseMode = yes',
      '[Operator]',
      '\tName = admin',
      '\tPassword = adminpass',
    ];
    if (this.opts.tls) {
      // Without DHFile ngIRCd generates 2048-bit DH parameters at every start (seconds of CPU):
      // give it RFC 7919's ffdhe2048 group, copied where `nobody` can read it.
      const dh = path.join(this.dir, 'dhparams.pem');
      fs.copyFileSync(DH_PARAMS, dh);
      fs.chmodSync(dh, 0o644);
      lines.push('[SSL]', `\tCertFile = ${this.opts.tls.cert}`, `\tKeyFile = ${this.opts.tls.key}`, `\tDHFile = ${dh}`, `\tPorts = ${this.tlsPort}`);
    }
    return lines.join('\n') + '\n';
  }
}

/** A self-signed certificate for 127.0.0.1 in a directory `nobody` can read; null without openssl. */
export function selfSignedCert(): { cert: string; key: string } | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cyclebot-cert-'));
  fs.chmodSync(dir, 0o755);
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1'], {
    encoding: 'utf8',
  });
  if (r.status !== 0) return null;
  fs.chmodSync(key, 0o644);
  return { cert, key };
}
