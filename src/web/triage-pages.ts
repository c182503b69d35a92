// /teams/<team>/triage (and /triage for a team of one): the untriaged backlog over time (the
// counts the bot records), every round with its decisions and who made them, and the bugs carried
// to the next round, of the team's Launchpad projects (a team of several: each bug linked to its
// own project's page on Launchpad and labelled with it). Read-only.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TriageRepo } from '../triage/repo.ts';
import type { Decision } from '../triage/round.ts';
import { lineChart } from './chart.ts';
import { href, markup, type SafeHtml } from './html.ts';
import { page } from './layout.ts';
import type { SiteTeam, SiteTeams } from './teams.ts';

export interface TriagePagesDeps {
  repo: TriageRepo;
  teams: SiteTeams;
}

const ROUNDS = 20;
const POINTS = 365;
const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

export function registerTriagePages(app: FastifyInstance, deps: TriagePagesDeps): void {
  const { repo, teams } = deps;
  // One team: its page. Many: the team list picks one.
  app.get('/triage', (_req, reply) => (teams.multi ? reply.redirect('/teams') : triagePage(teams.list[0], reply)));
  app.get<{ Params: { team: string } }>('/teams/:team/triage', (req, reply) => {
    const team = teams.byName.get(req.params.team);
    return team ? triagePage(team, reply) : reply.callNotFound();
  });

  function triagePage(team: SiteTeam, reply: FastifyReply) {
    const project = team.triageProject;
    // "neutron + networking-ovn": a team of several projects counts and walks them together.
    const label = team.projects.join(' + ');
    const several = team.projects.length > 1;
    const nav = { multi: teams.multi, team: team.name };
    // A bug as its project's task: that project's bug page, and (a team of several) the project named.
    const bug = (taskProject: string, id: number): SafeHtml => {
      const t = repo.task(taskProject, id);
      const link = t?.webLink ?? `https://bugs.launchpad.net/${encodeURIComponent(taskProject)}/+bug/${id}`;
      return markup`<a href="${href(link)}">#${id}</a>${several ? markup` <span class="project muted">in ${taskProject}</span>` : ''}${t ? markup` ${t.title}` : ''}`;
    };
    const decision = (d: Decision): SafeHtml =>
      markup`<li>${bug(d.project, d.bugId)}: <strong>${d.kind}${d.value ? ` ${d.value}` : ''}</strong>${d.reason ? ` (${d.reason})` : ''} <span class="muted">by ${d.by.display}${d.writeState === 'pending' || d.writeState === 'failed' ? `, Launchpad write ${d.writeState}` : ''}</span></li>`;

    const points = repo
      .backlog(project, POINTS)
      .reverse()
      .map((p) => ({ at: p.takenAt, value: p.untriaged }));
    const rounds = repo.roundsSince(project, 0).slice(-ROUNDS).reverse();
    // Carry-overs stay with their project: every project's.
    const carried = team.projects.flatMap((p) => repo.carried(p).map((c) => ({ ...c, project: p })));
    reply.type('text/html; charset=utf-8');
    return page(
      { title: `${label} triage`, nav },
      markup`<h1>${label} bug triage</h1>
<h2>Untriaged backlog</h2>
${lineChart(points, `${label} untriaged bugs over time`)}
<h2>Carried to the next round</h2>
${carried.length ? markup`<ul class="carried">${carried.map((c) => markup`<li>${bug(c.project, c.bugId)} <span class="muted">(${c.reason})</span></li>`)}</ul>` : markup`<p class="muted">Nothing carried over.</p>`}
<h2>Rounds</h2>
${
  rounds.length
    ? rounds.map((r) => {
        const decisions = repo.decisionsOfRound(r.id).filter((d) => d.kind !== 'undo');
        return markup`<article class="card round"><h3>${stamp(r.startedAt)}${r.meeting?.name ? ` · ${r.meeting.name}` : ''}</h3>
<p class="meta">Started by ${r.startedBy.display} in ${r.room} · ${r.size} bugs of ${r.backlog} untriaged (${r.query})${r.endedAt ? '' : ' · still running'}</p>
${decisions.length ? markup`<ul>${decisions.map(decision)}</ul>` : markup`<p class="muted">No decision recorded.</p>`}</article>`;
      })
    : markup`<p class="muted">No triage round yet: start one in the meeting with the triage command.</p>`
}`,
    );
  }
}
