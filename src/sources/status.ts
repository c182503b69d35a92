// The live sources' lines in !status: per source, when it was last checked and changed, or since
// when it fails, why, and how old the version the bot answers from is.
import type { SourceState } from './state-repo.ts';

/** "just now", "12 min ago", "3 h ago", "2 days ago". */
export function ago(ms: number): string {
  if (ms < 60_000) return 'just now';
  if (ms < 3600_000) return `${Math.floor(ms / 60_000)} min ago`;
  if (ms < 2 * 86_400_000) return `${Math.floor(ms / 3600_000)} h ago`;
  return `${Math.floor(ms / 86_400_000)} days ago`;
}

function shortUrl(url: string): string {
  const s = url.replace(/^https?:\/\//, '');
  return s.length > 70 ? `${s.slice(0, 69)}…` : s;
}

/** One line per source; `label` names it (its document id once read, else its URL). */
export function sourceStatusLine(label: string, st: SourceState | undefined, now: number): string {
  const head = `source ${label}`;
  if (!st || st.checkedAt === null) return `${head}: not read yet`;
  if (st.error !== null) {
    const good = st.successAt === null ? 'never read successfully' : `last good version read ${ago(now - st.successAt)}`;
    return `${head}: FAILING since ${ago(now - (st.failingSince ?? st.errorAt ?? now))}: ${st.error}; ${good}`;
  }
  const changed = st.changedAt === null ? '' : `, last changed ${ago(now - st.changedAt)}`;
  return `${head}: ok, checked ${ago(now - st.checkedAt)}${changed}`;
}

/** Lines for the configured sources, in config order. */
export function sourcesStatus(sources: { url: string; id?: string }[], state: (key: string) => SourceState | undefined, now: number): string[] {
  return sources.map((s) => {
    const st = state(s.url);
    const label = `${s.id ?? st?.documentId ?? shortUrl(s.url)}${s.id || st?.documentId ? ` (${shortUrl(s.url)})` : ''}`;
    return sourceStatusLine(label, st, now);
  });
}
