// CLI verbs for the PTG knowledge base: import, ask.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { importFile, importText } from '../ptg/importer.ts';
import { fetchSummary } from '../sources/summary.ts';
import { sourceErrors, sourceHttpOptions } from './sources.ts';
import { teamOption, withApp, type GlobalOpts } from './context.ts';
import { teamProjects } from '../teams/model.ts';

export function registerPtgVerbs(program: Command): void {
  const global = () => program.opts<GlobalOpts>();

  program
    .command('import')
    .description('import a PTG summary (etherpad text, Markdown, reStructuredText, HTML or plain mail); the same id is replaced')
    .argument('<file|url>', 'summary file, or an etherpad, HyperKitty, pipermail or other web page URL')
    .option('--project <name>', 'project, e.g. nova (detected from the text when absent)')
    .option('--cycle <series>', 'cycle, e.g. flamingo (detected from the text when absent)')
    .option('--id <doc id>', 'document id (default: file name without extension; for a URL the pad name, mail subject or page name)')
    .action((file: string, o: { project?: string; cycle?: string; id?: string }) =>
      withApp(global(), async (app, s) => {
        // A URL is fetched (sources/http.ts: capped, no credentials) and imported as its text.
        const page = /^https?:\/\//i.test(file)
          ? await sourceErrors(`cannot import ${file.slice(0, 200)}`, () => fetchSummary(file, sourceHttpOptions(s.config)))
          : null;
        const r = page ? importText(app.repo, page.text, page.name, { ...o, id: o.id ?? page.id, source: page.url }) : importFile(app.repo, file, o);
        if (page?.note) console.error(`note: ${page.note}`);
        for (const what of r.unknown)
          console.error(`note: ${file} does not say which ${what} it is about; stored as "unknown": import it again with --${what} <name>`);
        console.log(
          `imported ${r.id}: ${r.project} ${r.release ?? ''} ${r.cycle}, ${r.format === 'mail' ? 'plain mail' : r.format}${r.split ? ` (${r.split})` : ''}, ${r.topics} topics, ${r.decisions} decisions`.replace(
            / {2,}/g,
            ' ',
          ),
        );
      }),
    );

  program
    .command('ask')
    .description('search the PTG summaries as the ptg chat command does')
    .argument('<query...>', 'words or a question')
    .addOption(new Option('--limit <n>', 'hits to show').default(5).argParser(positiveInt))
    .option('--json', 'print {"query", "hits": [...]} as JSON')
    .option('--team <name>', "prefer the team's summaries, as !ptg does in its channel (with teams: configured)")
    .action((words: string[], o: { limit: number; json?: boolean; team?: string }) =>
      withApp(global(), (app) => {
        const query = words.join(' ');
        const team = o.team === undefined ? undefined : teamOption(app, o.team);
        const own = team && app.teams.roster.multi ? teamProjects(app.teams.roster).projectsOf(team.name) : undefined;
        const result = app.search.search(query, o.limit, { prefer: own ? (p) => own.includes(p.toLowerCase()) : undefined });
        if (o.json) {
          const hits = result.hits.map(({ document, project, cycle, topic, score, decisions, owners, links }) => ({
            document,
            project,
            cycle,
            topic,
            score,
            decisions,
            owners,
            links,
          }));
          console.log(JSON.stringify({ query, hits }, null, 2));
          return;
        }
        if (result.hits.length === 0) return console.log(`nothing found for "${query}"`);
        result.hits.forEach((h, i) => {
          console.log(`${i + 1}. [${h.project} ${h.cycle}] ${h.topic}  (score ${h.score}, ${h.document})`);
          for (const d of h.decisions) console.log(`   ✅ ${d}`);
          if (h.owners.length) console.log(`   owners: ${h.owners.join(', ')}`);
          for (const l of h.links) console.log(`   ${l.kind}: ${l.url}`);
        });
      }),
    );
}

export function positiveInt(v: string): number {
  const n = Number(v);
  // commander reports an InvalidArgumentError as a usage error (exit status 2).
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError('expected a whole number from 1 to 1000');
  return n;
}
