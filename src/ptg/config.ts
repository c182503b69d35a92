// The `ptg:` config section: summaries imported at start, web sources kept current, hits per answer.
import { z } from 'zod';
import { minutes } from '../core/config.ts';

const SummaryConfig = z.strictObject({
  file: z.string().min(1),
  project: z.string().min(1).optional(),
  cycle: z.string().min(1).optional(),
  id: z.string().min(1).optional(),
});

/** A summary the running bot keeps current (ptg.sources); a bare string is its URL. */
const LiveSource = z.preprocess(
  (v) => (typeof v === 'string' ? { url: v } : v),
  z.strictObject({
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    project: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be a lower-case project name like nova')
      .optional(),
    cycle: z
      .string()
      .regex(/^[a-z]+$/, 'must be a series name like indri')
      .optional(),
    id: z
      .string()
      .regex(/^[\w.-]{1,100}$/, "must be letters, digits, '.', '_' or '-'")
      .optional(),
    refreshMinutes: z.number().min(5, 'must be at least 5 min').max(10_080, 'must be at most 10080 min (7 days)').optional(),
  }),
);

export const PtgConfigSchema = z
  .strictObject({
    /** Summaries imported at start when their file changed; paths relative to the config file. */
    summaries: z.array(SummaryConfig).default([]),
    maxHits: z.number().int().min(1).max(20).default(8),
    /** Import the bundled summaries (data/ptg/manifest.yaml) into a database that has none. */
    bundled: z.boolean().default(true),
    /** Summaries on the web the running bot keeps current (etherpads, mail archives, pages). */
    sources: z.array(LiveSource).max(50).default([]),
    /** How often each source is fetched again (a source's own refreshMinutes wins). */
    refreshMinutes: minutes(5, 10_080).default(60),
  })
  .superRefine((p, ctx) => {
    const urls = new Set<string>();
    const ids = new Set<string>();
    p.sources.forEach((s, i) => {
      if (urls.has(s.url)) ctx.addIssue({ code: 'custom', path: ['sources', i, 'url'], message: `${s.url} is listed twice` });
      if (s.id && ids.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sources', i, 'id'], message: `id ${s.id} is used twice` });
      urls.add(s.url);
      if (s.id) ids.add(s.id);
    });
  })
  .default({ summaries: [], maxHits: 8, bundled: true, sources: [], refreshMinutes: 60 });

export type PtgConfig = z.infer<typeof PtgConfigSchema>;
