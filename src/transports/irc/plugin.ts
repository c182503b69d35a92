// How the IRC transport is made from the `irc:` section (listed in main.ts).
import type { TransportPlugin } from '../../core/transport-plugin.ts';
import type { IrcConfig } from './config.ts';

export const ircPlugin: TransportPlugin<IrcConfig> = {
  name: 'irc',
  async create(section, ctx) {
    const { IrcTransport } = await import('./irc-transport.ts');
    return new IrcTransport(section, { nick: ctx.nick, opsAreChairs: ctx.roles.opsAreChairs, log: ctx.log, metrics: ctx.metrics });
  },
};
