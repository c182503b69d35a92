// The live sources' rule in the config that the ptg section cannot state itself (the document ids
// a source writes are derived here, and ptg may not import sources): no two ptg.sources entries
// write the same document.
import type { z } from 'zod';
import { sourceIdClashes } from './source-ids.ts';

/** One issue per entry that would overwrite another's document; for the whole config's superRefine. */
export function refineSourceIds(c: { ptg: { sources: { url: string; id?: string }[] } }, ctx: z.RefinementCtx): void {
  for (const clash of sourceIdClashes(c.ptg.sources)) ctx.addIssue({ code: 'custom', path: ['ptg', 'sources', clash.index], message: clash.message });
}
