import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { decideBedStatusChange, RoomKind, roomHoldsBeds } from '@safe-harbour/domain';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { AuthUser, hasRole } from '../auth/roles';
import { conflict, DomainError, notFound, unprocessable } from '../common/domain-error';
import { decodeCursor, Page, toPage } from '../common/pagination';
import { OutboxService } from '../live/outbox.service';
import { BedRecord, BedsRepository, BedStatusEventRecord, TurnaroundRecord } from './beds.repository';
import { bedCreatedEvent, bedStatusChangedEvent, roomCreatedEvent } from './inventory-events';
import { SiteAccess } from './site-access.service';
import { BedQueryDto, CreateBedDto, CreateRoomDto, TurnaroundQueryDto, UpdateBedDto } from './sites.dto';
import { RoomRecord, SiteRecord, SitesRepository } from './sites.repository';

type SignedIn = Actor & { user: AuthUser };

export type TurnaroundItem = Omit<TurnaroundRecord, 'departure' | 'organisationId'> & {
  afterDeparture: boolean;
  departedAt: string | null;
  canMarkReady: boolean;
};

/** Rooms and beds of a site, and the bed states officers set by hand. */
@Injectable()
export class BedsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sites: SitesRepository,
    private readonly beds: BedsRepository,
    private readonly access: SiteAccess,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  createRoom(actor: SignedIn, siteId: string, dto: CreateRoomDto): Promise<RoomRecord> {
    return this.dataSource.transaction(async (manager) => {
      const site = await this.access.manageableSite(manager, actor.user, siteId);
      const [room] = await this.sites.insertRooms(manager, [{ siteId, name: dto.name.trim(), kind: dto.kind as RoomKind }]);
      if (!room) throw conflict('ALREADY_EXISTS', `This site already has a room named "${dto.name.trim()}"`);
      await this.audit.record(manager, actor, { action: 'create', entityType: 'room', entityId: room.id, details: { siteId, kind: room.kind } });
      await this.outbox.emit(manager, roomCreatedEvent(site, room));
      return room;
    });
  }

  listRooms(actor: SignedIn, siteId: string): Promise<Page<RoomRecord>> {
    return this.dataSource.transaction(async (manager) => {
      await this.access.visibleSite(manager, actor.user, siteId);
      return { items: await this.sites.listRooms(manager, siteId), nextCursor: null };
    });
  }

  createBed(actor: SignedIn, siteId: string, dto: CreateBedDto): Promise<BedRecord> {
    return this.dataSource.transaction(async (manager) => {
      const site = await this.access.manageableSite(manager, actor.user, siteId);
      if (dto.roomId) {
        const room = await this.sites.findRoom(manager, dto.roomId);
        if (!room || room.siteId !== siteId) throw unprocessable('ROOM_NOT_IN_SITE', 'roomId names no room of this site');
        if (!roomHoldsBeds(room.kind)) {
          throw unprocessable('ROOM_HOLDS_NO_BEDS', `"${room.name}" is a ${room.kind} room: only bedrooms and dormitories hold beds`);
        }
      }
      await this.beds.describeChange(manager, actor.user.id, 'bed added');
      const [bed] = await this.beds.insertBeds(manager, [{ siteId, roomId: dto.roomId ?? null, label: dto.label.trim() }]);
      if (!bed) throw conflict('ALREADY_EXISTS', `This site already has a bed labelled "${dto.label.trim()}"`);
      const counts = (await this.sites.bedCounts(manager, [siteId])).get(siteId)!;
      await this.audit.record(manager, actor, {
        action: 'create',
        entityType: 'bed',
        entityId: bed.id,
        details: { siteId, roomId: bed.roomId, label: bed.label },
      });
      await this.outbox.emit(manager, bedCreatedEvent(site, bed, counts));
      return bed;
    });
  }

  listBeds(actor: SignedIn, siteId: string, q: BedQueryDto): Promise<Page<BedRecord>> {
    const limit = q.limit ?? 200;
    const after = decodeCursor<{ l: string; id: string }>(q.cursor);
    return this.dataSource.transaction(async (manager) => {
      await this.access.visibleSite(manager, actor.user, siteId);
      const rows = await this.beds.listForSite(manager, siteId, {
        status: q.status,
        after: after && typeof after.l === 'string' && typeof after.id === 'string' ? { label: after.l, id: after.id } : undefined,
        limit,
      });
      return toPage(rows, limit, (last) => ({ l: last.label.toLowerCase(), id: last.id }));
    });
  }

  getBed(actor: SignedIn, bedId: string): Promise<BedRecord> {
    return this.dataSource.transaction(async (manager) => {
      return (await this.visibleBed(manager, actor.user, bedId)).bed;
    });
  }

  changeStatus(actor: SignedIn, bedId: string, dto: UpdateBedDto): Promise<BedRecord> {
    return this.dataSource.transaction(async (manager) => {
      // Lock the bed first: a placement being made for it at the same moment waits, then sees our change.
      const { bed, site } = await this.visibleBed(manager, actor.user, bedId, true);
      await this.access.assertCanChangeBed(manager, actor.user, site, bed, dto.status);
      const decision = decideBedStatusChange(bed, { status: dto.status, reason: dto.reason ?? null });
      switch (decision.outcome) {
        case 'invalid':
          throw new DomainError(HttpStatus.BAD_REQUEST, decision.code, decision.message);
        case 'conflict':
          throw conflict(decision.code, decision.message);
        case 'unchanged':
          return bed;
      }
      const { from, to } = decision;
      await this.beds.describeChange(manager, actor.user.id, null);
      const changed = await this.beds.setStatus(manager, bedId, to.status, to.outOfServiceReason);
      const counts = (await this.sites.bedCounts(manager, [site.id])).get(site.id)!;
      await this.audit.record(manager, actor, {
        action: 'update_status',
        entityType: 'bed',
        entityId: bedId,
        details: { siteId: site.id, from: from.status, to: to.status, reason: to.outOfServiceReason },
      });
      await this.outbox.emit(manager, bedStatusChangedEvent(site, bedId, from.status, to.status, to.outOfServiceReason, counts));
      return changed;
    });
  }

  /** Beds waiting to be cleaned after a departure, oldest first, that this user may mark ready. */
  turnaround(actor: SignedIn, q: TurnaroundQueryDto): Promise<Page<TurnaroundItem>> {
    const limit = q.limit ?? 200;
    return this.dataSource.transaction(async (manager) => {
      const scope = hasRole(actor.user, 'admin') ? null : actor.user.organisationId;
      const rows = await this.beds.turnaround(manager, { organisationId: scope, localAuthorityCode: q.localAuthorityCode, limit });
      const items = rows
        .filter((r) => this.access.canMarkReady(actor.user, r, r.departure))
        .map(({ departure, organisationId: _owner, ...r }): TurnaroundItem => ({
          ...r,
          afterDeparture: departure !== null,
          departedAt: departure?.endedAt ?? null,
          canMarkReady: true,
        }));
      return { items, nextCursor: null };
    });
  }

  history(actor: SignedIn, bedId: string, q: { limit?: number; cursor?: string }): Promise<Page<BedStatusEventRecord>> {
    const limit = q.limit ?? 100;
    const after = decodeCursor<{ id: string }>(q.cursor);
    return this.dataSource.transaction(async (manager) => {
      await this.visibleBed(manager, actor.user, bedId);
      const afterId = after && /^\d+$/.test(String(after.id)) ? String(after.id) : undefined;
      const rows = await this.beds.history(manager, bedId, { afterId, limit });
      return toPage(rows, limit, (last) => ({ id: last.id }));
    });
  }

  /** The bed and its site, if the viewer may see the site; otherwise the bed is "not found". */
  private async visibleBed(manager: EntityManager, user: AuthUser, bedId: string, lock = false): Promise<{ bed: BedRecord; site: SiteRecord }> {
    const bed = await this.beds.findById(manager, bedId, lock);
    const site = bed ? await this.sites.findById(manager, bed.siteId) : null;
    if (!bed || !site || !this.access.canSee(user, site)) throw notFound('Bed');
    return { bed, site };
  }
}
