// !ptg per team: a team's summaries (a summary's team is its project) answer in its channel; another
// team's topic only when the query names that team or nothing of the team matches, labelled.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { validateConfig } from '../../../src/config.ts';
import { renderPlain } from '../../../src/core/formatting.ts';
import { createRootLogger } from '../../../src/log.ts';
import { seedIfEmpty } from '../../../src/ptg/bundled.ts';
import { importText } from '../../../src/ptg/importer.ts';
import { ROOT } from '../../helpers/cli.ts';
import { roomMsg } from '../../helpers/messages.ts';

const quiet = createRootLogger({ level: 'silent', format: 'json' });
function appWith(raw: Record<string, unknown>) {
  const app = createApp({ dbPath: ':memory:', config: validateConfig({ rateLimit: { burst: 1000, refillSeconds: 1 }, ...raw }), log: quiet });
  seedIfEmpty(app.repo);
  importText(app.repo, fs.readFileSync(path.join(ROOT, 'data/ptg/neutron-wallaby.md'), 'utf8'), 'neutron-wallaby', { project: 'neutron', cycle: 'wallaby' });
  return app;
}
const app = appWith({
  irc: { host: 'h', password: 'p' },
  teams: [
    { name: 'nova', channels: ['irc:#openstack-nova', 'irc:#openstack-meeting'] },
    { name: 'neutron', channels: ['irc:#openstack-neutron', 'irc:#openstack-meeting'], projects: ['neutron', 'networking-ovn'] },
  ],
});
async function first(a: typeof app, text: string, room: string): Promise<string> {
  const r = await a.router.handle(roomMsg(text, undefined, { transport: 'irc', room }));
  return r.kind === 'ignored' ? '' : renderPlain(r.replies[0].lines[0]);
}

describe('!ptg per team', () => {
  it("answers from the channel's team first", async () => {
    expect(await first(app, '!ptg ovn', '#openstack-nova')).toMatch(/^\[nova 2025\.2 flamingo\] OVN Migration/);
    expect(await first(app, '!ptg ovn', '#openstack-neutron')).toMatch(/^\[neutron wallaby\] /);
    expect(await first(app, '!ptg api', '#openstack-neutron')).toMatch(/^\[neutron wallaby\] Healtcheck API endpoint/);
  });

  it("gives another team's topic, labelled, when nothing of the team matches or the query names that team", async () => {
    expect(await first(app, '!ptg rbac', '#openstack-neutron')).toMatch(/^\[nova team: nova 2025\.2 flamingo\] Secure RBAC/);
    expect(await first(app, '!ptg nova ovn', '#openstack-neutron')).toMatch(/^\[nova team: nova 2025\.2 flamingo\] OVN Migration/);
    expect(await first(app, '!ptg neutron ci', '#openstack-nova')).toMatch(/^\[neutron team: neutron wallaby\] CI \(in\)stablility/);
  });

  it('a shared channel outside a meeting, and a team of one, prefer nothing', async () => {
    const shared = await first(app, '!ptg ovn', '#openstack-meeting');
    const one = appWith({});
    expect(await first(one, '!ptg ovn', '#openstack-nova')).toBe(shared);
    expect(shared).toMatch(/^\[nova 2025\.2 flamingo\] OVN Migration/);
    expect(await first(one, '!ptg api', '#openstack-neutron')).toMatch(/^\[nova 2025\.2 flamingo\] /);
    one.close();
  });
});
