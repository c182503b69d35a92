// /metrics: Prometheus text with the search histogram, requests by status, reminders by ledger
// state (late included), triage decisions by write state, transports.
import { describe, expect, it } from 'vitest';
import { recordHistory } from '../../helpers/triage-history.ts';
import { testSite } from './site.ts';

describe('/metrics', () => {
  it('counts what happened, from the requests and the database', async () => {
    const s = await testSite();
    recordHistory(s.app.db);
    const due = Date.parse('2026-11-02T09:00:00Z');
    const key = { channel: 'irc:#openstack-nova', eventKey: 'flamingo:f-nova-spec-freeze', offset: '1w', occurrence: '' };
    s.app.db
      .prepare(
        "INSERT INTO schedule_ledger (channel, event_key, offset_name, occurrence, due_at, state, done_at, note) VALUES (?, ?, ?, ?, ?, 'sent', ?, NULL)",
      )
      .run(key.channel, key.eventKey, key.offset, key.occurrence, due, due + 3_600_000);
    s.app.db
      .prepare(
        "INSERT INTO schedule_ledger (channel, event_key, offset_name, occurrence, due_at, state, done_at, note) VALUES (?, ?, ?, ?, ?, 'skipped', ?, 'meeting')",
      )
      .run(key.channel, key.eventKey, '2w', key.occurrence, due, due);
    await s.server.inject('/ptg?q=eventlet');
    await s.server.inject('/ptg?q=eventlet+removal');
    await s.server.inject('/nope');
    const res = await s.server.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const m = res.body;
    expect(m).toContain('cyclebot_search_seconds_count{source="web"} 2');
    expect(m).toContain('cyclebot_web_requests_total{status="200"} 2');
    expect(m).toContain('cyclebot_web_requests_total{status="404"} 1');
    expect(m).toContain('cyclebot_reminders{state="sent"} 1');
    expect(m).toContain('cyclebot_reminders{state="skipped"} 1');
    expect(m).toContain('cyclebot_reminders{state="late"} 1');
    expect(m).toContain('cyclebot_triage_decisions{write_state="written"} 1');
    await s.close();
  });
});
