// The schedule section of the config, resolved once: the team, its channels with their zones,
// posting times and offsets per kind, the grace window, and which official events are reminded.
import type { ScheduleConfig } from './config.ts';
import { DEFAULT_OFFSETS, isNotable, offsetDays, slugOf } from './kinds.ts';
import { KINDS, type Kind, type Offset, type ScheduleEvent } from './types.ts';

export interface ChannelSettings {
  /** "<transport>:<room>", e.g. "irc:#openstack-nova". */
  target: string;
  transport: string;
  room: string;
  timeZone: string;
  /** Wall-clock time reminders go out, in timeZone. */
  postAt: string;
  offsets: Record<Kind, Offset[]>;
}

export interface ScheduleSettings {
  project: string;
  /**
   * Other teams' own dates share the database (a multi-team config): an own date is this team's
   * only when it carries its project. A single team owns every own date (as before teams).
   */
  strictOwn?: boolean;
  /** Pinned current cycle, or null to pick it by date. */
  cycle: string | null;
  graceMs: number;
  include: string[];
  exclude: string[];
  channels: ChannelSettings[];
  /** For rooms that are not configured (replies) and for `schedule plan` without channels. */
  fallback: ChannelSettings;
}

export function splitTarget(target: string): { transport: string; room: string } {
  const i = target.indexOf(':');
  return { transport: target.slice(0, i), room: target.slice(i + 1) };
}

type OffsetsConfig = Partial<Record<Kind, Offset[] | undefined>>;

function mergeOffsets(...layers: (OffsetsConfig | undefined)[]): Record<Kind, Offset[]> {
  const out = { ...DEFAULT_OFFSETS };
  for (const layer of layers) {
    for (const k of KINDS) {
      const v = layer?.[k];
      if (v) out[k] = [...new Set(v)].sort((a, b) => (offsetDays(b) ?? 0) - (offsetDays(a) ?? 0));
    }
  }
  return out;
}

export function scheduleSettings(cfg: ScheduleConfig, strictOwn = false): ScheduleSettings {
  const base = { timeZone: cfg.timeZone, postAt: cfg.postAt };
  const channels = cfg.channels.map((c) => ({
    target: c.target,
    ...splitTarget(c.target),
    timeZone: c.timeZone ?? base.timeZone,
    postAt: c.postAt ?? base.postAt,
    offsets: mergeOffsets(cfg.offsets, c.offsets),
  }));
  return {
    project: cfg.project,
    ...(strictOwn ? { strictOwn } : {}),
    cycle: cfg.cycle ?? null,
    graceMs: cfg.graceHours * 3600_000,
    include: cfg.remind.include,
    exclude: cfg.remind.exclude,
    channels,
    fallback: { target: 'default:', transport: 'default', room: '', ...base, offsets: mergeOffsets(cfg.offsets) },
  };
}

/** The settings of the channel a message came from (the fallback's zone when not configured). */
export function channelFor(s: ScheduleSettings, transport: string, room: string): ChannelSettings {
  return s.channels.find((c) => c.transport === transport && c.room.toLowerCase() === room.toLowerCase()) ?? s.fallback;
}

const matchesId = (e: ScheduleEvent, names: string[]) =>
  names.some((n) => {
    const k = n.toLowerCase();
    return k === e.key || (e.eventId !== null && (k === e.eventId || k === slugOf(e.eventId)));
  });

/** The team's view: cross-project events, its project's events and its own. */
export function isTeamEvent(e: ScheduleEvent, s: Pick<ScheduleSettings, 'project' | 'strictOwn'>): boolean {
  return e.project === null || e.project === s.project || (e.source !== 'official' && !s.strictOwn);
}

/** Whether the team gets reminders for an event (notable by kind, or named in remind.include). */
export function isReminded(e: ScheduleEvent, s: Pick<ScheduleSettings, 'project' | 'strictOwn' | 'include' | 'exclude'>): boolean {
  if (!isTeamEvent(e, s) || matchesId(e, s.exclude)) return false;
  return isNotable(e) || matchesId(e, s.include);
}
