import { Injectable } from '@nestjs/common';
import {
  AreaFilter,
  Capability,
  canManageSite,
  canSeeSite,
  canSeeSiteAddress,
  capabilitiesIn,
  decideSensitiveRead,
  hasNarrowView,
  MIN_REASON_LENGTH,
  OperationPart,
  SensitiveRead,
  siteScopeOf,
} from '@safe-harbour/domain';
import { EntityManager } from 'typeorm';
import { AuthUser, hasRole } from '../auth/roles';
import { DomainError, forbidden, notFound } from '../common/domain-error';
import { AccessRepository, OperationStanding } from './access.repository';

/** What one user may do in one operation: the parts their organisation plays and what those grant. */
export interface OperationGrant {
  operationId: string;
  status: string;
  leadOrganisationId: string;
  localAuthorityCode: string;
  parts: OperationPart[];
  capabilities: ReadonlySet<Capability>;
  /** Partners and data-sharing parties: counts and references only. */
  narrow: boolean;
}

const MESSAGES: Record<Capability, string> = {
  view: 'You may not see this operation',
  watch: 'You may not watch this operation',
  plan: "Only the lead organisation's and the host councils' emergency planners and operation leads may change this operation",
  change_stage: "Only the lead agency's operation leads (or its own planners) move the operation through its stages",
  work_with_people: 'Your role may only view this operation',
  record_pathway: 'Your role may only view this operation',
  see_personal_data: "Personal data is shown only to the lead organisation's and host councils' centre and case-work staff",
  place_people: 'Your role or organisation may not place people in this operation',
  export_cases: "Case-level records go only to the lead organisation's and host councils' emergency planners",
};

/**
 * The one access layer (docs/access.md). Every object-level question — may this user see or act on this
 * operation, person, site, bed, placement, report scope or live feed? — is answered here, from the
 * capability table in @safe-harbour/domain (access/capabilities.ts) and the facts AccessRepository reads.
 * Feature services ask; they hold no access SQL. Invisible objects are "not found" (never leak existence);
 * visible ones the user may not act on are 403.
 */
@Injectable()
export class AccessService {
  constructor(private readonly repository: AccessRepository) {}

  isAdmin(user: AuthUser): boolean {
    return hasRole(user, 'admin');
  }

  /** The user's grant in an operation, or 404 when they may not see it (or it does not exist). */
  async operation(user: AuthUser, operationId: string, manager?: EntityManager, what = 'Operation'): Promise<OperationGrant> {
    const standing = await this.repository.operationStanding(operationId, user.organisationId, manager);
    if (!standing) throw notFound(what);
    const grant = this.grantFrom(user, standing);
    if (!grant.capabilities.has('view')) throw notFound(what);
    return grant;
  }

  grantFrom(user: AuthUser, standing: OperationStanding): OperationGrant {
    const parts: OperationPart[] = [];
    if (standing.isLead) parts.push('lead');
    if (standing.isHost) parts.push('host');
    if (standing.onRoster) parts.push('agency');
    if (standing.sharedClasses.length > 0) parts.push('data_sharing');
    const capabilities = capabilitiesIn(user, parts, standing.sharedClasses);
    return {
      operationId: standing.operationId,
      status: standing.status,
      leadOrganisationId: standing.leadOrganisationId,
      localAuthorityCode: standing.localAuthorityCode,
      parts,
      capabilities,
      narrow: hasNarrowView(capabilities),
    };
  }

  can(grant: OperationGrant, capability: Capability): boolean {
    return grant.capabilities.has(capability);
  }

  require(grant: OperationGrant, capability: Capability, message = MESSAGES[capability]): void {
    if (!grant.capabilities.has(capability)) throw forbidden(message);
  }

  /** The operation a person belongs to, with the user's grant there; 404 "Person" when either is invisible. */
  async person(user: AuthUser, personId: string, manager?: EntityManager): Promise<OperationGrant> {
    const operationId = await this.repository.personOperation(personId, manager);
    if (!operationId) throw notFound('Person');
    return this.operation(user, operationId, manager, 'Person');
  }

  /** Operation ids a user's reports and lists may cover; null means every operation (admins). */
  async operationScope(user: AuthUser, options: { ledOrHostedOnly?: boolean } = {}, manager?: EntityManager): Promise<string[] | null> {
    if (this.isAdmin(user)) return null;
    return this.repository.operationIdsFor(user.organisationId, options, manager);
  }

  /**
   * A placement: its operation's placers act on it; the council that owns the bed also sees, ends,
   * transfers and frees it (a cross-boundary placement into its beds), through its housing officers and
   * emergency planners. Anyone else who may see the operation reads it narrowly. Otherwise 404.
   */
  async placement(user: AuthUser, placementId: string, manager?: EntityManager): Promise<PlacementGrant> {
    const owned = await this.repository.placementOwnership(placementId, manager);
    if (!owned) throw notFound('Placement');
    if (this.isAdmin(user)) return { act: true, narrow: false, asBedOwner: false };
    const grant = owned.operationId ? await this.operation(user, owned.operationId, manager, 'Placement').catch(nullOnNotFound) : null;
    if (grant && grant.capabilities.has('place_people')) return { act: true, narrow: false, asBedOwner: false };
    if (owned.siteOrganisationId === user.organisationId && hasRole(user, 'housing_officer', 'emergency_planner')) {
      return { act: true, narrow: false, asBedOwner: true };
    }
    if (grant) return { act: false, narrow: true, asBedOwner: false };
    throw notFound('Placement');
  }

