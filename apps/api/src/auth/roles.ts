import { SetMetadata } from '@nestjs/common';
import { ACCESS_ROLES, AccessRole } from '@safe-harbour/domain';

/**
 * - `reception_officer`: reception-centre desk staff: registers people, triages, moves them through the
 *   stations, records missing/found at the centre.
 * - `case_worker`: follows people through the NRM: records pathway facts (referrals, decisions, exits,
 *   missing/found) and reads their cases.
 */
// One list of roles, in the domain (where the capabilities by role are data); the API re-exports it.
export const ROLES = ACCESS_ROLES;
export type Role = AccessRole;

export const ROLES_KEY = 'safe-harbour:roles';
export const PUBLIC_KEY = 'safe-harbour:public';

/** The roles that may call a route. A route with neither @Roles nor @Public is refused to everyone. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** Reachable without a token (login, health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Everyone signed in, whatever their role: for routes whose service applies its own scope. */
export const ANY_ROLE: Role[] = [...ROLES];

export interface AuthUser {
  id: string;
  email: string;
  organisationId: string;
  roles: Role[];
}

export const hasRole = (user: AuthUser, ...roles: Role[]) => user.roles.some((r) => roles.includes(r));
