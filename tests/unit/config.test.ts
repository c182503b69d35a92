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
    expect(validateConfig({ meetingBots: ['irc:opendevmeet', '@opendevmeet:opendev.org'] }, 'test', {}).meetingBots).toEqual(['irc:opendevmeet', '@opendevmeet:opendev.org']);
    expect(validateConfig({}, 'test', {}).meetings).toEqual({ maxHours: 3, idleMinutes: 60 });
    expect(() => validateConfig({ meetings: { maxHours: 48 } }, 'test', {})).toThrow(/maxHours/);
  });
});

