// Triage per team: two teams run rounds at the same time in their own channels, each on its own
// Launchpad project; every command in a room goes to the round running there; a shared channel
// outside a meeting names the team ("!triage start manila") or is asked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { validateConfig } from '../../../src/config.ts';
import { renderPlain } from '../../../src/core/formatting.ts';
import { createRootLogger } from '../../../src/log.ts';
import { FakeLaunchpad } from '../../helpers/fake-launchpad.ts';
import { roomMsg } from '../../helpers/messages.ts';
import { chair, NOW } from './harness.ts';

const fake = new FakeLaunchpad();
fake.projects.add('manila');
beforeAll(() => fake.start());
afterAll(() => fake.stop());

describe('triage per team', () => {
  it('runs two rounds at once, in two channels, each on its team’s project', async () => {
    const config = validateConfig(
      {
        irc: { host: 'h', password: 'p' },
        rateLimit: { burst: 1000, refillSeconds: 1 },
        permissions: { chairs: ['irc:gibi'] },
        launchpad: { url: fake.url, allowHttp: true, timeoutSeconds: 2, retries: 0 },
        teams: [
          { name: 'nova', channels: ['irc:#openstack-nova', 'irc:#openstack-meeting'] },
          { name: 'manila', channels: ['irc:#openstack-manila', 'irc:#openstack-meeting'], triage: { count: 2 } },
        ],
      },
      'test',
      {},
    );
    const app = createApp({
      dbPath: ':memory:',
      config,
      log: createRootLogger({ level: 'silent', format: 'json' }),
      clock: () => NOW,
      triage: { sleep: async () => {} },
    });
    const say = async (room: string, text: string) => {
      const r = await app.router.handle(roomMsg(text, chair, { transport: 'irc', room }));
      return r.kind === 'ignored' ? [] : r.replies.flatMap((x) => x.lines.map(renderPlain));
    };
    const [nova, manila] = await Promise.all([say('#openstack-nova', '!triage start 3'), say('#openstack-manila', '!triage start')]);
    expect(nova[0]).toMatch(/^Bug triage, nova: .* This round: 3 bugs, newest first\.$/);
    expect(manila[0]).toMatch(/^Bug triage, manila: .* This round: 2 bugs, newest first\.$/);
    expect(nova[1]).toContain('https://bugs.launchpad.net/nova/+bug/2106001 — 1 of 3');
    expect(manila[1]).toContain('https://bugs.launchpad.net/manila/+bug/2106001 — 1 of 2');
    // Each channel's commands go to its own round.
    expect(await say('#openstack-manila', '!triage skip')).toEqual([
      'Bug 2106001: skipped — recorded for gibi',
      expect.stringMatching(/^Bug 2105950 .* https:\/\/bugs\.launchpad\.net\/manila\/\+bug\/2105950 — 2 of 2: /),
    ]);
    expect((await say('#openstack-nova', '!triage status'))[0]).toMatch(
      /^Triage round running \(nova, newest first, .*\): bug 1 of 3; 0 decided, 0 deferred, 0 skipped$/,
    );
    expect((await say('#openstack-manila', '!triage end'))[0]).toMatch(
      /^Triage round ended: 0 bugs reviewed; 0 deferred, 1 skipped, 1 not reached .* 9 untriaged manila bugs /,
    );
    expect((await say('#openstack-nova', '!triage end'))[0]).toMatch(/^Triage round ended: .* 3 not reached .* 9 untriaged nova bugs /);
    // A shared channel outside a meeting asks which team, or takes the one named.
    expect(await say('#openstack-meeting', '!triage start')).toEqual([
      "which team? this channel is shared by nova, manila (!teams): say !triage start <team> [N], or ask during the team's meeting",
    ]);
    // Manila's carried bug, not nova's: the round is manila's, and so are its next bug and its end.
    expect((await say('#openstack-meeting', '!triage start manila 2'))[0]).toMatch(
      /^Bug triage, manila: .* This round: 2 bugs, newest first \(1 carried over\)\.$/,
    );
    expect((await say('#openstack-meeting', '!triage skip'))[1]).toMatch(/^Bug \d+ .* https:\/\/bugs\.launchpad\.net\/manila\/\+bug\/\d+ — 2 of 2/);
    expect((await say('#openstack-meeting', '!triage end'))[0]).toMatch(/ 9 untriaged manila bugs /);
    app.close();
  });
});
