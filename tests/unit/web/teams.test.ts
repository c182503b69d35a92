// The site with many teams: /teams lists them with their channels and pages; each team's schedule,
// calendar, triage and search live under /teams/<name>/ (its own deadlines, its Launchpad project,
// its summaries first, another team's labelled), text escaped; /schedule and /triage send to the
// list. A team of one is listed too and keeps its single-team URLs.
import { afterEach, describe, expect, it } from 'vitest';
import { importText } from '../../../src/ptg/importer.ts';
import { TriageRepo } from '../../../src/triage/repo.ts';
import { recordHistory, T0 } from '../../helpers/triage-history.ts';
import { testSite } from './site.ts';

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

const MANILA = `# Manila 2025.2 Flamingo PTG summary

## Eventlet removal in manila-share

The share service drops eventlet too.
AGREED: manila-share runs threaded from this cycle
`;

const TEAMS = {
  teams: [
    { name: 'nova', channels: ['irc:#openstack-nova', 'matrix:!nova:example.org', 'irc:#openstack-meeting'] },
    { name: 'manila', channels: ['irc:#openstack-manila', 'irc:#openstack-meeting'] },
    { name: 'neutron', channels: ['irc:#openstack-neutron'], projects: ['neutron', 'networking-ovn'] },
  ],
};

async function site(config: object = TEAMS) {
  const s = await testSite({ now: new Date('2025-07-01T12:00:00Z'), config });
  close = s.close;
  importText(s.app.repo, MANILA, 'manila-flamingo.md', { project: 'manila', cycle: 'flamingo', id: 'manila-flamingo' });
  recordHistory(s.app.db);
  return s;
}

