/**
 * Which events of an area feed a subscriber may receive. An area subscription is a window on everything
 * addressed to the area, so each event is checked against what the subscriber may see over HTTP: an
 * operation's events only if they may see that operation; a site's or bed's events only if they may see that
 * site (partners: their own organisation's sites only).
 */
export interface AreaFilter {
  /** admins: everything */
  all: boolean;
  /** operations the subscriber may see */
  operationIds: ReadonlySet<string>;
  /** sites: null = every organisation's, else only this organisation's */
  siteOrganisationId: string | null;
}

export interface AreaEventFacts {
  operationId?: string | null;
  siteId?: string | null;
  /** the organisation the event is scoped to (an operation's lead, a site's owner) */
  organisationId?: string | null;
}

export function areaEventVisible(filter: AreaFilter, event: AreaEventFacts): boolean {
  if (filter.all) return true;
  if (event.operationId) return filter.operationIds.has(event.operationId);
  if (filter.siteOrganisationId === null) return true;
  return !!event.organisationId && event.organisationId === filter.siteOrganisationId;
}
