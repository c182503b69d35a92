// Joining (aliases, invites), roles from power levels, and private replies in a direct chat.
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeHomeserver, type FakeHomeserver } from '../../helpers/fake-homeserver.ts';
import { problems, startBot, testConfig, type Running } from './harness.ts';

const NOVA = '!nova:test';

describe('matrix rooms', () => {
  let fake: FakeHomeserver;
  const runs: Running[] = [];

  afterEach(async () => {
    for (const r of runs.splice(0)) await r.stop();
    await fake.close();
  });

  async function boot(matrix: Record<string, unknown> = {}): Promise<Running> {
    const run = await startBot(fake, { config: testConfig(fake, matrix) });
    runs.push(run);
    return run;
  }

  it('joins configured rooms by alias (resolved through the directory) and by id', async () => {
    fake = await startFakeHomeserver();
    fake.addRoom(NOVA, { alias: '#openstack-nova:test' });
    fake.addRoom('!cinder:test');
    const run = await boot({ rooms: ['#openstack-nova:test', '!cinder:test', '#missing:test'] });
    expect(fake.isJoined(NOVA)).toBe(true);
    expect(fake.isJoined('!cinder:test')).toBe(true);
    expect(run.transport.roomIds.sort()).toEqual(['!cinder:test', NOVA]);
    expect(fake.requests.some((r) => r.method === 'GET' && r.path === '/_matrix/client/v3/directory/room/#openstack-nova:test')).toBe(true);
    // The one missing room is logged, not fatal.
    expect(problems(run.logs).map((l) => [l.msg, l.room])).toEqual([['cannot join configured room', '#missing:test']]);
    expect(run.transport.health()).toMatchObject({ state: 'running', rooms: 2 });
    // Commands in the alias-configured room are answered.
    fake.say(NOVA, '@gibi:test', '!status');
    const [reply] = await fake.waitForSends(1);
    expect(reply.roomId).toBe(NOVA);
    // Posts (no question) may name the room by its alias, configured or not.
    fake.addRoom('!other:test', { alias: '#other:test' });
    await run.bot.post('matrix', '#openstack-nova:test', { lines: [['meeting in 10 minutes']] });
    await run.transport.send('#other:test', { lines: [['not joined there']] });
    await run.transport.send('#nowhere:test', { lines: [['dropped']] });
    expect(fake.sent.map((s) => [s.roomId, s.content.body, s.content['m.relates_to']])).toEqual([
      [NOVA, reply.content.body, reply.content['m.relates_to']],
      [NOVA, 'meeting in 10 minutes', undefined],
    ]);
    expect(problems(run.logs).map((l) => l.msg)).toEqual(
      expect.arrayContaining(['send refused by the homeserver', 'cannot resolve room alias; message dropped']),
    );
  });

  it('accepts invites from the allowlist and rejects all others', async () => {
    fake = await startFakeHomeserver();
    fake.addRoom(NOVA);
    const run = await boot({ inviteAllowlist: ['@boss:test'] });
    fake.invite('!team:test', '@boss:test');
    fake.invite('!spam:test', '@rando:test');
    await fake.waitFor(() => fake.isJoined('!team:test') && fake.membership('!spam:test', '@bot:test') === 'leave');
    const paths = fake.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths).toContain('POST /_matrix/client/v3/join/!team:test');
    expect(paths).toContain('POST /_matrix/client/v3/rooms/!spam:test/leave');
    expect(paths).not.toContain('POST /_matrix/client/v3/join/!spam:test');
    // The accepted room is answered in (a group room: three members).
    fake.setState('!team:test', '@boss:test', 'm.room.member', '@carol:test', { membership: 'join' });
    fake.say('!team:test', '@boss:test', '!status');
    const [reply] = await fake.waitForSends(1);
    expect(reply.roomId).toBe('!team:test');
    expect(run.logs.some((l) => l.msg === 'invite rejected (room not configured, inviter not on the allowlist)' && l.inviter === '@rando:test')).toBe(true);

    // After a restart on the same database the accepted room is still answered in.
    await run.stop();
    const again = await startBot(fake, { dbPath: run.dbPath, config: testConfig(fake, { inviteAllowlist: ['@boss:test'] }) });
    runs.push(again);
    const ask = fake.say('!team:test', '@carol:test', '!status');
    await fake.waitForSends(2);
    expect(fake.sent[1]).toMatchObject({ roomId: '!team:test', content: { 'm.relates_to': { 'm.in_reply_to': { event_id: ask.event_id } } } });
  });

  it('accepts an invite to a configured room from anyone', async () => {
    fake = await startFakeHomeserver();
    fake.addRoom(NOVA);
    fake.addRoom('!later:test');
    await boot({ rooms: [NOVA, '!later:test'] });
    // Kicked and re-invited by a stranger: the room is configured, so the bot goes back.
    fake.invite('!later:test', '@stranger:test');
    await fake.waitFor(() => fake.requests.filter((r) => r.path === '/_matrix/client/v3/join/!later:test').length === 2);
    expect(fake.isJoined('!later:test')).toBe(true);
  });

  it('gives role admin at power level 100, anyone at 0, follows power-level changes, and answers privately in a DM', async () => {
    fake = await startFakeHomeserver();
    fake.addRoom(NOVA, {
      members: { '@ptl:test': 'Nova PTL <b>', '@bob:test': undefined },
      powerLevels: { users: { '@ptl:test': 100, '@bot:test': 50 }, users_default: 0 },
    });
    await boot();
    const askPtl = fake.say(NOVA, '@ptl:test', '!whoami');
    const [toPtl] = await fake.waitForSends(1);
    // Private reply: a new direct chat with the asker, not the team room.
    expect(fake.createdRooms).toHaveLength(1);
    expect(fake.createdRooms[0].body).toEqual({ invite: ['@ptl:test'], is_direct: true, preset: 'trusted_private_chat' });
    expect(toPtl.roomId).toBe(fake.createdRooms[0].roomId);
    expect(toPtl.content.body).toBe('Nova PTL <b>: account @ptl:test, role admin');
    expect(toPtl.content.formatted_body).toBe('Nova PTL &lt;b&gt;: account @ptl:test, role admin');
    expect(toPtl.content['m.relates_to']).toBeUndefined(); // the question is in another room
    expect(toPtl.content['m.mentions']).toEqual({});
    expect(fake.sent.some((s) => s.roomId === NOVA)).toBe(false);
    // The bot records the chat in m.direct so clients (and a restarted bot) know it.
    const direct = fake.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/account_data/m.direct'));
    expect(direct.at(-1)?.body).toEqual({ '@ptl:test': [fake.createdRooms[0].roomId] });
    expect(askPtl.event_id).toBeTruthy();

    fake.say(NOVA, '@bob:test', '!whoami');
    const [, toBob] = await fake.waitForSends(2);
    expect(toBob.content.body).toBe('bob: account @bob:test, role anyone');
    expect(fake.createdRooms.map((r) => r.body.invite)).toEqual([['@ptl:test'], ['@bob:test']]);

    // Bob is promoted: the change arrives in the timeline and counts at once.
    fake.setState(NOVA, '@ptl:test', 'm.room.power_levels', '', { users: { '@ptl:test': 100, '@bob:test': 50 }, users_default: 0 });
    fake.say(NOVA, '@bob:test', '!whoami');
    const [, , again] = await fake.waitForSends(3);
    expect(again.content.body).toBe('bob: account @bob:test, role chair');
    expect(again.roomId).toBe(toBob.roomId); // the DM is reused
    expect(fake.createdRooms).toHaveLength(2);
    expect(fake.requests.filter((r) => r.path.endsWith('/state/m.room.power_levels/'))).toHaveLength(1); // cached
  });

  it('applies a power-level change that arrives only in the state block of a gapped (limited) sync', async () => {
    fake = await startFakeHomeserver();
    fake.addRoom(NOVA, { members: { '@mod:test': 'mod' }, powerLevels: { users: { '@mod:test': 50 }, users_default: 0 } });
    await boot({ maxDirectRooms: 0 }); // answers in the room: one place to read them
    fake.say(NOVA, '@mod:test', '!whoami');
    expect((await fake.waitForSends(1))[0].content.body).toBe('mod: account @mod:test, role chair');
    // Demoted while the bot was not looking: the next sync is limited and carries the change in
    // state.events only, followed in its timeline by the (former) moderator's command.
    fake.setStateInGap(NOVA, '@admin:test', 'm.room.power_levels', '', { users: { '@mod:test': 0 }, users_default: 0 });
    fake.say(NOVA, '@mod:test', '!whoami');
    expect((await fake.waitForSends(2))[1].content.body).toBe('mod: account @mod:test, role anyone');
    expect(fake.requests.filter((r) => r.path.endsWith('/state/m.room.power_levels/'))).toHaveLength(1); // from the state block, not re-read
    // A gap without the change in it: the cached levels are dropped and read again.
    fake.setStateInGap(NOVA, '@admin:test', 'm.room.topic', '', { topic: 'x' });
    fake.say(NOVA, '@mod:test', '!whoami');
    await fake.waitForSends(3);
    expect(fake.requests.filter((r) => r.path.endsWith('/state/m.room.power_levels/'))).toHaveLength(2);
  });

  it('keeps at most maxDirectRooms direct chats: reuses them, answers in the room past the cap, leaves idle ones', async () => {
    fake = await startFakeHomeserver();
    fake.addRoom(NOVA, { members: { '@a:test': 'a', '@b:test': 'b', '@c:test': 'c', '@d:test': 'd' }, powerLevels: { users_default: 0 } });
    let clock = Date.now();
    const run = await startBot(fake, { config: testConfig(fake, { maxDirectRooms: 2, directRoomIdleDays: 7 }), transport: { now: () => clock } });
    runs.push(run);
    for (const [i, user] of ['@a:test', '@b:test', '@c:test', '@a:test'].entries()) {
      fake.say(NOVA, user, '!whoami');
      await fake.waitForSends(i + 1);
    }
    expect(fake.createdRooms.map((r) => r.body.invite)).toEqual([['@a:test'], ['@b:test']]);
    const [toA, , toC, toAagain] = fake.sent;
    expect(toC.roomId).toBe(NOVA); // the cap is reached: c is answered where c asked, mentioned
    expect(toC.content.body).toBe('c: account @c:test, role anyone');
    expect(toC.content['m.mentions']).toEqual({ user_ids: ['@c:test'] });
    expect(toAagain.roomId).toBe(toA.roomId); // reused

    // A week later both chats are idle: d's question makes the bot leave them and open d's.
    clock += 8 * 86_400_000;
    fake.say(NOVA, '@d:test', '!whoami');
    const sent = await fake.waitForSends(5);
    expect(fake.createdRooms.map((r) => r.body.invite)).toEqual([['@a:test'], ['@b:test'], ['@d:test']]);
    expect(sent[4].roomId).toBe(fake.createdRooms[2].roomId);
    const left = fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/leave')).map((r) => decodeURIComponent(r.path.split('/')[5]));
    expect(left.sort()).toEqual([fake.createdRooms[0].roomId, fake.createdRooms[1].roomId].sort());
    const direct = fake.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/account_data/m.direct'));
    expect(direct.at(-1)?.body).toEqual({ '@d:test': [fake.createdRooms[2].roomId] });
    expect(problems(run.logs)).toEqual([]);
  });

  it('answers in a direct chat without a prefix, and power levels there give no role', async () => {
    fake = await startFakeHomeserver();
    fake.addRoom(NOVA);
    // A DM the user opened: they are admin (100) in it, which must not make them a bot admin.
    fake.addRoom('!dm:test', { members: { '@gibi:test': 'gibi' }, powerLevels: { users: { '@gibi:test': 100 }, users_default: 0 } });
    await boot({ inviteAllowlist: ['@gibi:test'] });
    fake.invite('!dm:test', '@gibi:test', { isDirect: true });
    await fake.waitFor(() => fake.isJoined('!dm:test'));
    fake.say('!dm:test', '@gibi:test', 'whoami');
    const [reply] = await fake.waitForSends(1);
    expect(reply.roomId).toBe('!dm:test');
    expect(reply.content.body).toBe('gibi: account @gibi:test, role anyone');
    expect(fake.createdRooms).toHaveLength(0);
  });

  it('ignores direct chats when directMessages is off', async () => {
    fake = await startFakeHomeserver();
    fake.addRoom(NOVA);
    fake.addRoom('!dm:test', { members: { '@gibi:test': 'gibi' } });
    const run = await boot({ inviteAllowlist: ['@gibi:test'], directMessages: false });
    fake.invite('!dm:test', '@gibi:test', { isDirect: true });
    await fake.waitFor(() => fake.isJoined('!dm:test'));
    fake.say('!dm:test', '@gibi:test', '!status');
    const probe = fake.say(NOVA, '@gibi:test', '!status');
    const [reply] = await fake.waitForSends(1);
    await run.bot.idle();
    expect(fake.sent).toHaveLength(1);
    expect(reply.roomId).toBe(NOVA);
    expect(reply.content['m.relates_to']).toEqual({ 'm.in_reply_to': { event_id: probe.event_id } });
  });

  it('refuses to start with a bad token, with a one-line reason', async () => {
    fake = await startFakeHomeserver({ token: 'right' });
    fake.addRoom(NOVA);
    const config = testConfig(fake, { accessToken: 'wrong' });
    await expect(startBot(fake, { config })).rejects.toThrow(`matrix: ${fake.url} rejected the access token (M_UNKNOWN_TOKEN)`);
    expect(fake.requests.map((r) => r.status)).toEqual([401]);
  });
});
