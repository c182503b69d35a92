// /teams: the served teams, each with its channels and links to its pages (decisions, schedule,
// calendar, triage); /teams/<team> goes to the team's schedule. A team of one is listed too.
import type { FastifyInstance } from 'fastify';
import { markup, type SafeHtml } from './html.ts';
import { page } from './layout.ts';
import { teamPath, type SiteTeam, type SiteTeams } from './teams.ts';

/** "#openstack-nova (IRC)", "!abc:example.org (Matrix)". */
function channel(target: string): SafeHtml {
  const i = target.indexOf(':');
  const kind = target.slice(0, i);
  return markup`<code>${target.slice(i + 1)}</code> <span class="muted">(${kind === 'irc' ? 'IRC' : kind === 'matrix' ? 'Matrix' : kind})</span>`;
}

function row(t: SiteTeam): SafeHtml {
  return markup`<tr><th scope="row"><a href="${teamPath(t.name, 'schedule')}">${t.name}</a></th>
<td>${t.channels.map((c, i) => markup`${i ? ', ' : ''}${channel(c)}`)}</td>
<td class="links"><a href="${teamPath(t.name, 'ptg')}">decisions</a> · <a href="${teamPath(t.name, 'schedule')}">schedule</a> · <a href="${teamPath(t.name, 'schedule.ics')}">calendar</a> · <a href="${teamPath(t.name, 'triage')}">triage</a></td></tr>`;
}

export function registerTeamPages(app: FastifyInstance, teams: SiteTeams): void {
  app.get('/teams', (_req, reply) => {
    reply.type('text/html; charset=utf-8');
    const n = teams.list.length;
    return page(
      { title: 'Teams', nav: { multi: teams.multi } },
      markup`<h1>Teams</h1>
<p class="muted">${n} team${n === 1 ? '' : 's'} served by this cyclebot: each team's decisions, release schedule and bug triage.</p>
<table class="teams"><thead><tr><th scope="col">Team</th><th scope="col">Channels</th><th scope="col">Pages</th></tr></thead>
<tbody>${teams.list.map(row)}</tbody></table>`,
    );
  });
  app.get<{ Params: { team: string } }>('/teams/:team', (req, reply) =>
    teams.byName.has(req.params.team) ? reply.redirect(teamPath(req.params.team, 'schedule')) : reply.callNotFound(),
  );
}
