import { AuthUser } from '../auth/roles';

export interface NavigationItem {
  text: string;
  href: string;
  active?: boolean;
}

/**
 * The service navigation by role. Roles are compared as strings so a role added later (reception officer,
 * case worker) only needs its line here. Each role has one start page (`/` sends people there).
 */
const AREAS: Array<{ roles: string[]; text: string; href: string; matches: RegExp }> = [
  { roles: ['emergency_planner', 'operation_lead', 'reception_officer', 'admin', 'partner'], text: 'Operations', href: '/operations', matches: /^\/operations(\/|$)/ },
  { roles: ['housing_officer', 'admin'], text: 'Accommodation', href: '/sites', matches: /^\/sites(\/|$)/ },
  { roles: ['case_worker', 'housing_officer', 'admin'], text: 'Worklist', href: '/worklist', matches: /^\/(worklist|people)(\/|$)/ },
  { roles: ['admin'], text: 'Users', href: '/admin/users', matches: /^\/admin\/users(\/|$)/ },
  { roles: ['admin'], text: 'Audit trail', href: '/admin/audit', matches: /^\/admin\/audit(\/|$)/ },
];

export function navigationFor(user: AuthUser | undefined, path: string): NavigationItem[] {
  if (!user) return [];
  const roles: string[] = user.roles;
  return AREAS.filter((area) => area.roles.some((r) => roles.includes(r))).map((area) => ({
    text: area.text,
    href: area.href,
    active: area.matches.test(path),
  }));
}

export type StartPage =
  | { kind: 'page'; href: string }
  /** The desk or the live picture of the user's current operation: the caller looks the operation up. */
  | { kind: 'operation'; page: 'desk' | 'live' };

/** Where `/` takes someone, by their first matching role (a person with several roles gets the first). */
export function startPageFor(user: AuthUser): StartPage {
  const roles: string[] = user.roles;
  if (roles.includes('admin')) return { kind: 'page', href: '/admin/users' };
  if (roles.includes('emergency_planner')) return { kind: 'page', href: '/operations' };
  if (roles.includes('reception_officer')) return { kind: 'operation', page: 'desk' };
  if (roles.includes('operation_lead')) return { kind: 'operation', page: 'live' };
  if (roles.includes('housing_officer')) return { kind: 'page', href: '/sites' };
  if (roles.includes('case_worker')) return { kind: 'page', href: '/worklist' };
  return { kind: 'page', href: '/operations' };
}
