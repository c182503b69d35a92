// What the bot must not answer (backlog, its own events, notices, edits, ignored users) and
// resuming /sync from the token stored in SQLite after a restart.
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../../src/store/db.ts';
import { KvRepo } from '../../../src/store/kv-repo.ts';
import { startFakeHomeserver, type FakeHomeserver } from '../../helpers/fake-homeserver.ts';
import { startBot, tempDb, testConfig, type Running } from './harness.ts';

const ROOM = '!nova:test';

const repliesTo = (content: Record<string, unknown>) =>
  (content['m.relates_to'] as { 'm.in_reply_to': { event_id: string } } | undefined)?.['m.in_reply_to'].event_id;

describe('matrix sync', () => {
  let fake: FakeHomeserver;
  const runs: Running[] = [];

  afterEach(async () => {
    for (const r of runs.splice(0)) await r.stop();
    await fake.close();
  });

  it('answers none of the backlog, its own events, notices, edits or ignored users', async () => {
    fake = await startFakeHomeserver();
    fake.addRoom(ROOM, { members: { '@gibi:test': 'gibi', '@bot:test': 'cyclebot', '@otherbot:test': 'meetbot' } });
    // History from before start-up: the first /sync replays it.
    const old = fake.say(ROOM, '@gibi:test', '!ptg eventlet', { ts: Date.now() - 60_000 });
    const older = fake.say(ROOM, '@gibi:test', '!status', { ts: Date.now() - 3_600_000 });

    const config = testConfig(fake, { ignore: ['@OtherBot:test'] });
    const run = await startBot(fake, { config });
    runs.push(run);
    await fake.waitFor(() => fake.syncs.length > 0);
    expect(fake.syncs[0].since).toBeNull();
    expect(fake.syncs[0].eventIds).toEqual(expect.arrayContaining([old.event_id, older.event_id]));

    fake.say(ROOM, '@bot:test', '!ptg eventlet'); // own m.text (another client of the same account)
    fake.say(ROOM, '@gibi:test', '!ptg eventlet', { msgtype: 'm.notice' });
    fake.say(ROOM, '@gibi:test', '!ptg eventlet', { msgtype: 'm.emote' });
    fake.say(ROOM, '@gibi:test', '* !ptg eventlet', {
      extra: { 'm.new_content': { msgtype: 'm.text', body: '!ptg eventlet' }, 'm.relates_to': { rel_type: 'm.replace', event_id: old.event_id } },
    });
    fake.say(ROOM, '@otherbot:test', '!ptg eventlet');
    fake.roomEvent(ROOM, '@gibi:test', 'm.room.encrypted', { algorithm: 'm.megolm.v1.aes-sha2', ciphertext: 'xyz' });
    fake.roomEvent(ROOM, '@gibi:test', 'm.room.encrypted', { algorithm: 'm.megolm.v1.aes-sha2', ciphertext: 'abc' });
    const sentinel = fake.say(ROOM, '@gibi:test', '!ptg placement');
    await fake.waitForSends(1);
    await run.bot.idle();
    expect(fake.sent.map((s) => repliesTo(s.content))).toEqual([sentinel.event_id]);
    expect(run.logs.filter((l) => l.msg.startsWith('encrypted messages in this room cannot be read')).map((l) => l.roomId)).toEqual([ROOM]);
    expect(
      run.logs
        .filter((l) => l.reason === 'before start-up')
        .map((l) => l.eventId)
        .sort(),
    ).toEqual([old.event_id, older.event_id].sort());
  });

  it('strips a reply fallback and a leading mention pill of the bot', async () => {
    fake = await startFakeHomeserver();
    fake.addRoom(ROOM, { members: { '@gibi:test': 'gibi' } });
    const run = await startBot(fake);
    runs.push(run);
    const quoted = fake.say(ROOM, '@gibi:test', '> <@alice:test> !status\n\n!ptg eventlet', {
      extra: { 'm.relates_to': { 'm.in_reply_to': { event_id: '$whatever' } } },
    });
    const pill = fake.say(ROOM, '@gibi:test', 'CycleBot (OpenStack): status', {
      extra: {
        format: 'org.matrix.custom.html',
        formatted_body: '<a href="https://matrix.to/#/%40bot%3Atest">CycleBot (OpenStack)</a>: status',
        'm.mentions': { user_ids: ['@bot:test'] },
      },
    });
    await fake.waitForSends(2);
    await run.bot.idle();
    const byQuestion = new Map(fake.sent.map((s) => [repliesTo(s.content), s.content.body as string]));
    expect(byQuestion.get(quoted.event_id)).toContain('Eventlet removal');
    expect(byQuestion.get(pill.event_id)).toMatch(/^cyclebot \d/);
    expect(fake.sent).toHaveLength(2);
  });

  it('resumes from the stored sync token after a restart and answers nothing twice', async () => {
    fake = await startFakeHomeserver();
    fake.addRoom(ROOM, { members: { '@gibi:test': 'gibi', '@alice:test': 'alice' } });
    const dbPath = tempDb();

    const first = await startBot(fake, { dbPath });
    runs.push(first);
    const q1 = fake.say(ROOM, '@gibi:test', '!ptg eventlet');
    await fake.waitForSends(1);
    await first.bot.idle();
    // Let the sync that carries the bot's own reply be processed, so its token is stored.
    await fake.waitFor(() => fake.syncs.some((s) => s.eventIds.includes(fake.sent[0].eventId)));
    await fake.waitFor(() => first.storage.getSyncToken() === fake.syncs.at(-1)!.nextBatch);
    const tokenAtStop = first.storage.getSyncToken();
    await first.stop();
    fake.releaseSyncs(); // the stopped client's long-poll ends; its answer must be ignored
    const db = openDb(dbPath);
    const stored = new KvRepo(db, 'matrix').get('sync_token');
    db.close();
    expect(stored).toMatch(/^s\d+$/);
    expect(stored).toBe(tokenAtStop);

    // While the bot is down (a short restart): one new question.
    const q2 = fake.say(ROOM, '@alice:test', '!status');
    const syncsBefore = fake.syncRequests().length;

    const second = await startBot(fake, { dbPath });
    runs.push(second);
    await fake.waitForSends(2);
    await second.bot.idle();
    const firstSyncOfSecondRun = fake.syncRequests()[syncsBefore];
    expect(firstSyncOfSecondRun.query.since).toBe(stored);
    expect(second.transport.resumedFrom).toBe(stored);
    // A few more syncs later, still exactly one answer per question.
    const q3 = fake.say(ROOM, '@gibi:test', '!ptg placement');
    await fake.waitForSends(3);
    await second.bot.idle();
    expect(fake.sent.map((s) => repliesTo(s.content))).toEqual([q1.event_id, q2.event_id, q3.event_id]);
  });

  it('without a stored token the first sync replays history, which the start-up time filter drops', async () => {
    fake = await startFakeHomeserver();
    fake.addRoom(ROOM, { members: { '@gibi:test': 'gibi' } });
    fake.say(ROOM, '@gibi:test', '!ptg eventlet', { ts: Date.now() - 20_000 });
    const run = await startBot(fake, { transport: { startupSkewMs: 5_000 } });
    runs.push(run);
    await fake.waitFor(() => run.transport.lastSyncAt !== null);
    const probe = fake.say(ROOM, '@gibi:test', '!status');
    await fake.waitForSends(1);
    await run.bot.idle();
    expect(fake.sent.map((s) => repliesTo(s.content))).toEqual([probe.event_id]);
    expect(run.transport.resumedFrom).toBeNull();
  });
});
