// The official schedules shipped in data/schedules (<series>-schedule.yaml + .rst), imported
// into a database that lacks them, so `!schedule` works out of the box.
import fs from 'node:fs';
import path from 'node:path';
import type { ScheduleRepo } from './repo.ts';
import { BUNDLED_SCHEDULES_DIR, cycleFromPath, importScheduleFile, type ImportResult } from './importer.ts';

export function bundledScheduleFiles(dir = BUNDLED_SCHEDULES_DIR): { cycle: string; file: string }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^[a-z]+-schedule\.yaml$/.test(f))
    .sort()
    .map((f) => ({ cycle: cycleFromPath(f)!, file: path.join(dir, f) }));
}

/** Imports each bundled cycle the database does not have yet; an imported one is never replaced. */
export function seedSchedules(repo: ScheduleRepo, dir = BUNDLED_SCHEDULES_DIR): ImportResult[] {
  const have = new Set(repo.cycles().map((c) => c.name));
  return bundledScheduleFiles(dir)
    .filter((b) => !have.has(b.cycle))
    .map((b) => importScheduleFile(repo, b.file, { cycle: b.cycle }));
}
