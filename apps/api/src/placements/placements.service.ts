import { HttpStatus, Injectable } from '@nestjs/common';
import { PlacementTriageOutcome, placedWithFacts } from '@safe-harbour/domain';
import { addHours } from 'date-fns';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { AccessService } from '../access/access.service';
import { AuthUser } from '../auth/roles';
import { conflict, DomainError, notFound, unprocessable } from '../common/domain-error';
import { OutboxEventInput, OutboxService } from '../live/outbox.service';
import {
  ArrivalDto,
  CreateFamilyPlacementDto,
  CreateGroupPlacementDto,
  CreatePlacementDto,
  EndPlacementDto,
  OverrideDto,
  TransferPlacementDto,
} from './placements.dto';
import { BedForPlacement, PersonForPlacement, PlacementRow, PlacementsRepository } from './placements.repository';
import { RuleViolation, SuitabilityService } from './suitability.service';
import { BedOptionsService } from './bed-options.service';

/** How long a reservation holds a bed before it lapses by itself (policy default). */
export const RESERVATION_HOLD_HOURS = 4;

interface PlacementRequest {
  personId: string;
  bedId: string;
  from: Date;
  until: Date | null;
  kind: 'reservation' | 'placement';
  override?: OverrideDto;
  expectedArrivalAt?: Date | null;
  transferredFromId?: string | null;
  groupPlacementId?: string | null;
  /** A transfer by the council owning the bed (cross-boundary): it may move the person within its own beds. */
  byBedOwner?: boolean;
}

/** A person and a bed locked for placing, past every check that comes before the suitability rules. */
interface Locked {
  request: PlacementRequest;
  person: PersonForPlacement;
  bed: BedForPlacement;
}

