// A scheduler on a real SQLite file with a fake clock and a fake post function that records.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Delivery, Reply } from '../../../src/core/types.ts';
import { renderPlain } from '../../../src/core/formatting.ts';
import { seedSchedules } from '../../../src/schedule/bundled.ts';
import { ReminderScheduler, type SchedulerOptions } from '../../../src/schedule/scheduler.ts';
import { openDb, type Db } from '../../../src/store/db.ts';
import { ScheduleRepo } from '../../../src/schedule/repo.ts';
import { FakeTime } from '../../unit/schedule/fake-time.ts';
import { settingsFor } from '../../unit/schedule/helpers.ts';

export interface Posted {
  at: string;
  channel: string;
  lines: string[];
  by: string;
}

export interface LogLine {
  level: string;
  msg: string;
  [k: string]: unknown;
}

export function tempDb(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cyclebot-schedule-')), 'bot.db');
}

export const NOVA = 'irc:#openstack-nova';

export interface Instance {
  name: string;
  db: Db;
  repo: ScheduleRepo;
  scheduler: ReminderScheduler;
  logs: LogLine[];
  /** Simulates kill -9: timers gone, connection closed, nothing flushed or marked. */
  crash(): void;
  settle(): Promise<void>;
}

export interface InstanceOptions {
  name?: string;
  schedule?: Record<string, unknown>;
  /** What post() does; default: record and succeed. */
  post?: (channel: string, reply: Reply) => Promise<boolean | Delivery>;
  meetingRunning?: (channel: string) => boolean;
  scheduler?: Partial<SchedulerOptions>;
}

/** One bot process: its own connection to the shared database file and its own scheduler. */
export function instance(file: string, time: FakeTime, posted: Posted[], opts: InstanceOptions = {}): Instance {
  const name = opts.name ?? 'a';
  const db = openDb(file);
  const repo = new ScheduleRepo(db);
  seedSchedules(repo);
  const logs: LogLine[] = [];
  const logger = (level: string) => (obj: object, msg: string) => logs.push({ level, msg, ...obj });
  const record = (channel: string, reply: Reply) => posted.push({ at: time.clock().toISOString(), channel, lines: reply.lines.map(renderPlain), by: name });
  const scheduler = new ReminderScheduler({
    repo,
    settings: settingsFor({ channels: [NOVA], ...opts.schedule }),
    clock: time.clock,
    timers: time.timers,
    post: opts.post ?? (async (channel, reply) => (record(channel, reply), true)),
    meetingRunning: opts.meetingRunning ?? (() => false),
    log: { debug: logger('debug'), info: logger('info'), warn: logger('warn'), error: logger('error') },
    ...opts.scheduler,
  });
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await scheduler.idle();
      await new Promise((r) => setImmediate(r));
    }
  };
  return {
    name,
    db,
    repo,
    scheduler,
    logs,
    settle,
    crash() {
      scheduler.stop();
      db.close();
    },
  };
}

export { FakeTime };
