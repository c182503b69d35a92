// Restarts on a stored search index (ptg/index-store.ts), as the bot and `cyclebot import` share a
// database file: each app here is a start of the program, each its own connection. An import,
// re-import or delete between two starts is always seen by the second; unchanged documents are
// answered from the stored index as a build would answer them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app.ts';
import { validateConfig } from '../../../src/config.ts';
import { importText } from '../../../src/ptg/importer.ts';
import { PtgSearch } from '../../../src/ptg/search.ts';
import { OPENSTACK_TEAMS, teamSummaries } from '../../helpers/team-corpus.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cyclebot-stored-index-'));
const dbPath = path.join(dir, 'bot.db');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A start of the program: the bot warms its index before connecting. */
function start(): App {
  const app = createApp({ dbPath, config: validateConfig({}), log: pino({ level: 'silent' }) });
  app.search.warm();
  return app;
}

const QUERIES = ['eventlet', 'vtpm live migration', 'secure rbac', 'who writes the sev snp spec', 'hypervisr', 'kumquat harvest'];
const answers = (search: PtgSearch) => QUERIES.map((q) => search.search(q, 8).hits.map((h) => [h.document, h.topicId, h.score]));
const stored = (app: App) => app.db.prepare('SELECT count(*) FROM ptg_index').pluck().get();
const KUMQUAT = '# Kumquat harvest\n\nThe kumquat harvest moved to June; the growers agreed.\n';

describe('a restart on the stored index', () => {
  it('answers as a build does, and sees every import, re-import and delete made between starts', () => {
    // Enough topics (~2,300) for the index to be stored.
    const first = createApp({ dbPath, config: validateConfig({}), log: pino({ level: 'silent' }) });
    for (const s of teamSummaries(OPENSTACK_TEAMS.slice(0, 35), 2)) importText(first.repo, s.text, s.filename, { project: s.team, cycle: s.cycle, id: s.id });
    first.search.warm();
    expect(stored(first)).toBe(1);
    first.close();

    let app = start();
    expect(answers(app.search)).toEqual(answers(new PtgSearch(app.repo)));
    expect(app.search.search('kumquat harvest').hits).toEqual([]);
    app.close();

    // `cyclebot import` while the bot is down: a new summary.
    const importer = createApp({ dbPath, config: validateConfig({}), log: pino({ level: 'silent' }) });
    importText(importer.repo, KUMQUAT, 'fruit.md', { project: 'nova', cycle: 'flamingo', id: 'fruit' });
    importer.close();
    app = start();
    expect(app.search.search('kumquat harvest').hits[0]).toMatchObject({ document: 'fruit', topic: 'Kumquat harvest' });
    expect(answers(app.search)).toEqual(answers(new PtgSearch(app.repo)));
    app.close();

    // Re-imported with other text, by the bot itself (a chair's !ptg import), then a restart.
    app = start();
    importText(app.repo, KUMQUAT.replace(/kumquat/gi, 'Papaya'), 'fruit.md', { project: 'nova', cycle: 'flamingo', id: 'fruit' });
    app.close();
    app = start();
    expect(app.search.search('kumquat harvest').hits).toEqual([]);
    expect(app.search.search('papaya harvest').hits[0]).toMatchObject({ document: 'fruit', topic: 'Papaya harvest' });
    app.close();

    // Deleted between starts.
    const other = createApp({ dbPath, config: validateConfig({}), log: pino({ level: 'silent' }) });
    other.repo.deleteDocument('fruit');
    other.close();
    app = start();
    expect(app.search.search('papaya harvest').hits).toEqual([]);
    expect(answers(app.search)).toEqual(answers(new PtgSearch(app.repo)));
    expect(stored(app)).toBe(1);
    app.close();
  });
});
