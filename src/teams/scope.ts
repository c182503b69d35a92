// Message → team: the channel's team; in a channel several teams share (#openstack-meeting), the
// team whose meeting runs there (`#startmeeting nova`, as the meeting bot names it); otherwise the
// team a command names ("!schedule nova"), or one line asking for it.
import { command, rich } from '../core/rich.ts';
import type { ChatMessage, TeamScope } from '../core/types.ts';
import { truncate } from '../core/text.ts';
import { CommandError } from '../errors.ts';
import { channelKey } from './config.ts';
import type { Roster, Team } from './model.ts';

/** What the resolver asks of the meeting tracker: the meeting running in a room, with its name. */
export interface RunningMeetings {
  current(transport: string, room: string, now?: Date): { name?: string } | undefined;
}

/** Names shown when asking which team: a shared channel's few, or the first of many. */
const LISTED = 8;

export class TeamDirectory {
  readonly byName: ReadonlyMap<string, Team>;
  private readonly byChannel = new Map<string, Team[]>();

  constructor(
    readonly roster: Roster,
    private readonly meetings?: RunningMeetings,
  ) {
    this.byName = new Map(roster.teams.map((t) => [t.name, t]));
    for (const t of roster.teams) for (const c of t.channels) this.byChannel.set(channelKey(c), [...(this.byChannel.get(channelKey(c)) ?? []), t]);
  }

  get names(): string[] {
    return this.roster.teams.map((t) => t.name);
  }

  /** The teams that list a channel ("<transport>:<room>"). */
  teamsOf(transport: string, room: string): Team[] {
    return this.byChannel.get(channelKey(`${transport}:${room}`)) ?? [];
  }

  /** The team a message means when nothing names one, or undefined (a shared channel outside a meeting, a private chat). */
  currentTeam(msg: Pick<ChatMessage, 'transport' | 'room' | 'isPrivate'>, now?: Date): Team | undefined {
    const { teams } = this.roster;
    if (!this.roster.multi) return teams[0];
    if (msg.isPrivate) return teams.length === 1 ? teams[0] : undefined;
    const here = this.teamsOf(msg.transport, msg.room);
    if (here.length === 1) return here[0];
    if (here.length === 0 && teams.length === 1) return teams[0];
    // A shared channel (or one no team lists): the team whose meeting runs there now.
    const name = this.meetings?.current(msg.transport, msg.room, now)?.name;
    return name ? this.byName.get(name) : undefined;
  }

  /** The TeamScope the router hands to commands for one message. */
  scope(msg: ChatMessage, now?: Date): TeamScope {
    const current = this.currentTeam(msg, now);
    const { multi } = this.roster;
    return {
      names: this.names,
      multi,
      ...(current ? { current: current.name } : {}),
      chairs: current?.chairs ?? [],
      take: (args, usage) => {
        const trimmed = args.trim();
        const first = /^\S{1,48}/.exec(trimmed)?.[0].toLowerCase() ?? '';
        if (multi && this.byName.has(first)) return { team: first, args: trimmed.slice(first.length).trim() };
        if (current) return { team: current.name, args: trimmed };
        throw new CommandError(this.which(msg, usage, /\s/.test(trimmed) ? '' : first));
      },
    };
  }

  /** One line asking which team (naming the one word given, when it is not a team). */
  private which(msg: ChatMessage, usage: string, word: string) {
    const here = msg.isPrivate ? [] : this.teamsOf(msg.transport, msg.room);
    const list = (here.length > 1 ? here : this.roster.teams).map((t) => t.name);
    const shown = list.length > LISTED ? `${list.slice(0, LISTED).join(', ')} … (${list.length} teams: ` : `${list.join(', ')} (`;
    const where = here.length > 1 ? 'this channel is shared by' : 'I serve';
    const not = word ? `"${truncate(word, 30)}" is not a team; ` : '';
    return rich`which team? ${not}${where} ${shown}${command('teams')}): say ${command(usage)}${here.length > 1 ? ", or ask during the team's meeting" : ''}`;
  }
}
