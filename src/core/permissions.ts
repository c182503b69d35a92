// Who may do what: by verified account (the configured lists) or the role the room grants (a
// transport's role hint: IRC channel operator, Matrix power level), never by nick.
import type { Identity, Role } from './types.ts';

/** The lists core checks. (permissions.opsAreChairs and the power levels go to the transports.) */
export interface PermissionConfig {
  /** Identity keys or accounts: "irc:<services account>", "@user:server" (Matrix). */
  admins: string[];
  chairs: string[];
}

export const defaultPermissions: PermissionConfig = { admins: [], chairs: [] };

const RANK: Record<Role, number> = { anyone: 0, chair: 1, admin: 2 };

/** A configured identity entry as an identity key: "@u:server" → "matrix:@u:server", lower case. */
export function entryKey(entry: string): string {
  const e = entry.trim().toLowerCase();
  return e.startsWith('@') ? `matrix:${e}` : e;
}

export function roleOf(id: Identity, cfg: PermissionConfig): Role {
  if (id.isLocalOperator) return 'admin';
  const key = id.key.toLowerCase();
  const listed = (list: string[]) => list.some((entry) => entryKey(entry) === key);
  const hint = id.roleHint ?? 'anyone';
  if (listed(cfg.admins) || hint === 'admin') return 'admin';
  if (listed(cfg.chairs) || hint === 'chair') return 'chair';
  return 'anyone';
}

export function allows(held: Role, needed: Role): boolean {
  return RANK[held] >= RANK[needed];
}
