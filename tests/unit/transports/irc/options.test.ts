import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../../src/config.ts';
import { clientOptions, within } from '../../../../src/transports/irc/options.ts';

const irc = (extra: Record<string, unknown> = {}) =>
  validateConfig({ irc: { host: 'irc.oftc.net', channels: ['#openstack-nova'], ...extra } }, 'test', {}).irc!;

describe('clientOptions', () => {
  it('turns off irc-framework reconnects and splitting: the transport owns both', () => {
    const o = clientOptions(irc(), 'cyclebot');
    expect(o).toMatchObject({
      auto_reconnect: false,
      message_max_length: 510,
      tls: true,
      port: 6697,
      rejectUnauthorized: true,
      nick: 'cyclebot',
      username: 'cyclebot',
    });
  });

  it('never lets a server password double as SASL for the nick', () => {
    const o = clientOptions(irc({ password: 'serverpass' }), 'cyclebot');
    expect(o.password).toBe('serverpass');
    expect(o.account).toEqual({}); // irc-framework: an empty account object disables its PASS-as-SASL fallback
  });

  it('passes SASL credentials as account', () => {
    const o = clientOptions(irc({ sasl: { account: 'cyclebot', password: 's3cret' } }), 'cyclebot');
    expect(o.account).toEqual({ account: 'cyclebot', password: 's3cret' });
    expect(o.sasl_disconnect_on_fail).toBe(false);
  });

  it('defaults the plain-text port to 6667', () => {
    expect(clientOptions(irc({ tls: false }), 'x').port).toBe(6667);
  });
});

describe('within', () => {
  it('tells whether a promise settled in time', async () => {
    expect(await within(Promise.resolve(), 50)).toBe(true);
    expect(await within(new Promise(() => undefined), 20)).toBe(false);
  });
});
