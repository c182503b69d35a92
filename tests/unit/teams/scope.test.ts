// Message → team: a team's channel means that team; a shared channel means the team of the running
// meeting (#startmeeting nova); outside a meeting a command there names the team or is asked to;
// !teams lists the teams; team chairs are chairs in their team's channels only.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { validateConfig } from '../../../src/config.ts';
import { renderPlain } from '../../../src/core/formatting.ts';
import type { ChatMessage, Identity } from '../../../src/core/types.ts';
import { createRootLogger } from '../../../src/log.ts';
import { MeetingTracker } from '../../../src/meetings/tracker.ts';
import { rosterOf } from '../../../src/teams/model.ts';
import { TeamDirectory } from '../../../src/teams/scope.ts';
import { privateMsg, roomMsg } from '../../helpers/messages.ts';

const now = new Date('2025-06-03T16:00:00Z');
const meetbot = { key: 'irc:nick:opendevmeet', display: 'opendevmeet' };
const START = 'Meeting started Tue Jun  3 16:00:12 2025 UTC and is due to finish in 60 minutes.  The chair is bauzas.';
const END = 'Meeting ended Tue Jun  3 17:00:01 2025 UTC.  Information about MeetBot at http://wiki.debian.org/MeetBot . (v 0.1.4)';
const TEAMS = [
  { name: 'nova', channels: ['irc:#openstack-nova', 'irc:#openstack-meeting'], chairs: ['irc:gibi'] },
  { name: 'manila', channels: ['irc:#openstack-manila', 'irc:#openstack-meeting', 'matrix:!manila:m.example'] },
  { name: 'cinder', channels: ['irc:#openstack-cinder'] },
];
const config = validateConfig({ irc: { host: 'h', password: 'p' }, teams: TEAMS, rateLimit: { burst: 1000, refillSeconds: 1 } });
const at = (room: string, extra: Partial<ChatMessage> = {}) => roomMsg('x', undefined, { transport: 'irc', room, ...extra });

function directory() {
  const meetings = new MeetingTracker(['opendevmeet'], { clock: () => now });
  return { meetings, dir: new TeamDirectory(rosterOf(config), meetings) };
}

describe('team resolution', () => {
  it("a team's channel means that team, IRC channel names in any case", () => {
    const { dir } = directory();
    expect(dir.scope(at('#openstack-nova')).current).toBe('nova');
    expect(dir.scope(at('#OpenStack-Manila')).current).toBe('manila');
    expect(dir.scope(at('!manila:m.example', { transport: 'matrix' })).current).toBe('manila');
    expect(dir.scope(at('#openstack-meeting')).current).toBeUndefined();
    expect(dir.scope(privateMsg('x')).current).toBeUndefined();
  });

  it('a shared channel means the team of the meeting running there, named by the meeting bot', () => {
    const { dir, meetings } = directory();
    const say = (text: string) => meetings.observe(roomMsg(text, meetbot, { transport: 'irc', room: '#openstack-meeting' }), now);
    say(START);
    expect(dir.scope(at('#openstack-meeting')).current).toBeUndefined(); // not named yet
    say("The meeting name has been set to 'manila'");
    expect(dir.scope(at('#openstack-meeting'), now).current).toBe('manila');
    expect(dir.scope(at('#openstack-nova'), now).current).toBe('nova'); // other channels keep theirs
    say(END);
    expect(dir.scope(at('#openstack-meeting'), now).current).toBeUndefined();
    say(START);
    say("The meeting name has been set to 'tc'"); // a meeting of no team served
    expect(dir.scope(at('#openstack-meeting'), now).current).toBeUndefined();
  });

  it('takes a leading team name off the arguments, else the current team, else asks in one line', () => {
    const { dir } = directory();
    expect(dir.scope(at('#openstack-nova')).take('manila all', 'schedule <team>')).toEqual({ team: 'manila', args: 'all' });
    expect(dir.scope(at('#openstack-nova')).take('spec freeze', 'schedule <team>')).toEqual({ team: 'nova', args: 'spec freeze' });
    expect(dir.scope(at('#openstack-meeting')).take('Cinder', 'schedule <team>')).toEqual({ team: 'cinder', args: '' });
    const asked = (args: string, msg = at('#openstack-meeting')) => {
      try {
        dir.scope(msg).take(args, 'schedule <team>');
      } catch (err) {
        return ((err as { userMessage: unknown }).userMessage as never[])
          .map((p) => (typeof p === 'string' ? p : `!${(p as { command: string }).command}`))
          .join('');
      }
      return 'no error';
    };
    expect(asked('')).toBe("which team? this channel is shared by nova, manila (!teams): say !schedule <team>, or ask during the team's meeting");
    expect(asked('novaa')).toBe(
      'which team? "novaa" is not a team; this channel is shared by nova, manila (!teams): say !schedule <team>, or ask during the team\'s meeting',
    );
    expect(asked('', privateMsg('x'))).toBe('which team? I serve nova, manila, cinder (!teams): say !schedule <team>');
  });

  it('a single-team config means its team everywhere and never takes a word', () => {
    const dir = new TeamDirectory(rosterOf(validateConfig({})));
    const scope = dir.scope(privateMsg('x'));
    expect(scope).toMatchObject({ current: 'nova', multi: false, names: ['nova'], chairs: [] });
    expect(scope.take('nova flamingo', 'schedule <team>')).toEqual({ team: 'nova', args: 'nova flamingo' });
  });
});

