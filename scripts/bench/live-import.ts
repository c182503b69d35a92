// A live source replaces one summary while the bot answers, at the scale of one bot for every team
// (19,800 topics): how long the event loop is held, with the index rebuilt at once on the next
// question (the baseline, as `cyclebot ask` does) and in slices (keepLoopFree, as `cyclebot run`
// does, storing the rebuilt index in slices too), in the same run. A timer ticks every 10 ms and
// records how late it fires; a question comes every 50 ms; the bench also records when the
// replaced summary's new text first answers.
import { openDb, type Db } from '../../src/store/db.ts';
import { IndexStore } from '../../src/ptg/index-store.ts';
import { PtgRepo } from '../../src/ptg/repo.ts';
import { PtgSearch } from '../../src/ptg/search.ts';
import { buildState, type State } from '../../src/ptg/search-state.ts';
import { importText } from '../../src/ptg/importer.ts';
import { generatedSummaryTexts } from './corpus.ts';
import { QUERIES } from './search.ts';
import { cpuMs, percentile, round } from './stats.ts';

const TICK_MS = 10;
const QUESTION_MS = 50;
/** A run ends this long after the new text first answers, or at the cap. */
const AFTER_MS = 300;
const CAP_MS = 60_000;
/** A word of each run's new text alone (far apart: no typo correction joins them). */
const NEW_WORDS = ['zqxalphaword', 'vbnmkiwiword'];

interface Run {
  /** How late the 10 ms timer fired: the event loop held by other work. */
  loopDelayMs: { p50: number; p99: number; max: number };
  /** CPU time of the import and of everything the loop did until the run ended. */
  cpuMs: number;
  wallMs: number;
  questions: number;
  /** From the import to the first answer from the replaced summary's new text. */
  newTextAnsweredAfterMs: number | null;
}

async function run(repo: PtgRepo, db: Db, text: string, word: string, loopFree: boolean): Promise<Run> {
  const search = new PtgSearch(repo, undefined, loopFree ? new IndexStore(db) : undefined);
  search.warm();
  if (loopFree) search.keepLoopFree();
  for (let i = 0; i < 300; i++) search.search(QUERIES[i % QUERIES.length], 5);
  const late: number[] = [];
  let questions = 0;
  let answeredAt: number | null = null;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const over = () => performance.now() - t0 >= (answeredAt === null ? CAP_MS : answeredAt + AFTER_MS);
  await new Promise<void>((resolve) => {
    let nextTick = t0 + TICK_MS;
    const tick = () => {
      const now = performance.now();
      late.push(Math.max(0, now - nextTick));
      nextTick = now + TICK_MS;
      if (!over()) setTimeout(tick, TICK_MS);
      else resolve();
    };
    setTimeout(tick, TICK_MS);
    const ask = () => {
      if (over()) return;
      questions++;
      search.search(QUERIES[questions % QUERIES.length], 5);
      if (answeredAt === null && search.search(word, 1).hits[0]?.document === 'live-0') answeredAt = performance.now() - t0;
      setTimeout(ask, QUESTION_MS);
    };
    setTimeout(ask, QUESTION_MS);
    // The live source's refresh: one summary (33 topics) replaced, 100 ms into the run.
    setTimeout(() => importText(repo, text, 'live-0.txt', { project: 'team00', cycle: 'flamingo' }), 100);
  });
  const used = process.cpuUsage(c0);
  late.sort((a, b) => a - b);
  return {
    loopDelayMs: { p50: round(percentile(late, 50), 1), p99: round(percentile(late, 99), 1), max: round(late[late.length - 1] ?? 0, 1) },
    cpuMs: round((used.user + used.system) / 1000, 0),
    wallMs: round(performance.now() - t0, 0),
    questions,
    newTextAnsweredAfterMs: answeredAt === null ? null : round(answeredAt - 100, 0),
  };
}

export async function benchLiveImport(nDocs = 600, perDoc = 33) {
  const texts = generatedSummaryTexts(nDocs + 2, perDoc);
  const db = openDb(':memory:');
  const repo = new PtgRepo(db);
  texts.slice(0, nDocs).forEach((text, i) => importText(repo, text, i === 0 ? 'live-0.txt' : `doc-${i}.txt`, { project: `team${i % 60}`, cycle: 'flamingo' }));
  // Each run replaces live-0 with a new text that has a word of its own.
  const next = (k: number) => texts[nDocs + k].replace(/\n\n#### /g, `\n\n${NEW_WORDS[k]}\n\n#### `);
  const atOnce = await run(repo, db, next(0), NEW_WORDS[0], false);
  const inSlices = await run(repo, db, next(1), NEW_WORDS[1], true);
  // The CPU time of each step of a rebuild in slices: what holds the loop at most, whatever the load.
  const steps = buildState(repo, repo.generation());
  const stepCpu: number[] = [];
  let state: State | undefined;
  for (let done = false; !done; )
    stepCpu.push(
      cpuMs(() => {
        const r = steps.next();
        if (r.done) state = r.value;
        done = r.done === true;
      }),
    );
  stepCpu.sort((a, b) => a - b);
  // And of each step of storing it (a part each), as the running bot does after a rebuild.
  const store = new IndexStore(db);
  const saving = store.saving(store.version(), { index: state!.index, terms: Array.from(state!.vocab.df, ([term, df]) => ({ term, df })) });
  const storeCpu: number[] = [];
  for (let done = false; !done; ) storeCpu.push(cpuMs(() => (done = saving.next().done === true)));
  storeCpu.sort((a, b) => a - b);
  return {
    topics: repo.topicCount(),
    atOnce,
    inSlices,
    rebuildSteps: { count: stepCpu.length, cpuMs: round(stepCpu.reduce((a, b) => a + b, 0), 0), medianMs: round(percentile(stepCpu, 50), 1), longestMs: round(stepCpu[stepCpu.length - 1], 1) },
    storeSteps: { count: storeCpu.length, cpuMs: round(storeCpu.reduce((a, b) => a + b, 0), 0), medianMs: round(percentile(storeCpu, 50), 1), longestMs: round(storeCpu[storeCpu.length - 1], 1) },
    maxDelayRatio: round(atOnce.loopDelayMs.max / Math.max(inSlices.loopDelayMs.max, 0.1), 1),
    goal: 'the loop never held for a whole rebuild; the new text answers once indexed',
  };
}
