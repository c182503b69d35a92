// !schedule and the reminders per team: each team's project-specific events, the cross-project
// ones and its own dates; reminders planned for its own channels only.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { validateConfig } from '../../../src/config.ts';
import { renderPlain } from '../../../src/core/formatting.ts';
import { createRootLogger } from '../../../src/log.ts';
import { planChannel } from '../../../src/schedule/planner.ts';
import { roomMsg } from '../../helpers/messages.ts';

const now = new Date('2025-06-02T10:00:00Z');
const quiet = createRootLogger({ level: 'silent', format: 'json' });
const config = validateConfig({
  irc: { host: 'h', password: 'p' },
  rateLimit: { burst: 1000, refillSeconds: 1 },
  teams: [
    { name: 'nova', channels: ['irc:#openstack-nova', 'irc:#openstack-meeting'], schedule: { events: [{ name: 'Team dinner', date: '2025-06-20' }] } },
    { name: 'manila', channels: ['irc:#openstack-manila', 'irc:#openstack-meeting'], schedule: { events: [{ name: 'Team dinner', date: '2025-06-25' }] } },
  ],
});
const app = createApp({ dbPath: ':memory:', config, log: quiet, clock: () => now });
const chair = { key: 'irc:op', display: 'op', account: 'op', roleHint: 'chair' as const };
async function ask(text: string, room: string, sender = chair): Promise<string[]> {
  const r = await app.router.handle(roomMsg(text, sender, { transport: 'irc', room }));
  return r.kind === 'ignored' ? [] : r.replies.flatMap((x) => x.lines.map(renderPlain));
}

describe('schedule per team', () => {
  it("each team's channel shows its own deadlines", async () => {
    const nova = (await ask('!schedule all', '#openstack-nova'))[0];
    const manila = (await ask('!schedule all', '#openstack-manila'))[0];
    expect(nova).toMatch(/^\[2025\.2 Flamingo\] Nova's key dates: /);
    expect(manila).toMatch(/^\[2025\.2 Flamingo\] Manila's key dates: /);
    expect(nova).toContain('Nova Spec Soft Freeze');
    expect(nova).not.toContain('Manila');
    expect(manila).not.toContain('Nova Spec');
    expect((await ask('!schedule', '#openstack-nova'))[0]).toMatch(/^Next for Nova: /);
    expect((await ask('!schedule manila', '#openstack-nova'))[0]).toMatch(/^Next for Manila: /);
    expect((await ask('!schedule manila all flamingo', '#openstack-nova'))[0]).toMatch(/^\[2025\.2 Flamingo\] Manila's key dates: /);
  });

  it('own dates are per team, even with the same name', async () => {
    expect((await ask('!schedule team dinner', '#openstack-nova'))[0]).toMatch(/^Team dinner \(2025\.2 Flamingo, Nova's own\): Fri 2025-06-20/);
    expect((await ask('!schedule team dinner', '#openstack-manila'))[0]).toMatch(/^Team dinner \(2025\.2 Flamingo, Manila's own\): Wed 2025-06-25/);
    expect(await ask('!schedule add 2025-07-01 Bug smash', '#openstack-manila')).toEqual([
      'added Bug smash (custom, 2025.2 Flamingo): Tue 2025-07-01, in 29 days',
    ]);
    expect(await ask('!schedule bug smash', '#openstack-nova')).toEqual(['no event matches "bug smash"; !schedule all lists the key dates']);
    expect(await ask('!schedule add nova 2025-07-01 Bug smash', '#openstack-manila')).toEqual([
      "change Nova's own dates in its channel or during its meeting; this is Manila's",
    ]);
    expect(await ask('!schedule remove bug smash', '#openstack-manila')).toEqual(['removed Bug smash (2025-07-01); its reminders are cancelled']);
  });

  it('a shared channel asks which team outside a meeting, and answers for the meeting team during one', async () => {
    expect(await ask('!schedule', '#openstack-meeting')).toEqual([
      "which team? this channel is shared by nova, manila (!teams): say !schedule <team>, or ask during the team's meeting",
    ]);
    expect((await ask('!schedule nova', '#openstack-meeting'))[0]).toMatch(/^Next for Nova: /);
    const bot = { key: 'irc:nick:opendevmeet', display: 'opendevmeet' };
    const say = (text: string) => app.meetings.observe(roomMsg(text, bot, { transport: 'irc', room: '#openstack-meeting' }), now);
    say('Meeting started Mon Jun  2 10:00:00 2025 UTC and is due to finish in 60 minutes.  The chair is vkmc.');
    say("The meeting name has been set to 'manila'");
    expect((await ask('!schedule', '#openstack-meeting'))[0]).toMatch(/^Next for Manila: /);
    say('Meeting ended Mon Jun  2 10:30:00 2025 UTC.  Information about MeetBot at http://wiki.debian.org/MeetBot . (v 0.1.4)');
  });

  it("plans each team's reminders for its own channels, never the shared one", () => {
    const events = app.schedules.events();
    const from = new Date('2025-04-01T00:00:00Z');
    const to = new Date('2025-10-01T00:00:00Z');
    const plans = [...app.scheduleTeams].map(([team, s]) => {
      expect(s.channels.map((c) => c.target)).toEqual([`irc:#openstack-${team}`]);
      return planChannel(events, s, s.channels[0], from, to);
    });
    const [nova, manila] = plans.map((p) => new Set(p.map((r) => r.event.title)));
    const [novaKeys, manilaKeys] = plans.map((p) => new Set(p.map((r) => r.event.key)));
    expect(nova).toContain('Nova Spec Freeze');
    expect([...manila].some((t) => /^Manila /.test(t))).toBe(true);
    expect([...nova].some((t) => /^Manila /.test(t))).toBe(false);
    expect([...manila].some((t) => /^Nova /.test(t))).toBe(false);
    // Both get the cross-project milestones, and each its own dinner only.
    expect(nova).toContain('Feature freeze');
    expect(manila).toContain('Feature freeze');
    expect([...novaKeys].filter((k) => k.startsWith('config:'))).toEqual(['config:flamingo:nova/team-dinner']);
    expect([...manilaKeys].filter((k) => k.startsWith('config:'))).toEqual(['config:flamingo:manila/team-dinner']);
  });

  it('a team of one keeps its keys and sees every own date as before', () => {
    const one = createApp({ dbPath: ':memory:', config: validateConfig({ schedule: { events: [{ name: 'Team dinner', date: '2025-06-20' }] } }), log: quiet });
    expect(
      one.schedules
        .events()
        .filter((e) => e.source === 'config')
        .map((e) => e.key),
    ).toEqual(['config:flamingo:team-dinner']);
    expect(one.scheduleSettings.strictOwn).toBeUndefined();
    expect([...one.scheduleTeams.keys()]).toEqual(['nova']);
    one.close();
  });
});
