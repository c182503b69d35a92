// npm run bench: every figure with its baseline measured in the same run; results to bench/results.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { benchImport } from './bench/importing.ts';
import { benchSearch } from './bench/search.ts';
import { benchScale } from './bench/scale.ts';
import { benchLiveImport } from './bench/live-import.ts';
import { benchIrc, benchMemory } from './bench/irc.ts';
import { benchStartup } from './bench/startup.ts';
import { benchTeams } from './bench/teams.ts';
import { benchTeamsStart } from './bench/teams-start.ts';
import { benchWeb } from './bench/web.ts';
import { machine } from './bench/stats.ts';

// Measure the program as `npm ci` installs it: with a bundle built from the current sources.
spawnSync(process.execPath, [new URL('./build.mjs', import.meta.url).pathname], { stdio: 'inherit' });

const results: Record<string, unknown> = { date: new Date().toISOString(), machine: machine() };
// `npm run bench -- search memory` runs only those steps and leaves bench/results.json alone.
const only = process.argv.slice(2);
const step = async (name: string, fn: () => unknown) => {
  if (only.length && !only.includes(name)) return;
  const t = Date.now();
  process.stderr.write(`bench: ${name}…\n`);
  try {
    results[name] = await fn();
  } catch (err) {
    results[name] = { error: (err as Error).message };
  }
  console.log(`${name} (${((Date.now() - t) / 1000).toFixed(1)} s):`, JSON.stringify(results[name], null, 1).replace(/\n\s*/g, ' '));
};

await step('search', () => benchSearch());
await step('import', () => benchImport());
await step('scale', () => benchScale());
// A live source replacing a summary while the bot answers, at 19,800 topics: the event loop's delay.
await step('liveImport', () => benchLiveImport());
await step('startup', () => benchStartup());
await step('ircRoundTrip', () => benchIrc());
await step('memory', () => benchMemory());
await step('webSearch', () => benchWeb());
// One bot for every team (issue 15): 60 teams, 600 summaries, ~20,000 topics.
await step('teams', () => benchTeams());
await step('teamsStart', () => benchTeamsStart());

if (only.length) process.exit(0);
fs.mkdirSync(new URL('../bench/', import.meta.url), { recursive: true });
fs.writeFileSync(new URL('../bench/results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
console.log('written bench/results.json');
