// Brings a database's schedule in line with the shipped data and the config: bundled cycles it
// lacks are imported, and the config's team events replace the previous config's.
import type { ScheduleConfig } from './config.ts';
import { ConfigError } from '../errors.ts';
import type { ScheduleRepo } from './repo.ts';
import { seedSchedules } from './bundled.ts';
import type { ImportResult } from './importer.ts';
import { teamEvent, TeamEventError } from './team.ts';

export function prepareSchedules(
  repo: ScheduleRepo,
  cfg: ScheduleConfig,
): { seeded: ImportResult[]; configEvents: { added: number; removed: number; changed: number } } {
  const seeded = cfg.bundled ? seedSchedules(repo) : [];
  const cycles = repo.cycles();
  const events = cfg.events.map((e, i) => {
    try {
      return teamEvent(e, { project: cfg.project, cycles, source: 'config' });
    } catch (err) {
      if (err instanceof TeamEventError) throw new ConfigError(`config: schedule.events.${i}: ${err.message}`);
      throw err;
    }
  });
  return { seeded, configEvents: repo.syncConfigEvents(events) };
}
