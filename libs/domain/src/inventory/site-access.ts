/** Who may see and change which sites: pure, so each role's answer is tested in a table. */
export interface Viewer {
  organisationId: string;
  roles: readonly string[];
}

const has = (v: Viewer, ...roles: string[]) => v.roles.some((r) => roles.includes(r));
const isAdmin = (v: Viewer) => has(v, 'admin');

/**
 * Sites must be findable by neighbouring councils for cross-boundary placement (an MoU lets one council
 * house another's victims), and operation leads watch beds across the area on the day; so housing
 * officers, emergency planners and operation leads of any organisation can find every site, without its
 * address. Partners are narrow: they see their own organisation's sites only.
 * Returns the organisation the viewer is limited to, or null for "every organisation".
 */
export function siteScopeOf(viewer: Viewer): string | null {
  if (isAdmin(viewer) || has(viewer, 'housing_officer', 'emergency_planner', 'operation_lead')) return null;
  return viewer.organisationId;
}

export function canSeeSite(viewer: Viewer, site: { organisationId: string }): boolean {
  const scope = siteScopeOf(viewer);
  return scope === null || scope === site.organisationId;
}

/** The address and exact location: the owning organisation's housing officers, and admins. Nobody else. */
export function canSeeSiteAddress(viewer: Viewer, site: { organisationId: string }): boolean {
  return isAdmin(viewer) || (has(viewer, 'housing_officer') && viewer.organisationId === site.organisationId);
}

/** Sites, rooms, beds and the void checklist are kept by the owning council's housing and planning staff. */
export function canManageSite(viewer: Viewer, site: { organisationId: string }): boolean {
  return isAdmin(viewer) || (has(viewer, 'housing_officer', 'emergency_planner') && viewer.organisationId === site.organisationId);
}
