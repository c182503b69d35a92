// Who is in which channel with which prefix modes, and which services account each nick is
// logged into. Pure bookkeeping fed by IRC events, so it can be unit-tested without a server.
//
// Why it matters: permissions are granted by account (config "irc:<account>") or by channel
// operator status, never by nick. A nick is just a label anyone can take when it is free, so
// an account is only remembered while the user shares a channel with us (we see their QUIT
// and NICK then), and is forgotten on disconnect.
import type { Identity, Role } from '../../core/types.ts';

/** Folds a nick or channel name with the network's casemapping (rfc1459 / ascii). */
export type Fold = (name: string) => string;

/** Prefix modes that make someone a channel operator: o and anything ranked above it. */
export function opModes(prefix: { mode: string }[] | undefined): string[] {
  const modes = (prefix ?? []).map((p) => p.mode);
  const at = modes.indexOf('o');
  return at === -1 ? ['q', 'a', 'o'] : modes.slice(0, at + 1);
}

/** The identity key: "irc:<account>" when verified, else "irc:nick:<nick>" (which no account entry matches). */
export function identityFor(nick: string, account: string | undefined, roleHint: Role | undefined, host?: string): Identity {
  const id: Identity = account ? { key: `irc:${account}`, display: nick, account } : { key: `irc:nick:${nick}`, display: nick };
  if (host) id.host = host;
  if (roleHint) id.roleHint = roleHint;
  return id;
}

export class Roster {
  /** channel (folded) → nick (folded) → prefix modes held there. */
  private readonly channels = new Map<string, Map<string, Set<string>>>();
  /** nick (folded) → services account; absent when unknown or logged out. */
  private readonly accounts = new Map<string, string>();

  constructor(private readonly fold: Fold) {}

  /** We (re)joined: start the channel empty; NAMES fills it. */
  resetChannel(channel: string): void {
    this.channels.set(this.fold(channel), new Map());
  }

  /** We left or were kicked: forget the channel and anyone we no longer share a channel with. */
  dropChannel(channel: string): void {
    const members = this.channels.get(this.fold(channel));
    this.channels.delete(this.fold(channel));
    for (const nick of members?.keys() ?? []) this.forgetIfGone(nick);
  }

  /** NAMES reply (the `userlist` event) replaces the member list of a channel. */
  setNames(channel: string, users: { nick: string; modes: string[] }[]): void {
    const members = new Map<string, Set<string>>();
    for (const u of users) members.set(this.fold(u.nick), new Set(u.modes));
    this.channels.set(this.fold(channel), members);
  }

  /** Someone joined; `account` comes from extended-join (false = not logged in, undefined = not told). */
  join(channel: string, nick: string, account?: string | false): void {
    const members = this.channels.get(this.fold(channel));
    if (!members) return;
    members.set(this.fold(nick), new Set());
    if (account !== undefined) this.setAccount(nick, account);
  }

  part(channel: string, nick: string): void {
    this.channels.get(this.fold(channel))?.delete(this.fold(nick));
    this.forgetIfGone(this.fold(nick));
  }

  quit(nick: string): void {
    const n = this.fold(nick);
    for (const members of this.channels.values()) members.delete(n);
    this.accounts.delete(n);
  }

  rename(oldNick: string, newNick: string): void {
    const o = this.fold(oldNick);
    const n = this.fold(newNick);
    if (o === n) return; // case-only change under this casemapping
    for (const members of this.channels.values()) {
      const modes = members.get(o);
      if (modes) {
        members.delete(o);
        members.set(n, modes);
      }
    }
    const account = this.accounts.get(o);
    this.accounts.delete(o);
    this.accounts.delete(n);
    if (account) this.accounts.set(n, account);
  }

  /** A `+o nick` / `-o nick` style change of a prefix mode in a channel. */
  setMode(channel: string, nick: string, mode: string, add: boolean): void {
    const modes = this.channels.get(this.fold(channel))?.get(this.fold(nick));
    if (!modes) return;
    if (add) modes.add(mode);
    else modes.delete(mode);
  }

  /** account-notify, extended-join, WHOX or our own login; false/'' means logged out. */
  setAccount(nick: string, account: string | false | undefined): void {
    const n = this.fold(nick);
    // Only for users we can watch (shared channel): otherwise a later holder of the nick could inherit it.
    if (account && this.sharesChannel(n)) this.accounts.set(n, account);
    else this.accounts.delete(n);
  }

  /** The remembered account, only while the user shares a channel with us. */
  accountOf(nick: string): string | undefined {
    const n = this.fold(nick);
    return this.sharesChannel(n) ? this.accounts.get(n) : undefined;
  }

  /** Holds `o` or a higher prefix mode in the channel. */
  isOp(channel: string, nick: string, ops: string[]): boolean {
    const modes = this.channels.get(this.fold(channel))?.get(this.fold(nick));
    return !!modes && ops.some((m) => modes.has(m));
  }

  isMember(channel: string, nick: string): boolean {
    return this.channels.get(this.fold(channel))?.has(this.fold(nick)) ?? false;
  }

  clear(): void {
    this.channels.clear();
    this.accounts.clear();
  }

  private sharesChannel(foldedNick: string): boolean {
    for (const members of this.channels.values()) if (members.has(foldedNick)) return true;
    return false;
  }

  private forgetIfGone(foldedNick: string): void {
    if (!this.sharesChannel(foldedNick)) this.accounts.delete(foldedNick);
  }
}
