// The triage round in a room: start, show, decide, correct, end. State is read from and written
// to SQLite on every command (so a restart mid-round loses nothing); Launchpad is asked for one
// search at the start and one bug entry per bug shown. When Launchpad is down the round says so
// in one line and keeps everything it has. During an OpenDev meeting the minutes lines are the
// acknowledgements, so each bug costs the channel at most four lines.
// This file runs the commands one at a time; round-start.ts, decisions.ts, acknowledge.ts and
// round-end.ts do the work.
import type { Reply } from '../core/types.ts';
import { recordDailyBacklog, statsText, teamProjects } from './backlog.ts';
import { decide, undo } from './decisions.ts';
import { minutesOn, runningRound, text, type RoundContext, type TriageServiceDeps, type TriageSettings } from './round-context.ts';
import { endRound } from './round-end.ts';
import { roundStatus, startRound } from './round-start.ts';
import type { Shown } from './show.ts';
import type { DecisionInput, Order, Where, Who } from './types.ts';
import { TriageWriter } from './writer.ts';

export class TriageService {
  /** Commands run one at a time: two quick decisions must not both see the same current bug. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly c: RoundContext;

  constructor(private readonly d: TriageServiceDeps) {
    const writer = new TriageWriter({
      repo: d.repo,
      journal: d.journal,
      client: d.client,
      projects: teamProjects(d.settings),
      write: d.settings.write,
      log: d.log,
    });
    this.c = { d, writer, shown: new Map<number, Shown>() };
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  get settings(): TriageSettings {
    return this.d.settings;
  }

  start(where: Where, who: Who, now: number, opts: { size?: number; order?: Order } = {}): Promise<Reply[]> {
    return this.serial(() => startRound(this.c, where, who, now, opts));
  }

  status(where: Where, now: number): Promise<Reply[]> {
    return this.serial(() => roundStatus(this.c, where, now));
  }

  decide(where: Where, who: Who, now: number, input: DecisionInput): Promise<Reply[]> {
    return this.serial(() => decide(this.c, where, who, now, input));
  }

  /** Takes back the round's last standing decision; others' only with `chair` (a chair or admin). */
  undo(where: Where, who: Who, now: number, chair: boolean): Promise<Reply[]> {
    return this.serial(() => undo(this.c, where, who, now, chair));
  }

  end(where: Where, who: Who, now: number): Promise<Reply[]> {
    return this.serial(async () => {
      const round = runningRound(this.c, where, 'no triage round is running here');
      this.c.shown.delete(round.id);
      return endRound({ repo: this.d.repo, settings: this.d.settings, log: this.d.log }, round, who, now, minutesOn(this.c, where));
    });
  }

  stats(now: number): Reply {
    return text(statsText(this.d.repo, this.d.settings, now));
  }

  /** For the running bot's scheduler: one backlog count per UTC day. */
  recordDailyBacklog(now: Date = new Date()): Promise<{ recorded: boolean; untriaged?: number }> {
    return recordDailyBacklog(this.d.repo, this.d.client, this.d.settings, now.getTime(), this.d.log);
  }

  /** For the running bot (at start, then every few hours): finishes writes a crash or an outage left, unprompted. */
  finishWrites(): Promise<string[]> {
    return this.serial(() => this.c.writer.flush());
  }
}
