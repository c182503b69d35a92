// ptg <query> answers from the imported PTG summaries; sub-commands: more, topics [project]
// [cycle], and import <url> [project] [cycle] for chairs (a summary published on the web).
import type { MetricsSink } from '../src/core/metrics.ts';
import type { CommandContext, CommandSpec, Reply, RichLine } from '../src/core/types.ts';
import type { Pager } from '../src/ptg/pager.ts';
import { command, rich } from '../src/core/rich.ts';
import { CommandError, UserError } from '../src/errors.ts';
import type { ImportResult } from '../src/ptg/importer.ts';
import { SourceError } from '../src/sources/http.ts';
import { answerPages } from '../src/ptg/answer.ts';
import { absolute, topicPath } from '../src/ptg/permalink.ts';
import type { Hit, PtgSearch } from '../src/ptg/search.ts';
import type { DocumentRow, PtgRepo } from '../src/ptg/repo.ts';

export interface PtgDeps {
  search: PtgSearch;
  repo: PtgRepo;
  pager: Pager;
  /** Hits fetched per query (the answer plus what "more" can show). */
  maxHits?: number;
  /** Fetches a summary by URL and imports it (sources/summary.ts); absent: !ptg import is off. */
  importUrl?: (url: string, o: { project?: string; cycle?: string }) => Promise<ImportResult>;
  /** The web site's address (config web.baseUrl): answers end with the topic's permalink there. */
  baseUrl?: string;
  /** Several teams served: a team's summaries (by project) answer its channel first. */
  teams?: {
    /** The projects whose summaries are the team's (lower case). */
    projectsOf(team: string): readonly string[] | undefined;
    /** The team a summary's project belongs to (else the project itself). */
    teamOf(project: string): string;
  };
  /** Times each search (the /metrics histogram, source="chat"). */
  metrics?: Pick<MetricsSink, 'search'>;
}

const IMPORT_ARGS = /^https?:\/\/\S+(?:\s+[a-z0-9_-]+){0,2}$/i;

const askerKey = (ctx: CommandContext) => `ptg:${ctx.message.transport}:${ctx.message.room}:${ctx.message.sender.key}`;

export function ptgCommands(deps: PtgDeps): CommandSpec[] {
  const documentsNote = () => {
    const docs = deps.search.documents();
    if (docs.length === 0) return 'no imported PTG summaries (an admin can run: cyclebot import <file>)';
    const names = docs.slice(0, 4).map((d) => `${d.project} ${d.cycle}`);
    return `${docs.length} PTG summar${docs.length === 1 ? 'y' : 'ies'} (${names.join(', ')}${docs.length > 4 ? ', …' : ''})`;
  };

  const mentionsMore = (page: RichLine[]) => page.some((l) => l.some((p) => typeof p !== 'string' && 'command' in p && p.command === 'ptg more'));
  const withMore = (page: RichLine[], remaining: number): Reply => ({
    lines:
      remaining > 0 && page.length < 3 && !mentionsMore(page)
        ? [...page, rich`(${remaining} more page${remaining === 1 ? '' : 's'}: ${command('ptg more')})`]
        : page,
  });

  const ask = (ctx: CommandContext, args: string): Reply => {
    const now = ctx.now.getTime();
    if (args === '')
      throw new CommandError(
        rich`usage: ${command('ptg <words or question>')}, e.g. ${command('ptg eventlet')} — or ${command('ptg more')}, ${command('ptg topics')}`,
      );
    // Only a project and/or cycle ("nova flamingo"): the table of contents answers best.
    if (documentsMatching(deps.search.documents(), args).length > 0) return listTopics(deps, args, askerKey(ctx), now, withMore);
    // In a team's channel its summaries answer first; another team's topic says whose it is.
    const own = ctx.team?.multi && ctx.team.current ? deps.teams?.projectsOf(ctx.team.current) : undefined;
    const prefer = own ? (project: string) => own.includes(project.toLowerCase()) : undefined;
    const started = performance.now();
    const result = deps.search.search(args, deps.maxHits ?? 8, { prefer });
    deps.metrics?.search('chat', (performance.now() - started) / 1000);
    if (prefer) for (const h of result.hits) if (!prefer(h.project)) h.team = deps.teams!.teamOf(h.project.toLowerCase());
    const hasCycle = (cycle: string) => deps.search.documents().some((d) => d.cycle.toLowerCase() === cycle);
    const permalink = deps.baseUrl ? (h: Hit) => absolute(deps.baseUrl!, topicPath(h.document, h.position, h.topic)) : undefined;
    const { first, rest } = answerPages(result, documentsNote, hasCycle, permalink);
    // The first page already says "ptg more": the rest is built only if someone asks.
    if (mentionsMore(first)) {
      deps.pager.saveLater(askerKey(ctx), rest, now);
      return { lines: first };
    }
    return withMore(first, deps.pager.save(askerKey(ctx), [first, ...rest()], now));
  };

  return [
    {
      name: 'ptg',
      usage: '<question or words>',
      help: 'Finds the PTG topic that answers you: cycle, topic, agreed decisions (✅), owners and the best link. Typos, acronyms, nicks and questions are fine.',
      permission: 'anyone',
      examples: [
        { input: 'ptg eventlet', expect: /^\[nova 2025\.2 flamingo\] Eventlet removal — / },
        { input: 'ptg who writes the sev-snp spec', expect: /^\[nova 2025\.2 flamingo\] Confidential Computing Feature Planning — .* \(owners: Tkajinam\)$/ },
        { input: 'ptg OTU', expect: /^\[nova 2025\.2 flamingo\] One-Time-Use \(OTU\) Devices — / },
      ],
      subcommands: [
        {
          name: 'more',
          usage: '',
          help: 'The next page of your last answer.',
          handler: (ctx) => {
            // "more about cells" is a question, not paging.
            if (ctx.args) return ask(ctx, `more ${ctx.args}`);
            const next = deps.pager.next(askerKey(ctx), ctx.now.getTime());
            if (!next) return { lines: [rich`nothing more to show: ask ${command('ptg <words>')} first`] };
            return withMore(next.page, next.remaining);
          },
        },
        {
          name: 'topics',
          usage: '[project] [cycle]',
          help: 'The topics of the imported summaries, ten a page.',
          examples: [{ input: 'ptg topics nova flamingo', expect: /^\[nova flamingo\] topics 1–10 of \d+: / }],
          handler: (ctx) => listTopics(deps, ctx.args, askerKey(ctx), ctx.now.getTime(), withMore),
        },
        {
          name: 'import',
          usage: '<url> [project] [cycle]',
          help: 'Adds a PTG summary published on the web (etherpad, mailing list, wiki page).',
          permission: 'chair',
          examples: [
            {
              input: 'ptg import https://etherpad.opendev.org/p/nova-indri-ptg',
              expect: /^imported nova-indri-ptg: nova 2027\.1 indri, \d+ topics, \d+ decisions$/,
            },
          ],
          // "ptg import plugin" is a question about importing: only a URL makes it this.
          accepts: IMPORT_ARGS,
          handler: (ctx) => {
            const [url, project, cycle] = ctx.args.split(/\s+/);
            return importUrl(deps, url, project, cycle);
          },
        },
      ],
      handler: (ctx) => ask(ctx, ctx.args.trim()),
    },
  ];
}

