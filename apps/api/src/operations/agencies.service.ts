import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/roles';
import { conflict, notFound, unprocessable } from '../common/domain-error';
import { OutboxService } from '../live/outbox.service';
import { OperationAccess } from './operation-access';
import { operationEvent } from './operation-events';
import { AddAgencyDto, UpdateAgencyDto } from './operations.dto';
import { AgencyRow, OperationsRepository } from './operations.repository';

export interface Roster {
  present: number;
  onCall: number;
  items: AgencyRow[];
}

/** The agency roster: who is at the centre and who is on call, with the number to ring. */
@Injectable()
export class AgenciesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly operations: OperationsRepository,
    private readonly access: OperationAccess,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async add(actor: Actor & { user: AuthUser }, operationId: string, dto: AddAgencyDto): Promise<AgencyRow> {
    const op = await this.access.visible(actor.user, operationId);
    this.access.assertCanPlan(actor.user, op);
    checkTimes(dto.onSiteFrom, dto.onSiteUntil);
    return this.dataSource.transaction(async (manager) => {
      await this.assertOpen(manager, operationId);
      if (!(await this.operations.organisationExists(manager, dto.organisationId))) {
        throw unprocessable('UNKNOWN_ORGANISATION', 'organisationId names no organisation');
      }
      const id = await this.operations.insertAgency(manager, operationId, dto);
      if (!id) throw conflict('ALREADY_ON_ROSTER', 'This organisation is already on the roster: change its entry instead');
      const agency = (await this.operations.findAgency(manager, operationId, id))!;
      await this.audit.record(manager, actor, {
        action: 'add_agency',
        entityType: 'operation',
        entityId: operationId,
        details: { agencyId: id, organisationId: dto.organisationId, attendance: dto.attendance },
      });
      await this.outbox.emit(manager, operationEvent(op, 'agency.updated', { change: 'added', agencyId: id, organisationId: dto.organisationId, attendance: dto.attendance }));
      return agency;
    });
  }

  async update(actor: Actor & { user: AuthUser }, operationId: string, agencyId: string, dto: UpdateAgencyDto): Promise<AgencyRow> {
    const op = await this.access.visible(actor.user, operationId);
    this.access.assertCanPlan(actor.user, op);
    return this.dataSource.transaction(async (manager) => {
      await this.assertOpen(manager, operationId);
      const current = await this.operations.findAgency(manager, operationId, agencyId, true);
      if (!current) throw notFound('Agency');
      const from = dto.onSiteFrom === undefined ? current.onSiteFrom?.toISOString() : dto.onSiteFrom;
      const until = dto.onSiteUntil === undefined ? current.onSiteUntil?.toISOString() : dto.onSiteUntil;
      checkTimes(from ?? undefined, until ?? undefined);
      await this.operations.updateAgency(manager, agencyId, dto);
      const agency = (await this.operations.findAgency(manager, operationId, agencyId))!;
      const fields = Object.keys(dto).filter((k) => (dto as Record<string, unknown>)[k] !== undefined);
      await this.audit.record(manager, actor, {
        action: 'update_agency',
        entityType: 'operation',
        entityId: operationId,
        details: { agencyId, organisationId: agency.organisationId, fields, attendance: agency.attendance },
      });
      await this.outbox.emit(
        manager,
        operationEvent(op, 'agency.updated', { change: 'updated', agencyId, organisationId: agency.organisationId, attendance: agency.attendance }),
      );
      return agency;
    });
  }

  async list(user: AuthUser, operationId: string): Promise<Roster> {
    await this.access.visible(user, operationId);
    const items = await this.operations.listAgencies(operationId);
    return {
      present: items.filter((a) => a.attendance === 'present').length,
      onCall: items.filter((a) => a.attendance === 'on_call').length,
      items,
    };
  }

  private async assertOpen(manager: EntityManager, operationId: string) {
    const locked = await this.operations.lock(manager, operationId);
    if (!locked) throw notFound('Operation');
    if (locked.status === 'closed') throw conflict('OPERATION_CLOSED', 'A closed operation cannot change');
  }
}

function checkTimes(from?: string, until?: string) {
  if (from && until && new Date(until) <= new Date(from)) {
    throw unprocessable('INVALID_WINDOW', 'onSiteUntil must be after onSiteFrom');
  }
}