describe('through the router', () => {
  const quiet = createRootLogger({ level: 'silent', format: 'json' });
  const app = createApp({ dbPath: ':memory:', config, log: quiet, clock: () => now });
  const ask = async (text: string, room = '#openstack-nova', sender?: Identity) => {
    const r = await app.router.handle(roomMsg(text, sender, { transport: 'irc', room }));
    return r.kind === 'ignored' ? [] : r.replies.flatMap((x) => x.lines.map(renderPlain));
  };

  it('!teams lists the teams and their channels; !teams <name> shows one', async () => {
    expect(await ask('!teams')).toEqual([
      '3 teams: nova #openstack-nova, #openstack-meeting (shared) · manila #openstack-manila, #openstack-meeting (shared), 1 Matrix room · cinder #openstack-cinder',
    ]);
    expect(await ask('!teams manila')).toEqual([
      'manila: channels #openstack-manila, #openstack-meeting (shared), matrix:!manila:m.example; Launchpad manila; schedule manila',
    ]);
    expect(await ask('!teams nope')).toEqual(['no team "nope" here: !teams lists them']);
  });

  it('pages many teams, three lines of at most 512 bytes a page', async () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ name: `team${i}`, channels: [`irc:#openstack-team-number-${i}`] }));
    const big = createApp({ dbPath: ':memory:', config: validateConfig({ irc: { host: 'h', password: 'p' }, teams: many }), log: quiet });
    const r = await big.router.handle(roomMsg('!teams', undefined, { transport: 'irc', room: '#openstack-team-number-0' }));
    const lines = r.kind === 'ok' ? r.replies.flatMap((x) => x.lines.map(renderPlain)) : [];
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatch(/^\(page 1 of \d: !teams 2\)$/);
    for (const l of lines) expect(Buffer.byteLength(l)).toBeLessThan(400);
    const r2 = await big.router.handle(roomMsg('!teams 2', undefined, { transport: 'irc', room: '#x' }));
    expect(r2.kind === 'ok' && renderPlain(r2.replies[0].lines[0])).toMatch(/^team\d+ #openstack-team-number-\d+ · /);
    big.close();
  });

  it("a team's chairs are chairs in its channels only", async () => {
    const gibi = { key: 'irc:gibi', display: 'gibi', account: 'gibi' };
    expect(await ask('!whoami', '#openstack-nova', gibi)).toEqual(['gibi: account gibi, role chair']);
    expect(await ask('!whoami', '#openstack-cinder', gibi)).toEqual(['gibi: account gibi, role anyone']);
  });
});
