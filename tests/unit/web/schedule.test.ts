// /schedule/<team>: the current cycle's timeline with today marked, the next deadlines with
// countdowns, past ones ticked; /schedule/<team>.ics: `schedule ics`'s content with ETag,
// Last-Modified and 304 on a match.
import { afterEach, describe, expect, it } from 'vitest';
import { calendarText, teamCalendar } from '../../../src/schedule/calendar.ts';
import { testSite } from './site.ts';

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

const NOW = new Date('2025-07-01T12:00:00Z');

async function site(now = NOW) {
  const s = await testSite({ now });
  close = s.close;
  return s;
}

describe('schedule pages', () => {
  it('sends /schedule to the team named after its project', async () => {
    const { server } = await site();
    const res = await server.inject('/schedule');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/schedule/nova');
    expect((await server.inject('/schedule/neutron')).statusCode).toBe(404);
  });

  it('shows the next deadline with its countdown, today marked, past events ticked', async () => {
    const { server, app } = await site();
    const res = await server.inject('/schedule/nova');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('nova 2025.2 Flamingo schedule');
    const next = app.schedules
      .events({ cycle: 'flamingo' })
      .filter((e) => e.date > '2025-07-01' && (e.project === null || e.project === 'nova'))
      .sort((a, b) => a.date.localeCompare(b.date))[0];
    const days = Math.round((Date.parse(next.date) - Date.parse('2025-07-01')) / 86_400_000);
    expect(res.body).toMatch(
      new RegExp(
        `<ul class="next"><li><strong>${next.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</strong>: ${next.date}[^<]*, <span class="countdown">in ${days} days</span>`,
      ),
    );
    expect(res.body).toContain('<tr class="today" id="today"><td>2025-07-01</td>');
    const [before, after] = res.body.split('id="today"');
    expect(before).toMatch(/class="past"><td>[^<]*<\/td><td><span class="tick" aria-label="done">✓<\/span>/);
    expect(before).not.toContain('class="future"');
    expect(after).not.toContain('class="past"');
  });

  it('serves the same calendar as `schedule ics`, with an ETag and Last-Modified, 304 on a match', async () => {
    const { server, app } = await site();
    const res = await server.inject('/schedule/nova.ics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const since = new Date(res.headers['last-modified'] as string);
    expect(res.body).toBe(calendarText(teamCalendar(app.schedules, app.scheduleSettings), since));
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await server.inject({ url: '/schedule/nova.ics', headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    expect((await server.inject({ url: '/schedule/nova.ics', headers: { 'if-modified-since': since.toUTCString() } })).statusCode).toBe(304);
    expect((await server.inject({ url: '/schedule/nova.ics', headers: { 'if-none-match': '"other"' } })).statusCode).toBe(200);
  });

  it('tags the calendar by its content: a moved deadline is a new ETag, and the old one gets the new calendar', async () => {
    const { server, app } = await site();
    const first = await server.inject('/schedule/nova.ics');
    const event = app.schedules.events().find((e) => e.project === 'nova' && e.date > '2025-07-01')!;
    app.schedules.putEvent({ ...event, date: event.date.replace(/-(\d\d)$/, (_m, d: string) => `-${String((Number(d) % 28) + 1).padStart(2, '0')}`) });
    const moved = await server.inject({ url: '/schedule/nova.ics', headers: { 'if-none-match': first.headers.etag as string } });
    expect(moved.statusCode).toBe(200);
    expect(moved.headers.etag).not.toBe(first.headers.etag);
    expect(moved.body).not.toBe(first.body);
    expect((await server.inject({ url: '/schedule/nova.ics', headers: { 'if-none-match': moved.headers.etag as string } })).statusCode).toBe(304);
  });
});