@Injectable()
export class PlacementsService {
  constructor(
    private readonly placements: PlacementsRepository,
    private readonly suitability: SuitabilityService,
    private readonly bedOptions: BedOptionsService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async create(actor: Actor & { user: AuthUser }, dto: CreatePlacementDto): Promise<PlacementRow> {
    const request = toRequest(dto);
    return this.explainingClash(actor.user, request, () => this.transaction((manager) => this.place(manager, actor, request)));
  }

  /** A family or group in one call: every member is placed, or nobody is. */
  async createGroup(actor: Actor & { user: AuthUser }, dto: CreateGroupPlacementDto): Promise<{ groupPlacementId: string; placements: PlacementRow[] }> {
    const people = new Set(dto.members.map((m) => m.personId));
    const beds = new Set(dto.members.map((m) => m.bedId));
    if (people.size !== dto.members.length) throw unprocessable('DUPLICATE_PERSON', 'A person appears twice in the group');
    if (beds.size !== dto.members.length) throw conflict('BED_TAKEN', 'Two members of the group were given the same bed');
    const groupPlacementId = randomUUID();
    const placements = await this.transaction(async (manager) => {
      const locked: Locked[] = [];
      // Lock in a fixed order so two overlapping group requests cannot deadlock each other.
      for (const member of [...dto.members].sort((a, b) => a.bedId.localeCompare(b.bedId))) {
        locked.push(await this.lockForPlacing(manager, actor, { ...toRequest({ ...dto, personId: member.personId, bedId: member.bedId }), groupPlacementId }));
      }
      // Everyone is checked before anyone is placed, each with the others going to the same site counted
      // as placed there: sharing a group never exempts anyone from the keep-apart rules (#11, hole 1).
      const together = placedWithFacts(
        locked.map(({ person, bed }) => ({
          personId: person.id,
          operationId: person.operationId,
          siteId: bed.siteId,
          triageOutcome: (person.triageOutcome ?? null) as PlacementTriageOutcome | null,
          possibleController: person.possibleController,
          suspectedOffender: person.suspectedOffender,
        })),
      );
      const assessed = [];
      for (const l of locked) {
        const { violations } = await this.suitability.assess(manager, l.person, l.bed, l.request.from, l.request.until, together.get(l.person.id));
        assessed.push({ ...l, violations });
      }
      const refused = assessed.filter((a) => this.notOverridable(actor.user, a.violations, a.request.override).length > 0);
      if (refused.length > 0) {
        throw unprocessable(
          'UNSUITABLE_PLACEMENT',
          refused.map((a) => `${a.person.reference}: ${this.notOverridable(actor.user, a.violations, a.request.override).map((v) => v.reason).join(' ')}`).join(' '),
          assessed.flatMap((a) =>
            a.violations.map((v) => ({ personId: a.person.id, reference: a.person.reference, code: v.code, reason: v.reason, overridable: this.mayOverride(actor.user, v) })),
          ),
        );
      }
      const created: PlacementRow[] = [];
      for (const a of assessed) created.push(await this.commit(manager, actor, a, a.violations));
      return created;
    });
    return { groupPlacementId, placements };
  }

  /**
   * A family placed together from the bed finder in one action: everyone in the person's group, in free
   * beds of one site (a room together where it can), all or none. The beds are picked here; the group
   * placement then locks and checks each as any placement does.
   */
  async placeFamily(actor: Actor & { user: AuthUser }, dto: CreateFamilyPlacementDto): Promise<{ groupPlacementId: string; placements: PlacementRow[] }> {
    await this.access.person(actor.user, dto.personId);
    const person = await this.placements.findPerson(this.placements.dataSource.manager, dto.personId);
    if (!person) throw notFound('Person');
    const group = await this.placements.groupMembers(null, person.groupId);
    const people = group.ids.length ? [person.id, ...group.ids.filter((id) => id !== person.id)] : [person.id];
    const from = new Date(dto.from);
    const until = dto.until ? new Date(dto.until) : null;
    const beds = await this.placements.freeBedsAt(dto.siteId, from, until, people.length);
    if (beds.length < people.length) {
      throw conflict('NOT_ENOUGH_BEDS', `This site has ${beds.length} free bed${beds.length === 1 ? '' : 's'} for that period; the family needs ${people.length}`);
    }
    const members = people.map((personId, i) => ({ personId, bedId: beds[i] }));
    if (members.length === 1) {
      const placement = await this.create(actor, { personId: person.id, bedId: beds[0], from: dto.from, until: dto.until, kind: dto.kind, override: dto.override });
      return { groupPlacementId: placement.groupPlacementId ?? placement.id, placements: [placement] };
    }
    return this.createGroup(actor, { members, from: dto.from, until: dto.until, kind: dto.kind, override: dto.override });
  }

  /**
   * Placers of the operation and the council owning the bed see it all; others who may see the operation
   * (partners) are not told where the person went next nor why rules were overridden.
   */
  async get(user: AuthUser, id: string): Promise<PlacementRow | NarrowPlacementRow> {
    const grant = await this.access.placement(user, id);
    const placement = await this.placements.find(null, id);
    if (!placement) throw notFound('Placement');
    return grant.narrow ? narrowPlacement(placement) : placement;
  }

  async confirm(actor: Actor & { user: AuthUser }, id: string): Promise<PlacementRow> {
    await this.transaction(async (manager) => {
      const placement = await this.lockVisible(manager, actor.user, id);
      if (placement.status !== 'reserved') {
        throw conflict('ILLEGAL_TRANSITION', `Only a live reservation can be confirmed; this one is ${placement.status}`);
      }
      await this.placements.confirm(manager, id);
      const bed = await this.placements.syncBedStatus(manager, placement.bedId, false);
      await this.record(manager, actor, placement, 'placement.confirmed', 'confirm', bed);
    });
    return (await this.placements.find(null, id))!;
  }

  async end(actor: Actor & { user: AuthUser }, id: string, dto: EndPlacementDto): Promise<PlacementRow> {
    await this.transaction(async (manager) => {
      const placement = await this.lockVisible(manager, actor.user, id);
      await this.endLocked(manager, actor, placement, new Date(dto.at), dto.reason, dto.moveOnDestination ?? null);
    });
    return (await this.placements.find(null, id))!;
  }

  /** Ends one placement and starts the next at the same instant, atomically: the person is never in two beds or none. */
  async transfer(actor: Actor & { user: AuthUser }, id: string, dto: TransferPlacementDto): Promise<PlacementRow> {
    const seen = await this.placements.find(null, id);
    const target = seen && { personId: seen.personId, bedId: dto.bedId, from: new Date(dto.at), until: seen.until };
    const work = () => this.transfer0(actor, id, dto);
    return target ? this.explainingClash(actor.user, target, work) : work();
  }

  private async transfer0(actor: Actor & { user: AuthUser }, id: string, dto: TransferPlacementDto): Promise<PlacementRow> {
    return this.transaction(async (manager) => {
      const { placement, byBedOwner } = await this.lockVisibleAs(manager, actor.user, id);
      if (placement.status !== 'active') {
        throw conflict('ILLEGAL_TRANSITION', `Only an active placement can be transferred; this one is ${placement.status}`);
      }
      if (placement.bedId === dto.bedId) throw unprocessable('SAME_BED', 'The person is already in this bed');
      const at = new Date(dto.at);
      await this.endLocked(manager, actor, placement, at, 'transferred', null);
      return this.place(manager, actor, {
        personId: placement.personId,
        bedId: dto.bedId,
        from: at,
        until: placement.until && placement.until > at ? placement.until : null,
        kind: 'placement',
        override: dto.override,
        transferredFromId: placement.id,
        byBedOwner,
      });
    });
  }

  async recordArrival(actor: Actor & { user: AuthUser }, id: string, dto: ArrivalDto): Promise<PlacementRow> {
    if (!!dto.arrivedAt === !!dto.nonArrivalReason) {
      throw new DomainError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'Give either arrivedAt or nonArrivalReason');
    }
    await this.transaction(async (manager) => {
      const placement = await this.lockVisible(manager, actor.user, id);
      if (!['reserved', 'active'].includes(placement.status)) {
        throw conflict('ILLEGAL_TRANSITION', `Arrival can only be recorded on a live placement; this one is ${placement.status}`);
      }
      await this.placements.recordArrival(manager, id, dto.arrivedAt ? new Date(dto.arrivedAt) : null, dto.nonArrivalReason ?? null);
      await this.record(manager, actor, placement, dto.arrivedAt ? 'placement.arrived' : 'placement.not_arrived', 'update', null);
      if (dto.nonArrivalReason) {
        // Nobody came: the bed goes straight back to the pool (no cleaning needed).
        await this.placements.end(manager, id, new Date(), 'non_arrival', null);
        const bed = await this.placements.syncBedStatus(manager, placement.bedId, false);
        await this.record(manager, actor, placement, 'placement.ended', 'end', bed);
      }
    });
    return (await this.placements.find(null, id))!;
  }

