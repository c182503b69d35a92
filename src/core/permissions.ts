// Who may do what: by verified account, channel operator status or Matrix power level, never by nick.
import type { Identity, Role } from './types.ts';

export interface PermissionConfig {
  /** Identity keys or accounts: "irc:<services account>", "@user:server" (Matrix). */
  admins: string[];
  chairs: string[];
  /** IRC channel operators count as chairs. */
  opsAreChairs: boolean;
  /** Matrix power level at or above which a user is a chair / an admin. */
  chairPowerLevel: number;
  adminPowerLevel: number;
}

export const defaultPermissions: PermissionConfig = {
  admins: [],
  chairs: [],
  opsAreChairs: true,
  chairPowerLevel: 50,
  adminPowerLevel: 100,
};

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
  if (listed(cfg.admins)) return 'admin';
  if (id.powerLevel !== undefined && id.powerLevel >= cfg.adminPowerLevel) return 'admin';
  if (listed(cfg.chairs)) return 'chair';
  if (id.powerLevel !== undefined && id.powerLevel >= cfg.chairPowerLevel) return 'chair';
  if (cfg.opsAreChairs && id.isOp) return 'chair';
  return 'anyone';
}

export function allows(held: Role, needed: Role): boolean {
  return RANK[held] >= RANK[needed];
}
