// The real app (createApp: router, commands, SQLite) pointed at the fake Launchpad, a settable
// clock, and helpers to talk to it as a chair, a participant or the meeting bot.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../../src/app.ts';
import { validateConfig } from '../../../src/config.ts';
import { renderPlain } from '../../../src/core/formatting.ts';
import type { Identity } from '../../../src/core/types.ts';
import { createRootLogger } from '../../../src/log.ts';
import { loadFixtureBugs } from '../../helpers/fake-launchpad.ts';
import { roomMsg } from '../../helpers/messages.ts';

export const NOW = loadFixtureBugs().now;
export const chair: Identity = { key: 'irc:gibi', display: 'gibi', account: 'gibi' };
export const member: Identity = { key: 'irc:bob', display: 'bob', account: 'bob' };
export const meetbot: Identity = { key: 'irc:nick:opendevmeet', display: 'opendevmeet' };

export interface Harness {
  app: App;
  clock: { now: Date };
  /** Rendered lines of every reply; minutes lines prefixed "[minutes] ", private ones "[private] ". */
  say(text: string, sender?: Identity): Promise<string[]>;
  meetingStarts(name?: string): void;
  meetingEnds(): void;
  close(): void;
}

export function tempDb(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cyclebot-triage-')), 'bot.db');
}

export function makeApp(opts: {
  url: string;
  dbPath?: string;
  launchpad?: Record<string, unknown>;
  triage?: Record<string, unknown>;
  clock?: { now: Date };
}): Harness {
  const clock = opts.clock ?? { now: new Date(NOW) };
  const config = validateConfig(
    {
      rateLimit: { burst: 1000, refillSeconds: 1 },
      permissions: { chairs: ['irc:gibi'] },
      launchpad: { url: opts.url, allowHttp: true, timeoutSeconds: 2, retries: 0, ...opts.launchpad },
      triage: opts.triage,
    },
    'test',
    {},
  );
  const app = createApp({
    dbPath: opts.dbPath ?? ':memory:',
    config,
    log: createRootLogger({ level: 'silent', format: 'json' }),
    clock: () => clock.now,
    triage: { sleep: async () => {} },
  });
  const banner = (text: string) => app.meetings.observe(roomMsg(text, meetbot), clock.now);
  return {
    app,
    clock,
    async say(text, sender = chair) {
      const r = await app.router.handle(roomMsg(text, sender));
      if (r.kind === 'ignored') return [];
      return r.replies.flatMap((rep) =>
        rep.lines.map((l) => `${(rep as { minutes?: boolean }).minutes ? '[minutes] ' : rep.private ? '[private] ' : ''}${renderPlain(l)}`),
      );
    },
    meetingStarts(name = 'nova') {
      banner(
        `Meeting started ${clock.now.toUTCString()} UTC and is due to finish in 60 minutes.  The chair is bauzas. Information about MeetBot at http://wiki.debian.org/MeetBot.`,
      );
      banner(`The meeting name has been set to '${name}'`);
    },
    meetingEnds() {
      banner(`Meeting ended ${clock.now.toUTCString()} UTC.  Information about MeetBot at http://wiki.debian.org/MeetBot . (v 0.1.4)`);
    },
    close: () => app.close(),
  };
}

/** Lines the meeting bot would act on must be minutes lines; every other line starts safely. */
export function unsafeLines(lines: string[]): string[] {
  return lines.filter((l) => !l.startsWith('[minutes] ') && /^(?:\[private\] )?(?:#|[a-z]+:\/\/)/i.test(l));
}