/** ptg import: one line with what was imported, or one line why not (the router checked the role). */
async function importUrl(deps: PtgDeps, url: string, project?: string, cycle?: string): Promise<Reply> {
  if (!deps.importUrl) throw new CommandError(rich`${command('ptg import')} is not available here`);
  try {
    const r = await deps.importUrl(url, { project: project?.toLowerCase(), cycle: cycle?.toLowerCase() });
    const unknown = r.unknown?.length ? ` (${r.unknown.join(' and ')} unknown: add them after the URL)` : '';
    return {
      lines: [
        [
          `imported ${r.id}: ${r.project} ${r.release ? `${r.release} ` : ''}${r.cycle}, ${r.topics} topic${r.topics === 1 ? '' : 's'}, ${r.decisions} decision${r.decisions === 1 ? '' : 's'}${unknown}`,
        ],
      ],
    };
  } catch (err) {
    if (err instanceof SourceError || err instanceof UserError) throw new CommandError(`cannot import ${url.slice(0, 100)}: ${err.message}`);
    throw err;
  }
}

/** Documents named by every word of the filter (id, project, cycle or release); all for "". */
function documentsMatching(docs: DocumentRow[], filter: string): DocumentRow[] {
  const wanted = filter.toLowerCase().split(/\s+/).filter(Boolean);
  return docs.filter((d) => wanted.every((w) => [d.id, d.project, d.cycle, d.release].some((v) => v?.toLowerCase() === w)));
}

function listTopics(deps: PtgDeps, filter: string, key: string, now: number, withMore: (p: RichLine[], n: number) => Reply): Reply {
  const docs = deps.repo.documents();
  const matching = documentsMatching(docs, filter);
  if (matching.length === 0) {
    throw new CommandError(`no PTG summary matches "${filter}"; known: ${docs.map((d) => `${d.project} ${d.cycle}`).join(', ') || 'none'}`);
  }
  const pages: RichLine[][] = [];
  for (const doc of matching) {
    const titles = deps.repo.topicsOfDocument(doc.id).map((t) => t.title);
    for (let i = 0; i < titles.length; i += 10) {
      pages.push([
        [
          { bold: `[${doc.project} ${doc.cycle}] topics ${i + 1}–${Math.min(i + 10, titles.length)} of ${titles.length}:` },
          ' ',
          titles.slice(i, i + 10).join(' · '),
        ],
      ]);
    }
  }
  const remaining = deps.pager.save(key, pages, now);
  return withMore(pages[0], remaining);
}
