// The schedule pages: /schedule/<team> (the cycle as a timeline, today marked, countdowns, past
// deadlines ticked) and /schedule/<team>.ics (what `schedule ics` writes; ETag, Last-Modified, 304),
// for every served team; /teams/<team>/schedule(.ics) are the same pages under the team's URLs.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { calendarText, teamCalendar } from '../schedule/calendar.ts';
import { isReminded, type ScheduleSettings } from '../schedule/settings.ts';
import type { ScheduleRepo } from '../schedule/repo.ts';
import { eventEnd } from '../schedule/time.ts';
import type { ScheduleEvent } from '../schedule/types.ts';
import { byStart, currentCycle, cycleLabel, upcoming } from '../schedule/view.ts';
import { markup, type SafeHtml } from './html.ts';
import { page } from './layout.ts';
import { teamPath, type SiteTeam, type SiteTeams } from './teams.ts';

export interface SchedulePagesDeps {
  schedules: ScheduleRepo;
  teams: SiteTeams;
  clock: () => Date;
}

const DAY = 86_400_000;

/** "today", "tomorrow", "in 12 days", "3 days ago". */
export function countdown(e: ScheduleEvent, now: Date): string {
  const days = Math.round((Date.parse(`${e.date}T00:00:00Z`) - Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`)) / DAY);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  return days > 0 ? `in ${days} days` : `${-days} day${days === -1 ? '' : 's'} ago`;
}

const when = (e: ScheduleEvent) => `${e.date}${e.time ? ` ${e.time} UTC` : ''}${e.endDate ? ` to ${e.endDate}` : ''}`;

function timeline(events: ScheduleEvent[], s: ScheduleSettings, now: Date): SafeHtml {
  const rows: SafeHtml[] = [];
  let marked = false;
  const today = markup`<tr class="today" id="today"><td>${now.toISOString().slice(0, 10)}</td><td>▶ today</td><td></td></tr>`;
  for (const e of events) {
    const past = +eventEnd(e) <= +now;
    if (!past && !marked) {
      rows.push(today);
      marked = true;
    }
    rows.push(
      markup`<tr class="${past ? 'past' : 'future'}"><td>${when(e)}</td><td>${past ? markup`<span class="tick" aria-label="done">✓</span> ` : ''}${e.title}${isReminded(e, s) ? '' : markup` <span class="muted">(no reminder)</span>`}</td><td>${countdown(e, now)}</td></tr>`,
    );
  }
  if (!marked) rows.push(today);
  return markup`<table><thead><tr><th scope="col">Date</th><th scope="col">Event</th><th scope="col">When</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function registerSchedulePages(app: FastifyInstance, deps: SchedulePagesDeps): void {
  const { teams } = deps;
  /** Last-Modified per calendar content: when this process first served that content. */
  const firstSeen = new Map<string, Date>();

  // One team: its page. Many: the team list picks one.
  app.get('/schedule', (_req, reply) => reply.redirect(teams.multi ? '/teams' : `/schedule/${encodeURIComponent(teams.list[0].name)}`));

  app.get<{ Params: { team: string } }>('/schedule/:team', (req, reply) => {
    const name = req.params.team;
    const ics = name.endsWith('.ics');
    const team = teams.byName.get(ics ? name.slice(0, -4) : name);
    if (!team) return reply.callNotFound();
    return ics ? calendar(team, req.headers, reply) : schedulePage(team, reply);
  });
  app.get<{ Params: { team: string } }>('/teams/:team/schedule', (req, reply) => {
    const team = teams.byName.get(req.params.team);
    return team ? schedulePage(team, reply) : reply.callNotFound();
  });
  app.get<{ Params: { team: string } }>('/teams/:team/schedule.ics', (req, reply) => {
    const team = teams.byName.get(req.params.team);
    return team ? calendar(team, req.headers, reply) : reply.callNotFound();
  });

  function schedulePage(team: SiteTeam, reply: FastifyReply) {
    const { name, schedule: settings } = team;
    const nav = { multi: teams.multi, team: name };
    const now = deps.clock();
    const cycle = currentCycle(deps.schedules.cycles(), now, settings.cycle ?? null);
    reply.type('text/html; charset=utf-8');
    if (!cycle)
      return page(
        { title: `${name} schedule`, nav },
        markup`<h1>${name} schedule</h1><p class="nothing">No release schedule imported yet (cyclebot schedule sync).</p>`,
      );
    const cal = teamCalendar(deps.schedules, settings, cycle);
    const events = [...cal.events].sort(byStart);
    const next = upcoming(events, settings, now, 3);
    const ics = teams.multi ? teamPath(name, 'schedule.ics') : `/schedule/${encodeURIComponent(name)}.ics`;
    return page(
      { title: `${name} ${cycleLabel(cycle, cycle.name)} schedule`, nav },
      markup`<h1>${name} ${cycleLabel(cycle, cycle.name)} schedule</h1>
<p class="meta">${cycle.startDate} to ${cycle.endDate} · <a href="${ics}">subscribe (iCalendar)</a></p>
<h2>Next deadlines</h2>
${next.length ? markup`<ul class="next">${next.map((e) => markup`<li><strong>${e.title}</strong>: ${when(e)}, <span class="countdown">${countdown(e, now)}</span></li>`)}</ul>` : markup`<p class="muted">Nothing left this cycle.</p>`}
<h2>Timeline</h2>
${timeline(events, settings, now)}`,
    );
  }

  function calendar(team: SiteTeam, headers: Record<string, string | string[] | undefined>, reply: FastifyReply) {
    const cal = teamCalendar(deps.schedules, team.schedule);
    // Tagged by content, not by the text: DTSTAMP would change the text on every request.
    const etag = `"${createHash('sha256')
      .update(JSON.stringify([cal.name, cal.events, [...cal.cycles.values()]]))
      .digest('base64url')
      .slice(0, 27)}"`;
    let since = firstSeen.get(etag);
    if (!since) {
      since = new Date(Math.floor(deps.clock().getTime() / 1000) * 1000);
      if (firstSeen.size > 100) firstSeen.clear();
      firstSeen.set(etag, since);
    }
    reply.header('etag', etag).header('last-modified', since.toUTCString()).header('cache-control', 'public, max-age=300');
    const inm = headers['if-none-match'];
    const ims = headers['if-modified-since'];
    const matches =
      inm !== undefined
        ? String(inm)
            .split(',')
            .some((t) => t.trim() === etag || t.trim() === '*')
        : typeof ims === 'string' && Date.parse(ims) >= +since;
    if (matches) return reply.code(304).send();
    return reply.type('text/calendar; charset=utf-8').send(calendarText(cal, since));
  }
}
