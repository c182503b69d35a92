// /triage: the chart has one point per recorded count, rounds show decisions and who made them,
// carried bugs are listed, and bug titles are escaped.
import { afterEach, describe, expect, it } from 'vitest';
import { BACKLOG, recordHistory } from '../../helpers/triage-history.ts';
import { testSite } from './site.ts';

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

describe('/triage', () => {
  it('charts the recorded backlog counts, oldest first, one point each', async () => {
    const s = await testSite();
    close = s.close;
    recordHistory(s.app.db);
    const res = await s.server.inject('/triage');
    expect(res.statusCode).toBe(200);
    const values = [...res.body.matchAll(/<circle class="point"[^>]*data-value="(\d+)"/g)].map((m) => Number(m[1]));
    expect(values).toEqual(BACKLOG);
    // The highest count sits at the top of the plot, the x axis spans the first to the last day.
    expect(res.body).toMatch(/<text [^>]*>42<\/text>/);
    expect(res.body).toContain('>2026-11-01</text>');
    expect(res.body).toContain('>2026-11-29</text>');
  });

  it('lists rounds with decisions and their makers, and carried bugs, titles escaped', async () => {
    const s = await testSite();
    close = s.close;
    recordHistory(s.app.db);
    const body = (await s.server.inject('/triage')).body;
    expect(body).toContain('Started by alice in #openstack-nova · 2 bugs of 30 untriaged (status New) · still running');
    expect(body).toMatch(
      /#2100001<\/a> Live migration &lt;script&gt;alert\(1\)&lt;\/script&gt; fails: <strong>importance High<\/strong> <span class="muted">by bob<\/span>/,
    );
    expect(body).toMatch(
      /<ul class="carried"><li><a href="https:\/\/bugs\.launchpad\.net\/nova\/\+bug\/2100002">#2100002<\/a> Scheduler ignores &quot;weights&quot; &amp; traits <span class="muted">\(deferred\)<\/span>/,
    );
    expect(body).not.toContain('<script>');
  });

  it('says so when nothing is recorded yet', async () => {
    const s = await testSite();
    close = s.close;
    const body = (await s.server.inject('/triage')).body;
    expect(body).toContain('No backlog counted yet.');
    expect(body).toContain('No triage round yet');
  });
});
