// Which live source owns which document, and what happens to a document whose source is gone.
// A source owns the document its last change wrote: the document's import time is the source's
// changed_at (both written in one transaction). Any later import by hand (`cyclebot import`,
// `!ptg import`, ptg.summaries, the bundled ones) gives the document a new import time, so a
// source never takes a hand-imported document with it. When the bot starts, sources no longer
// in ptg.sources (removed, or their URL changed) are forgotten and the documents they own are
// deleted, unless a configured source writes the same id: that one owns it from then on.
import type { PtgRepo } from '../ptg/repo.ts';
import { plannedSourceId } from './source-ids.ts';
import type { SourceState, SourceStateRepo } from './state-repo.ts';

/** The id of the document the source's last change wrote, while nothing else has replaced it. */
export function ownedDocument(ptg: PtgRepo, st: SourceState | undefined): string | null {
  if (!st?.documentId || st.changedAt === null) return null;
  return ptg.document(st.documentId)?.imported_at === st.changedAt ? st.documentId : null;
}

/** The URL of a configured source (other than `exceptUrl`) that writes document `id`, if any. */
export function writerOf(id: string, sources: { url: string; id?: string }[], state: SourceStateRepo, exceptUrl?: string): string | undefined {
  return sources.find((o) => o.url !== exceptUrl && (plannedSourceId(o) === id || state.get(o.url)?.documentId === id))?.url;
}

/** Live sources whose state is kept in source_state under their URL (the schedule sync's key is "schedule:…"). */
const isSourceKey = (key: string) => /^https?:\/\//.test(key);

/**
 * Forgets the sources no longer configured and deletes the documents they own; returns the
 * deleted document ids. Run at start, before the first refresh.
 */
export function dropUnconfiguredSources(o: {
  sources: { url: string; id?: string }[];
  ptg: PtgRepo;
  state: SourceStateRepo;
  log: { info(obj: object, msg: string): void };
}): string[] {
  const configured = new Set(o.sources.map((s) => s.url));
  const dropped: string[] = [];
  for (const st of o.state.all()) {
    if (!isSourceKey(st.key) || configured.has(st.key)) continue;
    const owned = ownedDocument(o.ptg, st);
    const heir = owned === null ? undefined : writerOf(owned, o.sources, o.state);
    o.state.transaction(() => {
      if (owned !== null && heir === undefined) o.ptg.deleteDocument(owned);
      // The heir owns it from now on (unless it has written a document of its own since).
      if (owned !== null && heir !== undefined && o.state.get(heir)?.changedAt == null) o.state.handOver(heir, owned, st.changedAt!);
      o.state.remove(st.key);
    });
    if (owned !== null && heir === undefined) {
      dropped.push(owned);
      o.log.info({ url: st.key, document: owned }, 'live source no longer in ptg.sources; its document removed');
    } else if (st.documentId && o.ptg.document(st.documentId)) {
      const why = heir ? `written by ${heir} from now on` : 'imported by hand since; kept';
      o.log.info({ url: st.key, document: st.documentId }, `live source no longer in ptg.sources; its document ${why}`);
    }
  }
  return dropped;
}
