// The decisions pages: search (/ptg?q=, and /teams/<team>/ptg?q= where the team's summaries answer
// first, as in its channel), a topic, a document's outline, a person's topics.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MetricsSink } from '../core/metrics.ts';
import { answerPages, bestLink } from '../ptg/answer.ts';
import { personNames } from '../ptg/lexicon.ts';
import { documentPath, personPath, topicPath, topicPosition } from '../ptg/permalink.ts';
import type { DocumentRow, PtgRepo, StoredTopic } from '../ptg/repo.ts';
import type { Hit, PtgSearch } from '../ptg/search.ts';
import { words } from '../ptg/words.ts';
import { href, markup, type SafeHtml } from './html.ts';
import { errorPage, page } from './layout.ts';
import { teamPath, type NavOptions, type SiteTeams } from './teams.ts';

/** Longest query the search page takes; longer ones get a 400 page before any parsing. */
export const MAX_QUERY_CHARS = 200;
const HITS = 8;
/** Search pages kept (a few kB each). */
const CACHED_PAGES = 200;

export interface PtgPagesDeps {
  search: PtgSearch;
  repo: PtgRepo;
  /** Times each search (the /metrics histogram, source="web"). */
  metrics?: Pick<MetricsSink, 'search'>;
  teams: SiteTeams;
}

const where = (d: Pick<DocumentRow, 'project' | 'release' | 'cycle'>) => [d.project, d.release, d.cycle].filter(Boolean).join(' ');

function ownersList(owners: string[]): SafeHtml {
  return markup`${owners.map((o, i) => markup`${i ? ', ' : ''}<a href="${personPath(o)}">${o}</a>`)}`;
}

function decisionsList(decisions: string[]): SafeHtml {
  return decisions.length ? markup`<ul class="decisions">${decisions.map((d) => markup`<li>${d}</li>`)}</ul>` : markup``;
}

function hitCard(h: Hit): SafeHtml {
  const link = bestLink(h.links);
  return markup`<article class="hit">
<h2><a href="${topicPath(h.document, h.position, h.topic)}">${h.topic}</a></h2>
<p class="meta">${h.team ? markup`<span class="team">${h.team} team</span> · ` : ''}${where(h)} · <a href="${documentPath(h.document)}">${h.document}</a></p>
${decisionsList(h.decisions.slice(0, 4))}${h.decisions.length > 4 ? markup`<p class="muted">and ${h.decisions.length - 4} more decisions</p>` : ''}
${h.owners.length ? markup`<p>Owners: ${ownersList(h.owners)}</p>` : ''}
${link ? markup`<p>${link.kind}: <a href="${href(link.url)}">${link.url}</a></p>` : ''}
</article>`;
}

