// The page shell every page shares: head (one stylesheet from this site, nothing else), the
// navigation, and the error page that shows no detail.
import { markup, type SafeHtml } from './html.ts';
import { teamPath, type NavOptions } from './teams.ts';

export interface PageOptions {
  title: string;
  /** Value for the search box, when the page is a search. */
  query?: string;
  /** Many teams: the nav offers the team list, and the pages of the team the page is about. */
  nav?: NavOptions;
}

/** One team: its pages at the single-team URLs. Many: the team list, the decisions, and the page's team. */
function nav(o: NavOptions | undefined): SafeHtml {
  if (!o?.multi) return markup`<a href="/ptg">Decisions</a><a href="/schedule">Schedule</a><a href="/triage">Triage</a>`;
  const t = o.team;
  const own = t
    ? markup`<a href="${teamPath(t, 'ptg')}">${t} decisions</a><a href="${teamPath(t, 'schedule')}">Schedule</a><a href="${teamPath(t, 'triage')}">Triage</a>`
    : markup`<a href="/ptg">Decisions</a>`;
  return markup`<a href="/teams">Teams</a>${own}`;
}

export function page(opts: PageOptions, body: SafeHtml): string {
  return markup`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${opts.title} · cyclebot</title>
<link rel="stylesheet" href="/assets/style.css">
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
</head>
<body>
<header>
<a class="brand" href="/">cyclebot</a>
<nav aria-label="site">${nav(opts.nav)}</nav>
</header>
<main>
${body}
</main>
<footer class="muted">Read-only view of what the team's cyclebot knows.</footer>
</body>
</html>
`.value;
}

/** The one page a failure shows: its status and a plain sentence, never a detail of the error. */
export function errorPage(status: number, sentence: string, navOptions?: NavOptions): string {
  return page({ title: `${status}`, nav: navOptions }, markup`<h1>${status}</h1><p>${sentence}</p><p><a href="/ptg">Search the decisions</a></p>`);
}
