// Which document each ptg.sources entry writes: its own `id`, else the one its URL implies (a
// pad's name, a page's last path segment); a mail's id comes from its subject, known only once
// fetched. Two entries that would write the same document are refused at config load, naming
// both; a clash only a fetch reveals (two mails with one subject) fails that source's refresh.
import { pageId, slug, summaryLocation } from './summary.ts';

/** The id a source writes, when known before fetching it (null for a mail, or a URL that cannot be read). */
export function plannedSourceId(s: { url: string; id?: string }): string | null {
  if (s.id) return s.id;
  try {
    const where = summaryLocation(s.url);
    if (where.kind === 'etherpad') return slug(where.pad ?? '') || null;
    if (where.kind === 'html') return pageId(where.fetchUrl) || null;
  } catch {
    // a malformed %-escape in a pad name: the fetch says so
  }
  return null;
}

/** Entries that would overwrite another's document: one problem per later entry, naming both. */
export function sourceIdClashes(sources: { url: string; id?: string }[]): { index: number; message: string }[] {
  const first = new Map<string, number>();
  const out: { index: number; message: string }[] = [];
  sources.forEach((s, i) => {
    const id = plannedSourceId(s);
    if (id === null) return;
    const j = first.get(id);
    if (j === undefined) first.set(id, i);
    // The same URL twice, or two equal explicit ids, are the ptg section's own "listed/used twice".
    else if (s.url !== sources[j].url && !(s.id && sources[j].id))
      out.push({
        index: i,
        message: `${s.url} and ptg.sources.${j} (${sources[j].url}) would both be stored as document "${id}"; give one of them its own id:`,
      });
  });
  return out;
}
