// InspIRCd 3 + Atheme 7 on loopback for real SASL PLAIN, account-tag and extended-join tests.
// Both run as the Debian `irc` user (they refuse or misbehave as root); configs follow
// /work/shared/reference/full/libraries.md §3. Installs the packages when missing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDebianBinary, freePort, waitForPort } from './ngircd.ts';

const which = (names: string[]) => () => names.find((p) => fs.existsSync(p)) ?? null;
const ircd = ensureDebianBinary(which(['/usr/sbin/inspircd']), ['inspircd']);
const services = 'bin' in ircd ? ensureDebianBinary(which(['/usr/bin/atheme-services', '/usr/sbin/atheme-services']), ['atheme-services']) : ircd;

function ircUser(): { uid: number; gid: number } | null {
  const uid = spawnSync('id', ['-u', 'irc'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'irc'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}
const user = ircUser();

export const saslUnavailable: string | null =
  'reason' in ircd
    ? ircd.reason
    : 'reason' in services
      ? services.reason
      : !user
        ? 'no "irc" system user to run InspIRCd/Atheme as'
        : process.getuid?.() !== 0
          ? 'must run as root to start the daemons as the irc user'
          : null;

const MODULES = [
  'cap',
  'ircv3',
  'ircv3_servertime',
  'ircv3_echomessage',
  'ircv3_msgid',
  'ircv3_ctctags',
  'ircv3_accounttag',
  'ircv3_batch',
  'ircv3_labeledresponse',
  'namesx',
  'services_account',
  'sasl',
  'spanningtree',
  'hidechans',
];

export class InspircdAtheme {
  port = 0;
  private linkPort = 0;
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cyclebot-sasl-'));
  private readonly children: { child: ChildProcess; exited: Promise<void> }[] = [];

  async start(): Promise<this> {
    if (saslUnavailable) throw new Error(saslUnavailable);
    this.port = await freePort();
    this.linkPort = await freePort();
    const data = path.join(this.dir, 'data');
    fs.mkdirSync(data);
    fs.chmodSync(this.dir, 0o755);
    fs.chmodSync(data, 0o777);
    fs.writeFileSync(path.join(this.dir, 'inspircd.conf'), this.inspircdConf(data), { mode: 0o644 });
    fs.writeFileSync(path.join(this.dir, 'atheme.conf'), this.athemeConf(), { mode: 0o644 });
    this.run((ircd as { bin: string }).bin, ['--nofork', `--config=${path.join(this.dir, 'inspircd.conf')}`]);
    await waitForPort(this.port);
    await waitForPort(this.linkPort);
    const bin = (services as { bin: string }).bin;
    const log = path.join(data, 'atheme.log');
    this.run(bin, ['-n', '-c', path.join(this.dir, 'atheme.conf'), '-D', data, '-l', log, '-p', path.join(data, 'atheme.pid')]);
    await waitForFile(log, /finished synching/, 10_000);
    return this;
  }

  async stop(): Promise<void> {
    for (const { child, exited } of this.children.splice(0).reverse()) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    }
  }

  private run(bin: string, args: string[]): void {
    const child = spawn(bin, args, { uid: user!.uid, gid: user!.gid, stdio: 'ignore' });
    this.children.push({ child, exited: new Promise((resolve) => child.once('exit', () => resolve())) });
  }

  private inspircdConf(data: string): string {
    return [
      '<config format="xml">',
      '<server name="irc.test.local" description="test ircd" network="TestNet" id="001">',
      '<admin name="test" nick="test" email="test@localhost">',
      `<bind address="127.0.0.1" port="${this.port}" type="clients">`,
      `<bind address="127.0.0.1" port="${this.linkPort}" type="servers">`,
      '<connect name="main" allow="*" timeout="60" threshold="1000" commandrate="100000" pingfreq="120" hardsendq="1048576" softsendq="65536" recvq="65536" localmax="1000" globalmax="1000" useident="no" resolvehostnames="no">',
      `<pid file="${data}/inspircd.pid">`,
      `<log method="file" type="* -USERINPUT -USEROUTPUT" level="default" target="${data}/inspircd.log">`,
      '<security announceinvites="dynamic" hideserver="" userstats="Pu" runasuser="" runasgroup="">',
      '<performance nouserdns="yes">',
      '<dns server="127.0.0.1" timeout="1">',
      ...MODULES.map((m) => `<module name="${m}">`),
      `<link name="services.test.local" ipaddr="127.0.0.1" port="${this.linkPort}" allowmask="127.0.0.0/8" sendpass="linkpass" recvpass="linkpass">`,
      '<uline server="services.test.local" silent="yes">',
      '<sasl target="services.test.local" requiressl="no">',
      '',
    ].join('\n');
  }

  private athemeConf(): string {
    const mods = [
      'protocol/inspircd',
      'backend/opensex',
      'crypto/posix',
      'nickserv/main',
      'nickserv/register',
      'nickserv/identify',
      'nickserv/help',
      'saslserv/main',
      'saslserv/plain',
    ];
    return [
      ...mods.map((m) => `loadmodule "modules/${m}";`),
      'serverinfo { name = "services.test.local"; desc = "test services"; numeric = "00A"; recontime = 1; netname = "TestNet";',
      '  hidehostsuffix = "users.test"; adminname = "test"; adminemail = "test@localhost"; registeremail = "test@localhost";',
      '  auth = none; mta = "/bin/false"; loglevel = { error; info; }; maxlogins = 5; maxusers = 5; maxnicks = 5; maxchans = 5;',
      '  mdlimit = 30; casemapping = rfc1459; };',
      `uplink "irc.test.local" { host = "127.0.0.1"; port = ${this.linkPort}; send_password = "linkpass"; receive_password = "linkpass"; };`,
      'nickserv { nick = "NickServ"; user = "NickServ"; host = "services.test"; real = "Nickname Services"; };',
      'saslserv { nick = "SaslServ"; user = "SaslServ"; host = "services.test"; real = "SASL Authentication Agent"; };',
      'general { permissive_mode = no; helpchan = "#help"; helpurl = ""; verbose_wallops = no; join_chans = no; leave_chans = no;',
      '  secure = no; uflags = { hidemail; }; cflags = { verbose; guard; }; raw = no; flood_msgs = 0; flood_time = 10;',
      '  ratelimit_uses = 0; ratelimit_period = 60; vhost_change = 30; expire = 0; kline_time = 7; commit_interval = 5;',
      '  db_save_blocking = no; default_clone_allowed = 5; default_clone_warn = 4; clone_identified_increase_limit = yes;',
      '  uplink_sendq_limit = 1048576; language = "en"; };',
      '',
    ].join('\n');
  }
}

async function waitForFile(file: string, re: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.existsSync(file) && re.test(fs.readFileSync(file, 'utf8'))) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${file} did not show ${re} within ${timeoutMs} ms`);
}