  async requirePlacementAction(user: AuthUser, placementId: string, manager?: EntityManager): Promise<PlacementGrant> {
    const grant = await this.placement(user, placementId, manager);
    if (!grant.act) throw notFound('Placement');
    return grant;
  }

  /** Placing a person of `operationId`: the user holds `place_people` there (else 404 "Person"). */
  async assertMayPlacePerson(user: AuthUser, operationId: string, manager?: EntityManager): Promise<void> {
    const grant = await this.operation(user, operationId, manager, 'Person');
    if (!grant.capabilities.has('place_people')) throw notFound('Person');
  }

  /**
   * A bed of another council needs a cross-boundary agreement between that council and the placing
   * organisation (or one of the operation's lead and host organisations) covering the site and the whole
   * period, else 403 NO_AGREEMENT. Beds of the placing side, and of providers that are not councils, need none.
   */
  async assertBedCovered(
    user: AuthUser,
    operationId: string,
    site: { id: string; organisationId: string; type: string },
    period: { from: Date; until: Date | null },
    manager?: EntityManager,
  ): Promise<void> {
    if (this.isAdmin(user)) return;
    const placing = await this.placingSide(user, operationId, manager);
    if (placing.includes(site.organisationId)) return;
    if ((await this.repository.organisationKind(site.organisationId, manager)) !== 'council') return;
    const agreement = await this.repository.crossBoundaryAgreement(placing, site, period.from, period.until, manager);
    if (!agreement) {
      throw new DomainError(
        403,
        'NO_AGREEMENT',
        'This bed belongs to another council: placing people there needs a cross-boundary agreement between the councils covering this site and the whole period',
      );
    }
  }

  /** The placing side of an operation for this user: their organisation and the operation's lead and hosts. */
  private async placingSide(user: AuthUser, operationId: string, manager?: EntityManager): Promise<string[]> {
    return [...new Set([user.organisationId, ...(await this.repository.leadAndHosts(operationId, manager))])];
  }

  /** Areas where partner councils (under a cross-boundary agreement) have beds this user may be offered. */
  async partnerAreas(user: AuthUser, operationId: string, manager?: EntityManager): Promise<string[]> {
    return this.repository.crossBoundaryAreas(await this.placingSide(user, operationId, manager), manager);
  }

  /**
   * Of the candidate sites, those whose beds may be offered for the period: exactly those a placement would
   * be allowed into (see assertBedCovered). Admins: all.
   */
  async offerableSites(user: AuthUser, operationId: string, siteIds: string[], period: { from: Date; until: Date | null }, manager?: EntityManager): Promise<Set<string>> {
    if (this.isAdmin(user)) return new Set(siteIds);
    return this.repository.offerableSiteIds(await this.placingSide(user, operationId, manager), siteIds, period.from, period.until, manager);
  }

  /**
   * A read of special-category data by someone who may see it: on the usual path, or by breaking the glass
   * with a reason (returned, for the audit row). `required`: without a reason, 403 REASON_REQUIRED;
   * otherwise the caller withholds the data and says so.
   */
  sensitiveRead(user: AuthUser, read: SensitiveRead, reason: string | undefined, required: true): { breakGlass?: string };
  sensitiveRead(user: AuthUser, read: SensitiveRead, reason: string | undefined, required: false): { breakGlass?: string } | null;
  sensitiveRead(user: AuthUser, read: SensitiveRead, reason: string | undefined, required: boolean): { breakGlass?: string } | null {
    const decision = decideSensitiveRead(user.roles, read, reason);
    if (decision.kind === 'usual') return {};
    if (decision.kind === 'break_glass') return { breakGlass: decision.reason };
    if (!required) return null;
    throw new DomainError(
      403,
      'REASON_REQUIRED',
      `Your role reads this data only by breaking the glass: give a reason (at least ${MIN_REASON_LENGTH} characters) in \`reason\`; it is kept in the audit trail`,
    );
  }

  // --- sites and beds (rules in @safe-harbour/domain inventory/site-access.ts) ---------------------------

  /** The organisation whose sites the user is limited to, or null for every organisation's. */
  siteScope(user: AuthUser): string | null {
    return siteScopeOf(user);
  }

  canSeeSite(user: AuthUser, site: { organisationId: string }): boolean {
    return canSeeSite(user, site);
  }

  canManageSite(user: AuthUser, site: { organisationId: string }): boolean {
    return canManageSite(user, site);
  }

  canSeeSiteAddress(user: AuthUser, site: { organisationId: string }): boolean {
    return canSeeSiteAddress(user, site);
  }

  /** What an area subscription may carry to this user (see areaEventVisible in @safe-harbour/domain). */
  async liveAreaFilter(user: AuthUser): Promise<AreaFilter> {
    if (this.isAdmin(user)) return { all: true, operationIds: new Set(), siteOrganisationId: null };
    return {
      all: false,
      operationIds: new Set(await this.repository.operationIdsFor(user.organisationId)),
      siteOrganisationId: siteScopeOf(user),
    };
  }

  organisationArea(organisationId: string): Promise<string | null> {
    return this.repository.organisationArea(organisationId);
  }
}

export interface PlacementGrant {
  /** may see it in full and end, transfer, confirm it */
  act: boolean;
  /** sees it without where the person went next or why rules were overridden */
  narrow: boolean;
  /** acts as the council owning the bed, not as the operation's placer */
  asBedOwner: boolean;
}

function nullOnNotFound(err: unknown): null {
  if (err instanceof DomainError && err.code === 'NOT_FOUND') return null;
  throw err;
}
