import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { DirectRooms, type DmApi } from '../../../../src/transports/matrix/dms.ts';
import { RoomCache, type RoomApi } from '../../../../src/transports/matrix/rooms.ts';

const log = pino({ level: 'silent' });
const notFound = Object.assign(new Error('M_NOT_FOUND'), { statusCode: 404, errcode: 'M_NOT_FOUND' });

function roomApi(state: Record<string, unknown>, members: string[] = []) {
  const calls: string[] = [];
  const api: RoomApi = {
    async getRoomStateEvent(roomId, type, key) {
      calls.push(`${roomId} ${type} ${key}`);
      const v = state[`${roomId} ${type} ${key}`];
      if (v instanceof Error) throw v;
      if (v === undefined) throw notFound;
      return v;
    },
    async getJoinedRoomMembers(roomId) {
      calls.push(`${roomId} members`);
      return members;
    },
  };
  return { api, calls };
}

describe('RoomCache', () => {
  it('fetches power levels once, then follows timeline changes', async () => {
    const { api, calls } = roomApi({ '!r m.room.power_levels ': { users: { '@a:t': 100 }, users_default: 5 } });
    const rooms = new RoomCache(api, log);
    expect(await rooms.powerLevel('!r', '@a:t')).toBe(100);
    expect(await rooms.powerLevel('!r', '@b:t')).toBe(5);
    rooms.observe('!r', { type: 'm.room.power_levels', state_key: '', content: { users: { '@b:t': 50 } } });
    expect(await rooms.powerLevel('!r', '@b:t')).toBe(50);
    expect(await rooms.powerLevel('!r', '@a:t')).toBe(0);
    expect(calls).toEqual(['!r m.room.power_levels ']);
  });

  it('treats a room without power levels as level 0 and does not cache other failures', async () => {
    const boom = Object.assign(new Error('down'), { code: 'ECONNRESET' });
    const { api, calls } = roomApi({ '!bad m.room.power_levels ': boom });
    const rooms = new RoomCache(api, log);
    expect(await rooms.powerLevel('!none', '@a:t')).toBe(0);
    expect(await rooms.powerLevel('!bad', '@a:t')).toBeUndefined();
    expect(await rooms.powerLevel('!bad', '@a:t')).toBeUndefined();
    expect(calls.filter((c) => c.startsWith('!bad'))).toHaveLength(2);
  });

  it('caches display names and member counts, updated by member events', async () => {
    const { api, calls } = roomApi({ '!r m.room.member @a:t': { membership: 'join', displayname: 'Alice' } }, ['@a:t', '@bot:t']);
    const rooms = new RoomCache(api, log);
    expect(await rooms.displayName('!r', '@a:t')).toBe('Alice');
    expect(await rooms.displayName('!r', '@a:t')).toBe('Alice');
    expect(await rooms.displayName('!r', '@nobody:t')).toBeNull();
    rooms.observe('!r', { type: 'm.room.member', state_key: '@a:t', content: { membership: 'join', displayname: 'Alice B' } });
    expect(await rooms.displayName('!r', '@a:t')).toBe('Alice B');
    expect(await rooms.joinedCount('!r')).toBe(2);
    expect(await rooms.joinedCount('!r')).toBe(2);
    rooms.observe('!r', { type: 'm.room.member', state_key: '@c:t', content: { membership: 'join' } });
    await rooms.joinedCount('!r');
    expect(calls.filter((c) => c.endsWith('members'))).toHaveLength(2);
    expect(calls.filter((c) => c.includes('@a:t'))).toHaveLength(1);
  });
});

describe('DirectRooms', () => {
  function dmApi(initial?: Record<string, string[]>) {
    let data: unknown = initial;
    const created: string[][] = [];
    const api: DmApi = {
      async getAccountData<T>() {
        if (data === undefined) throw notFound;
        return data as T;
      },
      async setAccountData(_type, content) {
        data = structuredClone(content);
        return {};
      },
      async leaveRoom() {
        return {};
      },
      async createRoom(opts) {
        created.push(opts.invite);
        await new Promise((r) => setTimeout(r, 5));
        return `!dm${created.length}`;
      },
    };
    return { api, created, data: () => data };
  }

  it('reuses m.direct rooms and creates one (once) otherwise', async () => {
    const fake = dmApi({ '@a:t': ['!old'], '@x:t': 'junk' as unknown as string[] });
    const dms = new DirectRooms(fake.api, log);
    await dms.load();
    expect(dms.isDm('!old')).toBe(true);
    expect(await dms.roomFor('@a:t')).toBe('!old');
    const [r1, r2] = await Promise.all([dms.roomFor('@b:t'), dms.roomFor('@b:t')]);
    expect(r1).toBe('!dm1');
    expect(r2).toBe('!dm1');
    expect(fake.created).toEqual([['@b:t']]);
    expect(fake.data()).toEqual({ '@a:t': ['!old'], '@b:t': ['!dm1'] });
    await dms.forget('!old');
    expect(dms.isDm('!old')).toBe(false);
    expect(await dms.roomFor('@a:t')).toBe('!dm2');
  });

  it('starts empty when m.direct does not exist', async () => {
    const fake = dmApi();
    const dms = new DirectRooms(fake.api, log);
    await dms.load();
    expect(dms.isDm('!x')).toBe(false);
  });
});
