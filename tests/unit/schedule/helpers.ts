// Shared fixtures for the schedule tests: the real schedules, settings from a config section.
import fs from 'node:fs';
import path from 'node:path';
import { validateConfig } from '../../../src/config.ts';
import { buildSchedule, parseSeriesStatus } from '../../../src/schedule/importer.ts';
import { scheduleSettings, type ScheduleSettings } from '../../../src/schedule/settings.ts';
import { teamEvent } from '../../../src/schedule/team.ts';
import type { Cycle, Kind, ScheduleEvent } from '../../../src/schedule/types.ts';
import { ROOT } from '../../helpers/cli.ts';

const DATA = path.join(ROOT, 'data/schedules');
const status = parseSeriesStatus(fs.readFileSync(path.join(DATA, 'series_status.yaml'), 'utf8'));

export function realSchedule(cycle: string): { cycle: Cycle; events: ScheduleEvent[] } {
  const read = (ext: string) => fs.readFileSync(path.join(DATA, `${cycle}-schedule.${ext}`), 'utf8');
  return buildSchedule({ cycle, yaml: read('yaml'), rst: read('rst'), status });
}

export function settingsFor(schedule: Record<string, unknown> = {}): ScheduleSettings {
  return scheduleSettings(validateConfig({ schedule }, 'test', {}).schedule);
}

export const flamingo = realSchedule('flamingo');

export function own(name: string, date: string, kind: Kind, time: string | null = null, cycle = 'flamingo'): ScheduleEvent {
  return teamEvent({ name, date, time, kind, cycle }, { project: 'nova', cycles: [flamingo.cycle], source: 'cli' });
}
