// Where a topic, a document and a person live on the web site (issue 17): one place, so the
// `!ptg` answers' permalinks and the site's own routes cannot disagree.

/** "Eventlet removal: next steps" → "eventlet-removal-next-steps" (titles are capped first). */
export function slug(title: string): string {
  return title
    .slice(0, 80)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

export function documentPath(documentId: string): string {
  return `/ptg/${encodeURIComponent(documentId)}`;
}

/** /ptg/<document>/<position>-<slug>: the position finds the topic, the slug is for people. */
export function topicPath(documentId: string, position: number, title: string): string {
  const s = slug(title);
  return `${documentPath(documentId)}/${position}${s ? `-${s}` : ''}`;
}

export function personPath(name: string): string {
  return `/people/${encodeURIComponent(name.slice(0, 100))}`;
}

/** The position a topic segment names ("3-eventlet-removal" → 3), or null. */
export function topicPosition(segment: string): number | null {
  const m = /^(\d{1,6})(?:-|$)/.exec(segment);
  return m ? Number(m[1]) : null;
}

/** baseUrl + path, with exactly one slash between. */
export function absolute(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, '') + path;
}
