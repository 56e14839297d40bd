import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { acceptsRegistrations, assessReadiness, checkVenueBooking, nightsBetween, VenueReadiness } from '@safe-harbour/domain';
import { DataSource } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/roles';
import { conflict, notFound, unprocessable } from '../common/domain-error';
import { OutboxService } from '../live/outbox.service';
import { OperationAccess } from './operation-access';
import { operationEvent } from './operation-events';
import { BookReceptionCentreDto } from './operations.dto';
import { OperationsRepository, ReceptionCentreRow } from './operations.repository';

export type ReceptionCentreView = ReceptionCentreRow & { nights: number };

/** Standing up the reception centre: booking a venue from the inventory and checking it against the plan. */
@Injectable()
export class ReceptionCentresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly operations: OperationsRepository,
    private readonly access: OperationAccess,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async book(actor: Actor & { user: AuthUser }, operationId: string, dto: BookReceptionCentreDto): Promise<ReceptionCentreView> {
    const op = await this.access.visible(actor.user, operationId);
    this.access.assertCanPlan(actor.user, op);
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.operations.lock(manager, operationId);
      if (!locked) throw notFound('Operation');
      if (!acceptsRegistrations(locked.status)) {
        throw conflict('OPERATION_NOT_OPEN', `The operation is ${locked.status}: no venue can be booked for it`);
      }
      const site = await this.operations.findSiteForBooking(manager, dto.siteId);
      if (!site) throw unprocessable('UNKNOWN_SITE', 'siteId names no site');
      const check = checkVenueBooking({
        siteType: site.type,
        opensAt: new Date(dto.opensAt),
        closesAt: new Date(dto.closesAt),
        siteAvailableFrom: site.availableFrom,
        siteAvailableUntil: site.availableUntil,
      });
      if (!check.ok) throw unprocessable(check.code, check.reason);
      const id = await this.operations.insertReceptionCentre(manager, operationId, site.id, dto.opensAt, dto.closesAt, actor.user.id);
      if (!id) throw conflict('VENUE_BOOKED', 'This venue is already booked by an operation for part of this window');
      await this.audit.record(manager, actor, {
        action: 'book_reception_centre',
        entityType: 'operation',
        entityId: operationId,
        details: { receptionCentreId: id, siteId: site.id, opensAt: dto.opensAt, closesAt: dto.closesAt },
      });
      await this.outbox.emit(
        manager,
        operationEvent(op, 'operation.updated', { code: op.code, change: 'reception_centre_booked', receptionCentreId: id, siteId: site.id }, site.id),
      );
      const centres = await this.operations.listReceptionCentres(operationId, manager);
      return this.withNights(centres.find((c) => c.id === id)!);
    });
  }

  async list(user: AuthUser, operationId: string): Promise<ReceptionCentreView[]> {
    await this.access.visible(user, operationId);
    return (await this.operations.listReceptionCentres(operationId)).map((c) => this.withNights(c));
  }

  async readiness(user: AuthUser, operationId: string): Promise<VenueReadiness & { expectedPeople: number; receptionCentres: number }> {
    const op = await this.access.visible(user, operationId);
    const [facts, centres] = await Promise.all([this.operations.venueFacts(operationId), this.operations.listReceptionCentres(operationId)]);
    return {
      expectedPeople: op.expectedPeople,
      receptionCentres: centres.length,
      ...assessReadiness(op.expectedPeople, { rooms: facts.rooms, usableBeds: facts.usableBeds }),
    };
  }

  private withNights(centre: ReceptionCentreRow): ReceptionCentreView {
    return { ...centre, nights: nightsBetween(new Date(centre.opensAt), new Date(centre.closesAt)) };
  }
}
