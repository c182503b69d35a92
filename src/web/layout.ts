// The page shell every page shares: head (one stylesheet from this site, nothing else), the
// navigation, and the error page that shows no detail.
import { markup, type SafeHtml } from './html.ts';

export interface PageOptions {
  title: string;
  /** Value for the search box, when the page is a search. */
  query?: string;
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
<nav aria-label="site"><a href="/ptg">Decisions</a><a href="/schedule">Schedule</a><a href="/triage">Triage</a></nav>
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
export function errorPage(status: number, sentence: string): string {
  return page({ title: `${status}` }, markup`<h1>${status}</h1><p>${sentence}</p><p><a href="/ptg">Search the decisions</a></p>`);
}
