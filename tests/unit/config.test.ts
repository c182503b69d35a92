import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, validateConfig } from '../../src/config.ts';
import { ConfigError } from '../../src/errors.ts';
import { ROOT } from '../helpers/cli.ts';

const write = (text: string) => {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cyclebot-cfg-')), 'c.yaml');
  fs.writeFileSync(f, text);
  return f;
};

describe('config', () => {
  it('loads the shipped example, every key valid, secrets from the environment', () => {
    const env = { CYCLEBOT_IRC_PASSWORD: 'pw', CYCLEBOT_MATRIX_TOKEN: 'tok' };
    const { config } = loadConfig(path.join(ROOT, 'data/cyclebot.example.yaml'), env);
    expect(config.irc).toMatchObject({ host: 'irc.oftc.net', port: 6697, sasl: { account: 'cyclebot', password: 'pw' }, channels: ['#openstack-nova'] });
    expect(config.matrix).toMatchObject({ accessToken: 'tok', rooms: ['#openstack-nova:matrix.org'] });
    expect(config.nick).toBe('cyclebot');
    expect(config.permissions.chairPowerLevel).toBe(50);
    expect(config.rateLimit).toEqual({ burst: 5, refillSeconds: 3 });
  });

  it('says which secret is missing', () => {
    expect(() => loadConfig(path.join(ROOT, 'data/cyclebot.example.yaml'), {})).toThrow(
      /irc\.sasl\.password: missing \(set it, or the environment variable CYCLEBOT_IRC_PASSWORD\)\n.*matrix\.accessToken: missing/,
    );
  });

  it('defaults everything when empty', () => {
    expect(validateConfig({}).prefix).toBe('!');
    expect(validateConfig(null).maxInputChars).toBe(500);
  });

  it('names the key path of each problem, one per line', () => {
    const err = (() => {
      try {
        validateConfig({ nick: 'bad nick!', rateLimit: { burst: 'x' }, colour: 'red', permissions: { admin: [] } }, 'c.yaml');
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    const lines = err!.message.split('\n').sort();
    expect(lines).toEqual(
      [
        'c.yaml: nick: must be a valid IRC nick',
        'c.yaml: rateLimit.burst: Invalid input: expected number, received string',
        'c.yaml: unknown key colour',
        'c.yaml: unknown key permissions.admin',
      ].sort(),
    );
  });

  it('reports bad YAML with its position and a missing file plainly', () => {
    expect(() => loadConfig(write('nick: [unclosed\n'))).toThrow(/not valid YAML \(line \d+, column \d+\)/);
    expect(() => loadConfig('/nonexistent/c.yaml')).toThrow('cannot read config /nonexistent/c.yaml: ENOENT');
  });
});

describe('meetingBots', () => {
  it('takes identity entries, and a single string (a plain nick) as before', () => {
    expect(validateConfig({ meetingBots: 'opendevmeet' }, 'test', {}).meetingBots).toEqual(['opendevmeet']);
    expect(validateConfig({ meetingBots: ['irc:opendevmeet', '@opendevmeet:opendev.org'] }, 'test', {}).meetingBots).toEqual([
      'irc:opendevmeet',
      '@opendevmeet:opendev.org',
    ]);
    expect(validateConfig({}, 'test', {}).meetings).toEqual({ maxHours: 3, idleMinutes: 60 });
    expect(() => validateConfig({ meetings: { maxHours: 48 } }, 'test', {})).toThrow(/maxHours/);
  });
});

describe('ptg.sources', () => {
  it('takes URLs or entries, refreshMinutes 60 by default; refuses other schemes, duplicates and tiny intervals', () => {
    const c = validateConfig(
      {
        ptg: {
          sources: [
            'https://etherpad.opendev.org/p/nova-indri-ptg',
            { url: 'https://example.org/blog', project: 'ironic', cycle: 'indri', id: 'ironic-blog', refreshMinutes: 15 },
          ],
        },
      },
      'test',
      {},
    );
    expect(c.ptg.refreshMinutes).toBe(60);
    expect(c.ptg.sources).toEqual([
      { url: 'https://etherpad.opendev.org/p/nova-indri-ptg' },
      { url: 'https://example.org/blog', project: 'ironic', cycle: 'indri', id: 'ironic-blog', refreshMinutes: 15 },
    ]);
    expect(validateConfig({}, 'test', {}).ptg.sources).toEqual([]);
    expect(() => validateConfig({ ptg: { sources: ['ftp://example.org/pad'] } }, 'test', {})).toThrow('test: ptg.sources.0.url: must be an http(s) URL');
    expect(() => validateConfig({ ptg: { sources: ['https://a.example/p/x', 'https://a.example/p/x'] } }, 'test', {})).toThrow(
      'test: ptg.sources.1.url: https://a.example/p/x is listed twice',
    );
    expect(() =>
      validateConfig(
        {
          ptg: {
            sources: [
              { url: 'https://a.example/1', id: 'x' },
              { url: 'https://a.example/2', id: 'x' },
            ],
          },
        },
        'test',
        {},
      ),
    ).toThrow('ptg.sources.1.id: id x is used twice');
    expect(() => validateConfig({ ptg: { refreshMinutes: 1 } }, 'test', {})).toThrow('ptg.refreshMinutes: must be at least 5 min');
  });
});

describe('ptg.sources document ids', () => {
  const load = (sources: unknown[]) => () => validateConfig({ ptg: { sources } }, 'test', {});
  it('refuses two entries that would write the same document, in one line naming both', () => {
    expect(load(['https://etherpad.opendev.org/p/nova-indri-ptg', 'https://etherpad.example.org/p/nova-indri-ptg'])).toThrow(
      'test: ptg.sources.1: https://etherpad.example.org/p/nova-indri-ptg and ptg.sources.0 (https://etherpad.opendev.org/p/nova-indri-ptg) would both be stored as document "nova-indri-ptg"; give one of them its own id:',
    );
    // The same pad by its export URL, a page named like a pad, an explicit id equal to a derived one.
    expect(load(['https://etherpad.opendev.org/p/Nova-PTG', 'https://etherpad.opendev.org/p/Nova-PTG/export/txt'])).toThrow('document "nova-ptg"');
    expect(load(['https://etherpad.opendev.org/p/nova-ptg', 'https://blog.example.org/2026/nova-ptg.html'])).toThrow('ptg.sources.1: https://blog');
    expect(load([{ url: 'https://example.org/summary', id: 'nova-ptg' }, 'https://etherpad.opendev.org/p/nova-ptg'])).toThrow(
      'ptg.sources.1: https://etherpad.opendev.org/p/nova-ptg and ptg.sources.0 (https://example.org/summary)',
    );
    expect(() => load(['https://etherpad.opendev.org/p/nova-ptg', 'https://etherpad.opendev.org/p/nova-ptg'])()).toThrow(
      /^test: ptg\.sources\.1\.url: .* is listed twice$/,
    );
  });

  it('takes them with their own ids, and mails (their ids come from the subject, checked when read)', () => {
    expect(
      load([{ url: 'https://etherpad.opendev.org/p/nova-indri-ptg' }, { url: 'https://etherpad.example.org/p/nova-indri-ptg', id: 'nova-ptg-mirror' }])().ptg
        .sources,
    ).toHaveLength(2);
    const mails = [
      'https://lists.openstack.org/archives/list/openstack-discuss@lists.openstack.org/message/AAA/',
      'https://lists.openstack.org/pipermail/openstack-discuss/2026-November/000001.html',
    ];
    expect(load(mails)().ptg.sources).toHaveLength(2);
  });
});

describe('schedule.sync', () => {
  it('once a day from opendev by default; 0 turns it off; other schemes and odd intervals refused', () => {
    expect(validateConfig({}, 'test', {}).schedule.sync).toEqual({ url: 'https://opendev.org/openstack/releases/raw/branch/master', everyHours: 24 });
    expect(validateConfig({ schedule: { sync: { everyHours: 0 } } }, 'test', {}).schedule.sync.everyHours).toBe(0);
    expect(() => validateConfig({ schedule: { sync: { url: 'file:///srv/releases' } } }, 'test', {})).toThrow(
      'test: schedule.sync.url: must be an http(s) URL',
    );
    expect(() => validateConfig({ schedule: { sync: { everyHours: 0.5 } } }, 'test', {})).toThrow('schedule.sync.everyHours: must be 0 (off) or at least 1 h');
    expect(() => validateConfig({ schedule: { sync: { everyHours: 1000 } } }, 'test', {})).toThrow('schedule.sync.everyHours: must be at most 168 h (a week)');
  });
});
