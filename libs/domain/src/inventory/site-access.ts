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

/** The placement that last left a bed to be cleaned: whose people were in it. */
export interface Departure {
  /** Organisations responsible for the person who left: the placing officer's and the operation's lead. */
  organisationIds: readonly string[];
}

/**
 * Marking a bed ready again after a departure (cleaning -> available). The site's keepers may, as for any
 * status; so may the housing officers of the council whose person has just left it. A council that
 * places into a provider's bed (a charity's safe house, a spot-purchased B&B, a neighbour's hostel) is
 * the one that arranges its turnaround; without this only the provider could bring the bed back, and a
 * provider with no housing officers of its own left it out of service for good.
 */
export function canMarkBedReady(viewer: Viewer, site: { organisationId: string }, departure: Departure | null): boolean {
  if (canManageSite(viewer, site)) return true;
  return !!departure && has(viewer, 'housing_officer') && departure.organisationIds.includes(viewer.organisationId);
}
