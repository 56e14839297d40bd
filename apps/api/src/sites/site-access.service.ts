import { Injectable } from '@nestjs/common';
import { BedCounts, BedStatus, canMarkBedReady, emptyBedCounts } from '@safe-harbour/domain';
import { AccessService } from '../access/access.service';
import { EntityManager } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/roles';
import { forbidden, notFound } from '../common/domain-error';
import { BedsRepository } from './beds.repository';
import { SiteRecord, SitesRepository } from './sites.repository';

export interface SiteView {
  id: string;
  organisationId: string;
  name: string;
  type: string;
  localAuthorityCode: string;
  /** null unless the viewer may see it (owning organisation's housing officers, admins). */
  address: string | null;
  location: { lat: number; lng: number } | null;
  availableFrom: Date | null;
  availableUntil: Date | null;
  attributes: {
    singleSex: string | null;
    acceptsChildren: boolean;
    acceptsFamilies: boolean;
    wheelchairAccessible: boolean;
    selfContained: boolean;
    dormitory: boolean;
    staffedHours: string;
    traumaInformed: boolean;
    acceptsNoRecourseToPublicFunds: boolean;
    acceptsPets: boolean;
    substanceMisuseSupport: boolean;
    languages: string[];
  };
  readiness: 'ready' | 'not_ready';
  nightlyCostPence: number | null;
  isDemo: boolean;
  bedCounts: BedCounts;
  /** Beds that can be given to someone now: available beds of a ready site (a void property not ready has none). */
  placeableBeds: number;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * The inventory's thin caller of the access layer (AccessService; rules in @safe-harbour/domain
 * site-access), used at the top of every inventory service method. Invisible sites are "not found".
 */
@Injectable()
export class SiteAccess {
  constructor(
    private readonly sites: SitesRepository,
    private readonly beds: BedsRepository,
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  canSee(user: AuthUser, site: { organisationId: string }): boolean {
    return this.access.canSeeSite(user, site);
  }

  scope(user: AuthUser): string | null {
    return this.access.siteScope(user);
  }

  async visibleSite(manager: EntityManager, user: AuthUser, siteId: string, lock = false): Promise<SiteRecord> {
    const site = await this.sites.findById(manager, siteId, lock);
    if (!site || !this.access.canSeeSite(user, site)) throw notFound('Site');
    return site;
  }

  async manageableSite(manager: EntityManager, user: AuthUser, siteId: string, lock = false): Promise<SiteRecord> {
    const site = await this.visibleSite(manager, user, siteId, lock);
    this.assertCanManage(user, site);
    return site;
  }

  assertCanManage(user: AuthUser, site: { organisationId: string }): void {
    if (!this.access.canManageSite(user, site)) {
      throw forbidden("Only the owning organisation's housing officers and emergency planners (or an admin) may change this site");
    }
  }

  /**
   * A bed's status is the site keepers' to change; a bed out for cleaning after a departure may also be
   * marked ready by the housing officers of the council whose person left it (rule: `canMarkBedReady`).
   */
  async assertCanChangeBed(
    manager: EntityManager,
    user: AuthUser,
    site: { organisationId: string },
    bed: { id: string; status: BedStatus; outOfServiceReason: string | null },
    to: string,
  ): Promise<void> {
    if (this.access.canManageSite(user, site)) return;
    const markingReady = bed.status === 'out_of_service' && bed.outOfServiceReason === 'cleaning' && to === 'available';
    const departure = markingReady ? await this.beds.lastDeparture(manager, bed.id) : null;
    if (!canMarkBedReady(user, site, departure)) this.assertCanManage(user, site);
  }

  canMarkReady(user: AuthUser, site: { organisationId: string }, departure: { organisationIds: readonly string[] } | null): boolean {
    return canMarkBedReady(user, site, departure);
  }

  /** The site as this viewer may see it; every address handed out is audited as `read_address`. */
  async present(
    manager: EntityManager,
    actor: Actor & { user: AuthUser },
    sites: SiteRecord[],
    counts: Map<string, BedCounts>,
    via: string,
  ): Promise<SiteView[]> {
    const views = sites.map((s) => toView(s, counts.get(s.id) ?? emptyBedCounts(), this.access.canSeeSiteAddress(actor.user, s)));
    const disclosed = views.filter((v) => v.address !== null);
    await this.audit.recordMany(
      manager,
      actor,
      disclosed.map((v) => ({ action: 'read_address', entityType: 'site', entityId: v.id, details: { via } })),
    );
    return views;
  }
}

function toView(s: SiteRecord, bedCounts: BedCounts, showAddress: boolean): SiteView {
  return {
    id: s.id,
    organisationId: s.organisationId,
    name: s.name,
    type: s.type,
    localAuthorityCode: s.localAuthorityCode,
    address: showAddress ? s.address : null,
    location: showAddress && s.latitude !== null && s.longitude !== null ? { lat: s.latitude, lng: s.longitude } : null,
    availableFrom: s.availableFrom,
    availableUntil: s.availableUntil,
    attributes: {
      singleSex: s.singleSex,
      acceptsChildren: s.acceptsChildren,
      acceptsFamilies: s.acceptsFamilies,
      wheelchairAccessible: s.wheelchairAccessible,
      selfContained: s.selfContained,
      dormitory: s.dormitory,
      staffedHours: s.staffedHours,
      traumaInformed: s.traumaInformed,
      acceptsNoRecourseToPublicFunds: s.acceptsNoRecourseToPublicFunds,
      acceptsPets: s.acceptsPets,
      substanceMisuseSupport: s.substanceMisuseSupport,
      languages: s.languages,
    },
    readiness: s.readiness,
    nightlyCostPence: s.nightlyCostPence,
    isDemo: s.isDemo,
    bedCounts,
    placeableBeds: s.readiness === 'ready' ? bedCounts.available : 0,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}
