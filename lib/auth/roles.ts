// Who may do what. viewer < operator < admin is a ladder for the portal's pages; partner is off the ladder:
// partners reach data only through the API with a token, so no page accepts them.
import type { UserRole } from '../../db/schema/auth';

export type { UserRole };
export const USER_ROLES: readonly UserRole[] = ['viewer', 'operator', 'partner', 'admin'];

/** Roles a page, server action or session-authenticated API route can require. */
export type PortalRole = Exclude<UserRole, 'partner'>;

const PORTAL_RANK: Record<PortalRole, number> = { viewer: 1, operator: 2, admin: 3 };

export function isUserRole(value: unknown): value is UserRole {
  return typeof value === 'string' && (USER_ROLES as readonly string[]).includes(value);
}

/** Whether a user with `role` may use something that requires `required`. */
export function roleAllows(role: UserRole, required: PortalRole): boolean {
  if (role === 'partner') return false;
  return PORTAL_RANK[role] >= PORTAL_RANK[required];
}

export const ROLE_DESCRIPTIONS: Record<UserRole, string> = {
  viewer: 'browse dashboards, quicklooks and live feeds',
  operator: 'viewer, plus operations pages and control actions',
  partner: 'API only, with a token scoped to named instruments',
  admin: 'everything, including users and API tokens',
};
