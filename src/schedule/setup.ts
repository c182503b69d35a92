// Brings a database's schedule in line with the shipped data and the config: bundled cycles it
// lacks are imported, and the config's team events replace the previous config's.
import type { ScheduleConfig } from './config.ts';
import { ConfigError } from '../errors.ts';
import type { ScheduleRepo } from './repo.ts';
import { seedSchedules } from './bundled.ts';
import type { ImportResult } from './importer.ts';
import { teamEvent, TeamEventError } from './team.ts';

/** Whose own dates the config gives: the schedule section's, or each team's (keys then name the project). */
export interface ConfigDates {
  project: string;
  events: ScheduleConfig['events'];
  /** Where they are in the config, for errors: "schedule.events", "teams.2.schedule.events". */
  path: string;
  scoped: boolean;
}

export function prepareSchedules(
  repo: ScheduleRepo,
  cfg: ScheduleConfig,
  owners: ConfigDates[] = [{ project: cfg.project, events: cfg.events, path: 'schedule.events', scoped: false }],
): { seeded: ImportResult[]; configEvents: { added: number; removed: number; changed: number } } {
  const seeded = cfg.bundled ? seedSchedules(repo) : [];
  const cycles = repo.cycles();
  const events = owners.flatMap((o) =>
    o.events.map((e, i) => {
      try {
        return teamEvent(e, { project: o.project, cycles, source: 'config', scoped: o.scoped });
      } catch (err) {
        if (err instanceof TeamEventError) throw new ConfigError(`config: ${o.path}.${i}: ${err.message}`);
        throw err;
      }
    }),
  );
  return { seeded, configEvents: repo.syncConfigEvents(events) };
}