describe('web site with many teams', () => {
  it('lists the teams with their channels and pages; the single-team entry pages send to the list', async () => {
    const { server } = await site();
    const res = await server.inject('/teams');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('3 teams served by this cyclebot');
    expect(res.body).toContain(
      '<tr><th scope="row"><a href="/teams/manila/schedule">manila</a></th>\n<td><code>#openstack-manila</code> <span class="muted">(IRC)</span>, <code>#openstack-meeting</code> <span class="muted">(IRC)</span></td>',
    );
    expect(res.body).toContain('<code>!nova:example.org</code> <span class="muted">(Matrix)</span>');
    for (const page of ['ptg', 'schedule', 'schedule.ics', 'triage']) expect(res.body).toContain(`href="/teams/manila/${page}"`);
    expect(res.body).toContain('<nav aria-label="site"><a href="/teams">Teams</a><a href="/ptg">Decisions</a></nav>');
    for (const [from, to] of [
      ['/', '/teams'],
      ['/schedule', '/teams'],
      ['/triage', '/teams'],
      ['/teams/manila', '/teams/manila/schedule'],
    ]) {
      const r = await server.inject(from);
      expect([from, r.statusCode, r.headers.location]).toEqual([from, 302, to]);
    }
    for (const url of ['/teams/cinder', '/teams/cinder/schedule', '/teams/cinder/triage', '/teams/cinder/ptg?q=x', '/schedule/cinder.ics'])
      expect([url, (await server.inject(url)).statusCode]).toEqual([url, 404]);
  });

  it("each team's schedule page and calendar show its deadlines, not another team's", async () => {
    const { server } = await site();
    const manila = await server.inject('/teams/manila/schedule');
    expect(manila.statusCode).toBe(200);
    expect(manila.body).toContain('<h1>manila 2025.2 Flamingo schedule</h1>');
    expect(manila.body).toContain('Manila');
    expect(manila.body).not.toContain('Nova Spec');
    expect(manila.body).toContain('<a href="/teams/manila/schedule.ics">subscribe (iCalendar)</a>');
    expect(manila.body).toContain(
      '<a href="/teams">Teams</a><a href="/teams/manila/ptg">manila decisions</a><a href="/teams/manila/schedule">Schedule</a><a href="/teams/manila/triage">Triage</a>',
    );
    // The single-team URL of a team's page still answers, with the same page.
    expect((await server.inject('/schedule/manila')).body).toBe(manila.body);
    expect((await server.inject('/teams/nova/schedule')).body).toContain('Nova Spec');
    const ics = await server.inject('/teams/manila/schedule.ics');
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
    expect(ics.body).toContain('Manila');
    expect(ics.body).not.toContain('Nova Spec');
    const etag = ics.headers.etag as string;
    expect((await server.inject({ url: '/teams/manila/schedule.ics', headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    expect((await server.inject({ url: '/schedule/manila.ics', headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    expect((await server.inject('/teams/nova/schedule.ics')).headers.etag).not.toBe(etag);
  });

  it("each team's triage page shows its Launchpad project's rounds", async () => {
    const { server } = await site();
    const nova = (await server.inject('/teams/nova/triage')).body;
    expect(nova).toContain('<h1>nova bug triage</h1>');
    expect(nova).toContain('Started by alice in #openstack-nova');
    expect(nova).toContain('Live migration &lt;script&gt;');
    const manila = (await server.inject('/teams/manila/triage')).body;
    expect(manila).toContain('<h1>manila bug triage</h1>');
    expect(manila).toContain('No triage round yet');
    expect((await server.inject('/teams/neutron/triage')).body).toContain('<h1>neutron + networking-ovn bug triage</h1>');
  });

  it("a team of several projects' triage page links each bug to its own project and names it", async () => {
    const { server, app } = await site();
    const repo = new TriageRepo(app.db);
    const task = (id: number, project: string, title: string) => ({
      id,
      title,
      status: 'New',
      importance: 'Undecided',
      created: '2026-10-01T00:00:00Z',
      webLink: `https://bugs.launchpad.net/${project}/+bug/${id}`,
      taskLink: '',
      bugLink: '',
      assigneeLink: null,
    });
    repo.upsertTasks('neutron', [task(3001, 'neutron', 'Router <b>gateway</b> flaps')], T0);
    repo.upsertTasks('networking-ovn', [task(3002, 'networking-ovn', 'OVN metadata agent leaks ports')], T0);
    const by = { key: 'irc:ralonsoh', display: 'ralonsoh' };
    const roundId = repo.createRound({
      ...{ project: 'neutron', transport: 'irc', room: '#openstack-neutron', order: 'newest', size: 3, query: 'status New' },
      ...{ startedAt: T0, startedBy: by, meeting: null, backlog: 12, halfTriaged: null, endedAt: T0 + 600_000 },
      queue: [
        { position: 0, bugId: 3002, carried: null, state: 'decided', project: 'networking-ovn' },
        { position: 1, bugId: 3001, carried: null, state: 'decided', project: 'neutron' },
        { position: 2, bugId: 3009, carried: null, state: 'deferred', project: 'networking-ovn' },
      ],
    });
    const decide = (bugId: number, project: string, kind: 'confirm' | 'invalid' | 'defer') =>
      repo.addDecision({
        ...{ roundId, project, bugId, kind, value: null, reason: null, by, at: T0 + bugId },
        ...{ meeting: null, writeState: 'written', writeNote: null, corrects: null },
      });
    decide(3002, 'networking-ovn', 'confirm');
    decide(3001, 'neutron', 'invalid');
    decide(3009, 'networking-ovn', 'defer');
    repo.carry('networking-ovn', [{ bugId: 3009, reason: 'deferred' }], roundId, T0);

    const page = (await server.inject('/teams/neutron/triage')).body;
    const item = (id: number, project: string, title = '') =>
      `<a href="https://bugs.launchpad.net/${project}/+bug/${id}">#${id}</a> <span class="project muted">in ${project}</span>${title}`;
    expect(page).toContain(`<li>${item(3002, 'networking-ovn', ' OVN metadata agent leaks ports')}: <strong>confirm</strong>`);
    expect(page).toContain(`<li>${item(3001, 'neutron', ' Router &lt;b&gt;gateway&lt;/b&gt; flaps')}: <strong>invalid</strong>`);
    // Not in the task cache: the link is still its own project's; carried in networking-ovn, listed.
    expect(page).toContain(`<li>${item(3009, 'networking-ovn')}: <strong>defer</strong>`);
    expect(page).toContain(`<ul class="carried"><li>${item(3009, 'networking-ovn')} <span class="muted">(deferred)</span></li></ul>`);
    // A team of one project names none.
    expect((await server.inject('/teams/nova/triage')).body).not.toContain('class="project');
  });

  it("a team's search answers with its summaries first; another team's topic is labelled; the query is escaped", async () => {
    const { server } = await site();
    const manila = (await server.inject('/teams/manila/ptg?q=eventlet')).body;
    expect(manila).toContain('<h1>manila PTG decisions</h1>');
    expect(manila).toContain('action="/teams/manila/ptg"');
    expect(manila).toContain('>Eventlet removal in manila-share</a>');
    expect(manila).not.toContain('>Eventlet removal</a>');
    const nova = (await server.inject('/teams/nova/ptg?q=eventlet')).body;
    expect(nova).toContain('>Eventlet removal</a>');
    expect(nova).not.toContain('manila-share</a>');
    // Nothing of manila's matches: nova's topic answers, labelled with its team.
    const quotas = (await server.inject('/teams/manila/ptg?q=quotas%20limits')).body;
    expect(quotas).toMatch(/<p class="meta"><span class="team">nova team<\/span> · nova 2025\.2 flamingo · /);
    // The site-wide search is unchanged: every summary alike, no label.
    expect((await server.inject('/ptg?q=eventlet')).body).not.toContain('class="team"');
    const hostile = (await server.inject('/teams/manila/ptg?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E')).body;
    expect(hostile).not.toContain('<script>');
    expect(hostile).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect((await server.inject(`/teams/manila/ptg?q=${'a'.repeat(201)}`)).statusCode).toBe(400);
  });

  it('a team of one is listed and has the team URLs too; its single-team URLs are unchanged', async () => {
    const { server } = await site({});
    const list = await server.inject('/teams');
    expect(list.body).toContain('1 team served by this cyclebot');
    expect(list.body).toContain('<a href="/teams/nova/schedule">nova</a>');
    expect((await server.inject('/schedule')).headers.location).toBe('/schedule/nova');
    expect((await server.inject('/')).headers.location).toBe('/ptg');
    const page = (await server.inject('/teams/nova/schedule')).body;
    expect(page).toContain('<nav aria-label="site"><a href="/ptg">Decisions</a><a href="/schedule">Schedule</a><a href="/triage">Triage</a></nav>');
    expect(page).toBe((await server.inject('/schedule/nova')).body);
    expect((await server.inject('/teams/nova/triage')).body).toBe((await server.inject('/triage')).body);
  });
});
