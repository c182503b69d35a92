// web.baseUrl set: a !ptg answer ends with the topic's permalink, and that path is a page the
// site serves; without it, no link to the site. Also /healthz: 200 only with every transport up.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { validateConfig } from '../../../src/config.ts';
import { renderPlain } from '../../../src/core/formatting.ts';
import { createRootLogger } from '../../../src/log.ts';
import { importText } from '../../../src/ptg/importer.ts';
import { slug, topicPosition } from '../../../src/ptg/permalink.ts';
import { healthReport } from '../../../src/web/health.ts';
import { roomMsg } from '../../helpers/messages.ts';
import { SUMMARY, testSite } from './site.ts';

const quiet = createRootLogger({ level: 'silent', format: 'json' });

async function ask(web: object | undefined, text: string): Promise<string> {
  const app = createApp({ dbPath: ':memory:', config: validateConfig({ ptg: { bundled: false }, ...(web ? { web } : {}) }), log: quiet });
  importText(app.repo, SUMMARY, 'nova-flamingo.md', { project: 'nova', cycle: 'flamingo', id: 'nova-flamingo' });
  const r = await app.router.handle(roomMsg(text));
  app.close();
  return r.kind === 'ignored' ? '' : r.replies.flatMap((x) => x.lines.map(renderPlain)).join('\n');
}

describe('permalinks', () => {
  it('end a !ptg answer when web.baseUrl is set, and the site serves that path', async () => {
    const answer = await ask({ baseUrl: 'https://cyclebot.example.org/' }, '!ptg evenlet');
    expect(answer.split('\n')[0]).toMatch(/ https:\/\/cyclebot\.example\.org\/ptg\/nova-flamingo\/0-eventlet-removal$/);
    const { server, close } = await testSite();
    expect((await server.inject('/ptg/nova-flamingo/0-eventlet-removal')).statusCode).toBe(200);
    await close();
  });

  it('are absent without web.baseUrl', async () => {
    expect(await ask(undefined, '!ptg evenlet')).not.toContain('/ptg/nova-flamingo');
  });

  it('slug titles safely and read the position back', () => {
    expect(slug('Quotas < limits & "quotes"')).toBe('quotas-limits-quotes');
    expect(slug('x'.repeat(10_000))).toHaveLength(60);
    expect(topicPosition('12-anything')).toBe(12);
    expect(topicPosition('12')).toBe(12);
    expect(topicPosition('x12')).toBeNull();
  });
});

describe('/healthz', () => {
  it('is 200 with no transport (the site alone) and with every transport up, 503 when one is down', async () => {
    expect(healthReport(undefined).ok).toBe(true);
    const up = { name: 'irc', facts: { state: 'registered', queued: 0 } };
    const down = { name: 'matrix', facts: { state: 'starting', queue: 3 } };
    expect(healthReport({ transports: () => [up] }).ok).toBe(true);
    const bad = healthReport({ transports: () => [up, down] });
    expect(bad.ok).toBe(false);
    expect(bad.body).toMatchObject({
      status: 'degraded',
      transports: [
        { name: 'irc', connected: true },
        { name: 'matrix', connected: false, queue: 3 },
      ],
    });
    const { server, close } = await testSite();
    const res = await server.inject('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', transports: [] });
    await close();
  });
});