  async occupancy(user: AuthUser, query: { localAuthorityCode?: string; operationId?: string }) {
    if (!query.localAuthorityCode && !query.operationId) {
      throw new DomainError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'Give localAuthorityCode or operationId');
    }
    if (query.operationId) await this.access.operation(user, query.operationId);
    // Read the seq first: the snapshot then reflects at least every event up to it.
    const seq = await this.placements.currentSeq();
    // Partners have a narrow view: counts for their own organisation's sites only (as in the inventory),
    // never the names of other councils' safe houses.
    const partnerOnly = user.roles.every((role) => role === 'partner');
    const rows = await this.placements.occupancy(query.localAuthorityCode ?? null, query.operationId ?? null, partnerOnly ? user.organisationId : null);
    return {
      seq,
      sites: rows.map((r: Record<string, unknown>) => ({
        siteId: r.siteId,
        name: r.name,
        type: r.type,
        localAuthorityCode: r.localAuthorityCode,
        readiness: r.readiness,
        total: r.total,
        counts: {
          available: r.available,
          not_ready: r.not_ready,
          reserved: r.reserved,
          occupied: r.occupied,
          out_of_service: r.out_of_service,
          closed: r.closed,
        },
      })),
    };
  }

  /** Lapsed reservations give their beds back. Safe with many processes: rows are claimed with SKIP LOCKED. */
  async expireReservations(limit = 100): Promise<number> {
    return this.transaction(async (manager) => {
      const lapsed = await this.placements.lockExpiredReservations(manager, limit);
      for (const placement of lapsed) {
        await this.placements.expire(manager, placement.id);
        const bed = await this.placements.syncBedStatus(manager, placement.bedId, false);
        await this.record(manager, {}, placement, 'placement.expired', 'expire', bed);
      }
      return lapsed.length;
    });
  }

  /**
   * Ends whatever bed a person holds at `at`, by the same path as any departure (bed status, events,
   * audit). For system rules that act on a person rather than on a placement, e.g. a missing person's bed
   * hold expiring (`missing_hold_expired`): no user access check, the caller owns the rule and the
   * transaction. Returns the placements ended.
   */
  async endForPerson(manager: EntityManager, actor: Actor, personId: string, at: Date, reason: 'missing_hold_expired'): Promise<PlacementRow[]> {
    // Beds first, then placements: the order a new placement takes them, so the two cannot deadlock.
    const beds = [...new Set((await this.placements.lockLiveForPerson(manager, personId, at, false)).map((p) => p.bedId))].sort();
    for (const bedId of beds) await this.placements.lockBed(manager, bedId);
    const live = await this.placements.lockLiveForPerson(manager, personId, at);
    for (const placement of live) await this.endLocked(manager, actor, placement, at, reason, null);
    return live;
  }

  // --- internals ---------------------------------------------------------------------------------

  /**
   * A 409 BED_TAKEN that says who holds the bed (by reference, when the caller may act on that person's
   * operation; otherwise only that another organisation holds it) and offers the next bed for the person.
   * Worked out after the refused transaction has rolled back, so it never holds the bed's lock.
   */
  private async explainingClash<T>(user: AuthUser, request: Pick<PlacementRequest, 'personId' | 'bedId' | 'from' | 'until'>, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'BED_TAKEN') throw err;
      const holder = await this.placements.holderOf(request.bedId, request.from, request.until);
      const named =
        !!holder?.operationId &&
        (await this.access.operation(user, holder.operationId).then(
          () => true,
          () => false,
        ));
      const options = await this.bedOptions
        .forPerson(user, request.personId, { from: request.from.toISOString(), until: request.until?.toISOString(), limit: 5 })
        .catch(() => null);
      const next = options?.items.find((o) => o.bedId && o.bedId !== request.bedId);
      const nextBed = next ? await this.placements.describeBed(next.bedId) : null;
      const heldBy = holder
        ? { reference: named ? holder.personReference : null, kind: holder.kind, status: holder.status, from: holder.from, until: holder.until, expiresAt: holder.expiresAt }
        : null;
      const who = !holder ? 'someone' : named ? holder.personReference : 'a placement made by another organisation';
      const what = holder?.status === 'reserved' ? `reserved for ${who}${holder.expiresAt ? ` until ${holder.expiresAt.toISOString()}` : ''}` : `held by ${who}`;
      const offer = nextBed ? ` Next option: bed ${nextBed.bedLabel}${nextBed.roomName ? ` (${nextBed.roomName})` : ''} at ${nextBed.siteName}.` : ' No other suitable bed is free for that period.';
      throw conflict('BED_TAKEN', `This bed is ${what} for part of that period.${offer}`, {
        heldBy,
        nextOption: nextBed && next ? { ...nextBed, score: next.score, reasons: next.reasons } : null,
      });
    }
  }

  /**
   * Places one person in one bed inside the caller's transaction. Cheapest refusals first: a bed already
   * held is refused before the suitability rules run (most refusals on a busy night are 409s).
   */
  private async place(manager: EntityManager, actor: Actor & { user: AuthUser }, request: PlacementRequest): Promise<PlacementRow> {
    const locked = await this.lockForPlacing(manager, actor, request);
    const { violations } = await this.suitability.assess(manager, locked.person, locked.bed, request.from, request.until);
    return this.commit(manager, actor, locked, violations);
  }

  /** Every check before the suitability rules, with the person and bed locked and the site's turn taken. */
  private async lockForPlacing(manager: EntityManager, actor: Actor & { user: AuthUser }, request: PlacementRequest): Promise<Locked> {
    if (request.until && request.until <= request.from) {
      throw new DomainError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'until must be after from');
    }
    const { person, bed } = await this.placements.lockPersonAndBed(manager, request.personId, request.bedId, request.from, request.until);
    // The person first: someone who may not act on them learns nothing about the bed either.
    if (!person) throw notFound('Person');
    const ownerMove = request.byBedOwner && bed?.organisationId === actor.user.organisationId;
    if (!ownerMove) await this.access.assertMayPlacePerson(actor.user, person.operationId, manager);
    if (person.mergedIntoPersonId) throw conflict('PERSON_MERGED', 'This registration was merged into another; place that person');
    if (!bed) throw notFound('Bed');
    if (!ownerMove) {
      await this.access.assertBedCovered(actor.user, person.operationId, { id: bed.siteId, organisationId: bed.organisationId, type: bed.siteType }, request, manager);
    }
    if (bed.status === 'closed' || bed.status === 'out_of_service') {
      throw conflict('BED_UNAVAILABLE', `This bed is ${bed.status.replace(/_/g, ' ')}`);
    }
    if (bed.heldInPeriod) throw bedTaken();
    // The keep-apart rules read who else from this operation is at the site: placements of one operation
    // into one site take turns, so two can never both pass the check and end up side by side.
    await this.placements.lockSiteForOperation(manager, bed.siteId, person.operationId);
    return { request, person, bed };
  }

  /** Refuses what the caller may not override, then inserts the placement and records it. */
  private async commit(manager: EntityManager, actor: Actor & { user: AuthUser }, { request, person, bed }: Locked, violations: RuleViolation[]): Promise<PlacementRow> {
    const overriddenRules = this.checkOverride(actor.user, violations, request.override);

    const { placement, bedChange } = await this.insertOrConflict(manager, actor.user, person, bed, request, overriddenRules);
    await this.record(manager, actor, placement, request.transferredFromId ? 'placement.transferred' : 'placement.created', 'create', bedChange, {
      overriddenRules,
      overrideReason: request.override?.reason,
    });
    return placement;
  }

  private checkOverride(user: AuthUser, violations: RuleViolation[], override?: OverrideDto): string[] {
    if (violations.length === 0) return [];
    const notOverridable = this.notOverridable(user, violations, override);
    if (notOverridable.length > 0) {
      throw unprocessable(
        'UNSUITABLE_PLACEMENT',
        notOverridable.map((v) => v.reason).join(' '),
        violations.map((v) => ({ code: v.code, reason: v.reason, overridable: this.mayOverride(user, v) })),
      );
    }
    return violations.map((v) => v.code);
  }

  private notOverridable(user: AuthUser, violations: RuleViolation[], override?: OverrideDto): RuleViolation[] {
    return violations.filter((v) => !override || !this.mayOverride(user, v));
  }

  private mayOverride(user: AuthUser, violation: RuleViolation): boolean {
    return user.roles.some((r) => violation.overridableBy.includes(r));
  }

  private async insertOrConflict(
    manager: EntityManager,
    user: AuthUser,
    person: PersonForPlacement,
    bed: BedForPlacement,
    request: PlacementRequest,
    overriddenRules: string[],
  ): Promise<{ placement: PlacementRow; bedChange: { from: string; to: string } | null }> {
    const fields = {
      personId: person.id,
      bedId: bed.bedId,
      siteId: bed.siteId,
      operationId: person.operationId,
      kind: request.kind,
      from: request.from,
      until: request.until,
      expiresAt: request.kind === 'reservation' ? addHours(new Date(), RESERVATION_HOLD_HOURS) : null,
      expectedArrivalAt: request.expectedArrivalAt ?? null,
      nightlyCostPence: bed.nightlyCostPence,
      overriddenRules,
      overrideReason: overriddenRules.length ? request.override!.reason : null,
      transferredFromId: request.transferredFromId ?? null,
      groupPlacementId: request.groupPlacementId ?? null,
      createdBy: user.id,
    };
    // The exclusion constraints decide. When they refuse, say whose booking was in the way; if it has been
    // ended or has lapsed since, the bed may be free after all: try again (twice at most).
    for (let attempt = 1; ; attempt++) {
      const inserted = await this.placements.insert(manager, fields);
      if (inserted) return inserted;
      const clash = await this.placements.clashFor(manager, bed.bedId, person.id, request.from, request.until);
      if (clash === 'person') {
        throw conflict('PERSON_ALREADY_PLACED', 'This person already has a bed for part of that period; transfer or end it first');
      }
      if (clash === 'bed' || attempt === 3) throw bedTaken();
    }
  }

  private async endLocked(manager: EntityManager, actor: Actor, placement: PlacementRow, at: Date, reason: string, moveOnDestination: string | null) {
    if (!['reserved', 'active'].includes(placement.status)) {
      throw conflict('ILLEGAL_TRANSITION', `This placement is already ${placement.status}`);
    }
    if (at < placement.from) throw unprocessable('END_BEFORE_START', 'A placement cannot end before it starts');
    await this.placements.end(manager, placement.id, at, reason, moveOnDestination);
    // After a departure the bed needs turning round (cleaning) before anyone else sleeps in it.
    const departed = placement.status === 'active' && at <= new Date();
    const bed = await this.placements.syncBedStatus(manager, placement.bedId, departed);
    await this.record(manager, actor, placement, 'placement.ended', 'end', bed, { reason });
  }

  /**
   * Locks the placement's bed, then the placement: the same order as a new placement (bed, then the
   * placement rows its insert conflicts with), so ending and placing on one bed cannot deadlock.
   */
  private async lockVisible(manager: EntityManager, user: AuthUser, id: string): Promise<PlacementRow> {
    return (await this.lockVisibleAs(manager, user, id)).placement;
  }

  /** The placement's placers, or the council owning its bed (`byBedOwner`), may act on it; others get 404. */
  private async lockVisibleAs(manager: EntityManager, user: AuthUser, id: string): Promise<{ placement: PlacementRow; byBedOwner: boolean }> {
    const grant = await this.access.requirePlacementAction(user, id, manager);
    const seen = await this.placements.find(manager, id);
    if (!seen) throw notFound('Placement');
    await this.placements.lockBed(manager, seen.bedId);
    return { placement: (await this.placements.find(manager, id, true))!, byBedOwner: grant.asBedOwner };
  }

  private async record(
    manager: EntityManager,
    actor: Actor,
    placement: PlacementRow,
    type: string,
    action: string,
    bedChange: { from: string; to: string } | null,
    details: Record<string, unknown> = {},
  ) {
    const base = { operationId: placement.operationId, localAuthorityCode: placement.localAuthorityCode, siteId: placement.siteId };
    const events: OutboxEventInput[] = [
      {
        ...base,
        type,
        data: {
          placementId: placement.id,
          personReference: placement.personReference,
          bedId: placement.bedId,
          bedLabel: placement.bedLabel,
          siteId: placement.siteId,
          kind: placement.kind,
        },
      },
    ];
    if (bedChange) {
      events.push({ ...base, type: 'bed.status_changed', data: { bedId: placement.bedId, siteId: placement.siteId, from: bedChange.from, to: bedChange.to } });
    }
    await this.outbox.emit(manager, ...events);
    await this.audit.record(manager, actor, { action, entityType: 'placement', entityId: placement.id, details: { type, ...details } });
  }

  private transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.placements.dataSource.transaction(work);
  }
}

function toRequest(dto: { personId: string; bedId: string; from: string; until?: string; kind: 'reservation' | 'placement'; override?: OverrideDto; expectedArrivalAt?: string }): PlacementRequest {
  return {
    personId: dto.personId,
    bedId: dto.bedId,
    from: new Date(dto.from),
    until: dto.until ? new Date(dto.until) : null,
    kind: dto.kind,
    override: dto.override,
    expectedArrivalAt: dto.expectedArrivalAt ? new Date(dto.expectedArrivalAt) : null,
  };
}

const bedTaken = () => conflict('BED_TAKEN', 'This bed is held or occupied for part of that period');

/** A placement as a partner reads it: no move-on destination (where a victim went), no override reasons. */
export type NarrowPlacementRow = Omit<PlacementRow, 'moveOnDestination' | 'overrideReason' | 'overriddenRules' | 'endReason' | 'nonArrivalReason' | 'nightlyCostPence'>;

export function narrowPlacement(p: PlacementRow): NarrowPlacementRow {
  const {
    moveOnDestination: _where,
    overrideReason: _why,
    overriddenRules: _rules,
    endReason: _end,
    nonArrivalReason: _nonArrival,
    nightlyCostPence: _cost,
    ...rest
  } = p;
  return rest;
}