function searchForm(q: string, team?: string): SafeHtml {
  return markup`<form class="search" action="${team ? teamPath(team, 'ptg') : '/ptg'}" method="get" role="search">
<label for="q" class="muted">Search the ${team ? `${team} team's ` : ''}PTG decisions</label>
<input id="q" name="q" type="search" maxlength="${MAX_QUERY_CHARS}" value="${q}" placeholder="e.g. eventlet, who owns the sev-snp spec">
<button type="submit">Search</button>
</form>`;
}

function documentsList(docs: DocumentRow[]): SafeHtml {
  return markup`<h2>Summaries</h2><ul>${docs.map((d) => markup`<li><a href="${documentPath(d.id)}">${where(d)}</a> <span class="muted">(${d.id})</span></li>`)}</ul>`;
}

export function registerPtgPages(app: FastifyInstance, deps: PtgPagesDeps): void {
  const { teams } = deps;
  /** Pages of the site as a whole (a document, a topic, a person): the nav of many teams or of one. */
  const nav: NavOptions = { multi: teams.multi };
  const pages = new Map<string, { docs: DocumentRow[]; html: string }>();
  const documentsNote = () => {
    const docs = deps.search.documents();
    return docs.length === 0 ? 'no imported PTG summaries' : `${docs.length} PTG summar${docs.length === 1 ? 'y' : 'ies'}`;
  };

  app.get('/', (_req, reply) => reply.redirect(teams.multi ? '/teams' : '/ptg'));

  /** The search page: every summary alike (team undefined), or the team's first. */
  const searchRoute =
    (team: (params: { team?: string }) => string | null | undefined) =>
    (req: FastifyRequest<{ Querystring: { q?: unknown }; Params: { team?: string } }>, reply: FastifyReply) => {
      const t = team(req.params);
      if (t === null) return reply.callNotFound();
      const raw = req.query.q;
      const q = typeof raw === 'string' ? raw : '';
      const navOf = { multi: teams.multi, ...(t ? { team: t } : {}) };
      if (q.length > MAX_QUERY_CHARS)
        return reply
          .code(400)
          .type('text/html; charset=utf-8')
          .send(errorPage(400, `That search is too long: at most ${MAX_QUERY_CHARS} characters.`, navOf));
      reply.type('text/html; charset=utf-8');
      const heading = t ? `${t} PTG decisions` : 'PTG decisions';
      if (!q.trim()) return page({ title: heading, nav: navOf }, markup`<h1>${heading}</h1>${searchForm('', t)}${documentsList(deps.search.documents())}`);
      // A team asks the same few things: a page is kept while the imported documents stay the same
      // (search.documents() is the same array until an import changes them).
      const docs = deps.search.documents();
      const key = `${t ?? ''}\n${q}`;
      const cached = pages.get(key);
      if (cached?.docs === docs) return cached.html;
      const body = searchPage(q, t);
      if (pages.size >= CACHED_PAGES) pages.delete(pages.keys().next().value!);
      pages.set(key, { docs, html: body });
      return body;
    };
  app.get(
    '/ptg',
    searchRoute(() => undefined),
  );
  app.get(
    '/teams/:team/ptg',
    searchRoute((p) => (teams.byName.has(p.team ?? '') ? p.team : null)),
  );

  const searchPage = (q: string, team?: string): string => {
    const started = performance.now();
    // The team's summaries answer first; another team's topic says whose it is (as in its channel).
    const own = team && teams.multi ? teams.projectsOf(team) : undefined;
    const prefer = own ? (project: string) => own.includes(project.toLowerCase()) : undefined;
    const result = deps.search.search(q, HITS, { prefer });
    deps.metrics?.search('web', (performance.now() - started) / 1000);
    if (prefer) for (const h of result.hits) if (!prefer(h.project)) h.team = teams.teamOf(h.project);
    let body: SafeHtml;
    if (result.hits.length === 0) {
      const hasCycle = (cycle: string) => deps.search.documents().some((d) => d.cycle.toLowerCase() === cycle);
      const line = answerPages(result, documentsNote, hasCycle).first[0];
      // The chat's sentence; its "ptg topics" command part becomes the list below on the web.
      const text = line
        .map((p) => (typeof p === 'string' ? p : ''))
        .join('')
        .replace(/, or +to list them\./, ', or browse the summaries below.');
      body = markup`<p class="nothing">${text}</p>${documentsList(deps.search.documents())}`;
    } else {
      body = markup`<p class="muted">${result.hits.length} topic${result.hits.length === 1 ? '' : 's'}, best first.</p>${result.hits.map(hitCard)}`;
    }
    const heading = team ? `${team} PTG decisions` : 'PTG decisions';
    return page(
      { title: `${q.trim()} — ${heading}`, query: q, nav: { multi: teams.multi, ...(team ? { team } : {}) } },
      markup`<h1>${heading}</h1>${searchForm(q, team)}${body}`,
    );
  };

  app.get<{ Params: { doc: string } }>('/ptg/:doc', (req, reply) => {
    const doc = deps.repo.document(req.params.doc);
    if (!doc) return reply.callNotFound();
    const topics = deps.repo.topicsOfDocument(doc.id);
    reply.type('text/html; charset=utf-8');
    return page(
      { title: `${where(doc)} PTG`, nav },
      markup`<h1>${where(doc)} PTG summary</h1>
<p class="meta">Document ${doc.id}, ${topics.length} topics${doc.source ? markup`, from <a href="${href(doc.source)}">${doc.source}</a>` : ''}.</p>
<ol start="0">${topics.map((t) => markup`<li><a href="${topicPath(doc.id, t.position, t.title)}">${t.title}</a>${t.decisions.length ? markup` <span class="muted">(${t.decisions.length} decision${t.decisions.length === 1 ? '' : 's'})</span>` : ''}</li>`)}</ol>`,
    );
  });

  app.get<{ Params: { doc: string; topic: string } }>('/ptg/:doc/:topic', (req, reply) => {
    const doc = deps.repo.document(req.params.doc);
    const position = topicPosition(req.params.topic);
    const topic = doc && position !== null ? deps.repo.topicsOfDocument(doc.id).find((t) => t.position === position) : undefined;
    if (!doc || !topic) return reply.callNotFound();
    reply.type('text/html; charset=utf-8');
    return page({ title: topic.title, nav }, topicBody(doc, topic));
  });

  app.get<{ Params: { name: string } }>('/people/:name', (req, reply) => {
    const name = req.params.name.slice(0, 100);
    const names = new Set((personNames(name) ?? [name]).map((n) => words(n).join(' ')));
    const owned: { doc: DocumentRow; topic: StoredTopic }[] = [];
    for (const doc of deps.search.documents()) {
      for (const topic of deps.repo.topicsOfDocument(doc.id)) if (topic.owners.some((o) => names.has(words(o).join(' ')))) owned.push({ doc, topic });
    }
    reply.type('text/html; charset=utf-8');
    if (owned.length === 0) reply.code(404);
    owned.sort((a, b) => b.doc.cycle.localeCompare(a.doc.cycle) || a.topic.position - b.topic.position);
    return page(
      { title: name, nav },
      markup`<h1>${name}</h1>
${owned.length === 0 ? markup`<p class="nothing">${name} owns no decision in ${documentsNote()}.</p>` : markup`<p class="muted">Owns decisions in ${owned.length} topic${owned.length === 1 ? '' : 's'}.</p>`}
${owned.map(({ doc, topic }) => markup`<article class="hit"><h2><a href="${topicPath(doc.id, topic.position, topic.title)}">${topic.title}</a></h2><p class="meta">${where(doc)}</p>${decisionsList(topic.decisions)}</article>`)}`,
    );
  });
}

function topicBody(doc: DocumentRow, topic: StoredTopic): SafeHtml {
  return markup`<p class="meta"><a href="${documentPath(doc.id)}">${where(doc)} PTG summary</a></p>
<h1>${topic.title}</h1>
<h2>Decisions</h2>
${topic.decisions.length ? decisionsList(topic.decisions) : markup`<p class="muted">No decision recorded under this topic.</p>`}
${topic.owners.length ? markup`<h2>Owners</h2><p>${ownersList(topic.owners)}</p>` : ''}
${topic.links.length ? markup`<h2>Links</h2><ul>${topic.links.map((l) => markup`<li>${l.kind}${l.bug ? ` #${l.bug}` : ''}: <a href="${href(l.url)}">${l.url}</a></li>`)}</ul>` : ''}
${topic.subtopics.length ? markup`<h2>Sub-topics</h2><ul>${topic.subtopics.map((s) => markup`<li>${s}</li>`)}</ul>` : ''}
<h2>Notes</h2>
<pre class="body">${topic.body}</pre>
<p class="meta">Source: <a href="${documentPath(doc.id)}">${doc.id}</a>${doc.source ? markup` (<a href="${href(doc.source)}">${doc.source}</a>)` : ''}</p>`;
}
