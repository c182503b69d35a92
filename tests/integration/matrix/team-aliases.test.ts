// Teams whose Matrix rooms are named by alias (matrix:#nova:test), on the loopback homeserver: the
// alias is resolved through the room directory at start and the room joined; its messages are the
// team's (!schedule answers for it, the meeting tracker and reminders name the room by its alias);
// an alias that resolves to nothing is one log line, and every other room and team keeps working.
import { afterEach, describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config.ts';
import { startFakeHomeserver, type FakeHomeserver } from '../../helpers/fake-homeserver.ts';
import { problems, startBot, type Running } from './harness.ts';

const NOVA = '!n0va:test';
const MANILA = '!man1la:test';

describe('Matrix rooms of teams, by alias', () => {
  let fake: FakeHomeserver;
  let run: Running | undefined;

  afterEach(async () => {
    await run?.stop();
    await fake.close();
  });

  it("resolves each alias, joins, routes the room's messages to its team; an unknown alias is one line", async () => {
    fake = await startFakeHomeserver();
    fake.addRoom(NOVA, { alias: '#nova:test' });
    fake.addRoom(MANILA);
    const config = validateConfig(
      {
        matrix: { homeserverUrl: fake.url, accessToken: fake.token },
        rateLimit: { burst: 100, refillSeconds: 1 },
        teams: [
          { name: 'nova', channels: ['matrix:#nova:test'] },
          { name: 'manila', channels: [`matrix:${MANILA}`] },
          { name: 'cinder', channels: ['matrix:#cinder:test'] },
        ],
      },
      'test config',
      {},
    );
    expect(config.matrix!.rooms).toEqual(['#nova:test', MANILA, '#cinder:test']);
    run = await startBot(fake, { config });
    expect(fake.requests.some((r) => r.method === 'GET' && r.path === '/_matrix/client/v3/directory/room/#nova:test')).toBe(true);
    expect(fake.isJoined(NOVA)).toBe(true);
    expect(fake.isJoined(MANILA)).toBe(true);
    expect(run.transport.roomIds.sort()).toEqual([MANILA, NOVA].sort());
    expect(problems(run.logs).map((l) => [l.msg, l.room])).toEqual([['cannot join configured room', '#cinder:test']]);

    // The nova room's messages are nova's; manila's (configured by id) are manila's.
    const seen: string[] = [];
    run.bot.observe((msg) => void seen.push(`${msg.transport}:${msg.room}`));
    fake.say(NOVA, '@gibi:test', '!schedule');
    const [nova] = await fake.waitForSends(1);
    expect(nova.roomId).toBe(NOVA);
    expect(nova.content.body).toMatch(/^(Next|Nothing coming) for Nova: /);
    fake.say(MANILA, '@gibi:test', '!schedule');
    const [, manila] = await fake.waitForSends(2);
    expect(manila.roomId).toBe(MANILA);
    expect(manila.content.body).toMatch(/^(Next|Nothing coming) for Manila: /);
    expect(seen).toEqual(['matrix:#nova:test', `matrix:${MANILA}`]);

    // A reminder to the team's channel (its alias) reaches the room; cinder's goes nowhere, said once.
    expect(run.app.scheduleTeams.get('nova')!.channels.map((c) => c.target)).toEqual(['matrix:#nova:test']);
    expect(await run.bot.post('matrix', '#nova:test', { lines: [['[Indri] Nova Spec Freeze in 7 days']], kind: 'reminder' })).toMatchObject({
      delivered: true,
    });
    expect(fake.sent.at(-1)).toMatchObject({ roomId: NOVA, content: { body: '[Indri] Nova Spec Freeze in 7 days' } });
    expect(await run.bot.post('matrix', '#cinder:test', { lines: [['[Indri] Cinder day']], kind: 'reminder' })).toMatchObject({ delivered: false });
    expect(fake.sent).toHaveLength(3);

    // The rest keeps working after the failed post.
    fake.say(NOVA, '@gibi:test', '!teams');
    const sends = await fake.waitForSends(4);
    expect(sends[3].content.body).toMatch(/nova/);
  });
});
