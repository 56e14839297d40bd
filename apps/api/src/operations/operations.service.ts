import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { moveOperation, operationCodeCandidates } from '@safe-harbour/domain';
import { DataSource } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { AccessService } from '../access/access.service';
import { AuthUser } from '../auth/roles';
import { conflict, forbidden, notFound, unprocessable } from '../common/domain-error';
import { decodeCursor, Page, toPage } from '../common/pagination';
import { OutboxService } from '../live/outbox.service';
import { OperationAccess, VisibleOperation } from './operation-access';
import { operationEvent } from './operation-events';
import { CreateOperationDto, ListOperationsQuery, UpdateOperationDto } from './operations.dto';
import { OperationChanges, OperationRow, OperationsRepository } from './operations.repository';

export type OperationView = Omit<OperationRow, 'isDemo' | 'exploitationSite'> & {
  isDemo?: boolean;
  exploitationSite?: OperationRow['exploitationSite'];
};

/** Planning an operation and moving it through its life. */
@Injectable()
export class OperationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly operations: OperationsRepository,
    private readonly access: OperationAccess,
    private readonly accessLayer: AccessService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async create(actor: Actor & { user: AuthUser }, dto: CreateOperationDto): Promise<OperationView> {
    const { user } = actor;
    const hostCouncilIds = [...new Set(dto.hostCouncilIds ?? [])].filter((id) => id !== dto.leadOrganisationId);
    // A planner plans for their own organisation: as the lead, or as a host council of an operation led by
    // another (the police force). Only an admin sets one up on others' behalf.
    if (!this.accessLayer.isAdmin(user) && dto.leadOrganisationId !== user.organisationId && !hostCouncilIds.includes(user.organisationId)) {
      throw forbidden('You may only plan operations your own organisation leads or hosts (hostCouncilIds)');
    }
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.operations.organisationExists(manager, dto.leadOrganisationId))) {
        throw unprocessable('UNKNOWN_ORGANISATION', 'leadOrganisationId names no organisation');
      }
      const kinds = await this.operations.organisationKinds(manager, hostCouncilIds);
      const notCouncils = hostCouncilIds.filter((id) => kinds.get(id) !== 'council');
      if (notCouncils.length > 0) {
        throw unprocessable('NOT_A_COUNCIL', 'hostCouncilIds must name councils', { organisationIds: notCouncils });
      }
      const id = await this.insertWithCode(manager, dto, user.id);
      await this.operations.insertHostCouncils(manager, id, hostCouncilIds);
      const op = await this.operations.get(manager, id);
      await this.audit.record(manager, actor, {
        action: 'create',
        entityType: 'operation',
        entityId: id,
        details: { code: op.code, leadOrganisationId: op.leadOrganisationId, hostCouncilIds, localAuthorityCode: op.localAuthorityCode },
      });
      await this.outbox.emit(manager, operationEvent(op, 'operation.created', { code: op.code, status: op.status, expectedPeople: op.expectedPeople }));
      return op;
    });
  }

  private async insertWithCode(manager: Parameters<OperationsRepository['insert']>[0], dto: CreateOperationDto, userId: string): Promise<string> {
    const { hostCouncilIds: _hosts, ...rest } = dto;
    const fields = { ...rest, createdBy: userId };
    if (dto.code) {
      const id = await this.operations.insert(manager, { ...fields, code: dto.code });
      if (!id) throw conflict('CODE_TAKEN', `Operation code ${dto.code} is already used: references must stay unique`);
      return id;
    }
    const candidates = operationCodeCandidates(dto.name);
    const taken = await this.operations.takenCodes(manager, candidates);
    for (const code of candidates.filter((c) => !taken.has(c))) {
      // Another planner may claim the same code between the check and the insert: try the next one.
      const id = await this.operations.insert(manager, { ...fields, code });
      if (id) return id;
    }
    throw conflict('CODE_TAKEN', 'No free operation code could be derived from this name: choose one with `code`');
  }

  /** What this user may do on the operation: the web pages offer only the actions that would be allowed. */
  async abilities(user: AuthUser, id: string): Promise<{ plan: boolean; changeStage: boolean; workWithPeople: boolean; recordPathway: boolean }> {
    const op = await this.access.visible(user, id);
    return {
      plan: this.access.canPlan(user, op),
      changeStage: this.access.canChangeStage(user, op),
      workWithPeople: this.access.canWorkWithPeople(user, op),
      recordPathway: this.access.canRecordPathway(user, op),
    };
  }

  async get(user: AuthUser, id: string): Promise<OperationView> {
    const op = await this.access.visible(user, id);
    return this.present(user, op);
  }

  async list(user: AuthUser, query: ListOperationsQuery): Promise<Page<OperationView>> {
    const limit = query.limit ?? 50;
    const after = decodeCursor<{ createdAt: string; id: string }>(query.cursor);
    const rows = await this.operations.listVisible(await this.accessLayer.operationScope(user), { status: query.status }, limit, after);
    const page = toPage(rows, limit, (last) => ({ createdAt: new Date(last.createdAt).toISOString(), id: last.id }));
    return { ...page, items: page.items.map((op) => this.present(user, op)) };
  }

  async update(actor: Actor & { user: AuthUser }, id: string, dto: UpdateOperationDto): Promise<OperationView> {
    const op = await this.access.visible(actor.user, id);
    this.access.assertCanPlan(actor.user, op);
    // The stages are the lead agency's to move (a host council plans the centre, the police run the operation).
    if (dto.status !== undefined && dto.status !== op.status) this.access.assertCanChangeStage(actor.user, op);
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.operations.lock(manager, id);
      if (!locked) throw notFound('Operation');
      if (locked.status === 'closed') throw conflict('OPERATION_CLOSED', 'A closed operation cannot change');
      const changes: OperationChanges = {
        name: dto.name,
        plannedStart: dto.plannedStart,
        expectedPeople: dto.expectedPeople,
        exploitationSite: dto.exploitationSite,
      };
      if (dto.status !== undefined && dto.status !== locked.status) {
        const heldBeds = dto.status === 'closed' ? await this.operations.countHeldCentreBeds(manager, id) : 0;
        const move = moveOperation(locked.status, dto.status, { peopleInCentreBeds: heldBeds });
        if (!move.ok) throw conflict(move.code, move.reason);
        changes.status = dto.status;
      }
      const fields = Object.entries(changes).filter(([, v]) => v !== undefined).map(([k]) => k);
      if (fields.length === 0) return this.present(actor.user, { ...op, ...(await this.operations.get(manager, id)) });
      await this.operations.update(manager, id, changes);
      const updated = await this.operations.get(manager, id);
      await this.audit.record(manager, actor, {
        action: changes.status ? 'change_status' : 'update',
        entityType: 'operation',
        entityId: id,
        details: { fields, ...(changes.status ? { from: locked.status, to: changes.status } : {}) },
      });
      await this.outbox.emit(
        manager,
        operationEvent(updated, 'operation.updated', {
          code: updated.code,
          status: updated.status,
          fields,
          ...(changes.status ? { previousStatus: locked.status } : {}),
        }),
      );
      return this.present(actor.user, { ...op, ...updated });
    });
  }

  /** The exploitation site stays with those running the operation: partners never see it. */
  present(user: AuthUser, op: OperationRow | VisibleOperation): OperationView {
    const { isDemo, grant, exploitationSite, ...rest } = op as VisibleOperation;
    return {
      ...rest,
      ...(this.access.isNarrowView(user, grant ? (op as VisibleOperation) : undefined) ? {} : { exploitationSite }),
      ...(isDemo ? { isDemo } : {}),
    };
  }
}
