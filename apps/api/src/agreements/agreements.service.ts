import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Actor, AuditService } from '../audit/audit.service';
import { AuthUser, hasRole } from '../auth/roles';
import { badRequest, forbidden, unprocessable } from '../common/domain-error';
import { decodeCursor, Page, toPage } from '../common/pagination';
import { AgreementRow, AgreementsRepository } from './agreements.repository';
import { CreateAgreementDto, ListAgreementsQuery } from './agreements.dto';

/**
 * Recorded agreements between organisations. The access layer reads them (cross-boundary placements,
 * bed options, data sharing); an agreement stops counting when its `until` passes.
 */
@Injectable()
export class AgreementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly agreements: AgreementsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor & { user: AuthUser }, dto: CreateAgreementDto): Promise<AgreementRow> {
    const { user } = actor;
    // An admin, or an emergency planner of one of the parties.
    if (!this.access.isAdmin(user) && !(hasRole(user, 'emergency_planner') && dto.organisationIds.includes(user.organisationId))) {
      throw forbidden("Only an admin or an emergency planner of one of the parties may record an agreement");
    }
    if (dto.until && new Date(dto.until) <= new Date(dto.from)) throw badRequest('until must be after from');
    const scope = dto.scope ?? {};
    if (dto.kind === 'data_sharing') {
      if (!scope.classes?.length) throw badRequest('A data-sharing agreement names the classes of data shared: scope.classes');
      if (scope.siteIds || scope.siteTypes) throw badRequest('scope.siteIds and scope.siteTypes belong to cross-boundary agreements');
    } else if (scope.classes || scope.operationId) {
      throw badRequest('scope.classes and scope.operationId belong to data-sharing agreements');
    }
    return this.dataSource.transaction(async (manager) => {
      const kinds = await this.agreements.organisationKinds(manager, dto.organisationIds);
      const unknown = dto.organisationIds.filter((id) => !kinds.has(id));
      if (unknown.length) throw unprocessable('UNKNOWN_ORGANISATION', 'organisationIds names an organisation that does not exist', { organisationIds: unknown });
      if (dto.kind === 'cross_boundary') {
        const notCouncils = dto.organisationIds.filter((id) => kinds.get(id) !== 'council');
        if (notCouncils.length) throw unprocessable('NOT_A_COUNCIL', 'A cross-boundary agreement is between councils', { organisationIds: notCouncils });
        const outside = scope.siteIds ? await this.agreements.sitesOutside(manager, scope.siteIds, dto.organisationIds) : [];
        if (outside.length) throw unprocessable('UNKNOWN_SITE', "scope.siteIds must name the parties' own sites", { siteIds: outside });
      }
      if (scope.operationId && !(await this.agreements.operationExists(manager, scope.operationId))) {
        throw unprocessable('UNKNOWN_OPERATION', 'scope.operationId names no operation');
      }
      const cleanScope = Object.fromEntries(Object.entries(scope).filter(([, v]) => v !== undefined));
      const id = await this.agreements.insert(manager, {
        kind: dto.kind,
        organisationIds: dto.organisationIds,
        from: dto.from,
        until: dto.until ?? null,
        reference: dto.reference,
        scope: cleanScope,
        createdBy: user.id,
      });
      await this.audit.record(manager, actor, {
        action: 'create',
        entityType: 'agreement',
        entityId: id,
        details: { kind: dto.kind, organisationIds: dto.organisationIds, reference: dto.reference.trim(), from: dto.from, until: dto.until ?? null, scope: cleanScope },
      });
      return this.agreements.get(manager, id);
    });
  }

  async list(user: AuthUser, query: ListAgreementsQuery): Promise<Page<AgreementRow>> {
    const limit = query.limit ?? 50;
    const after = decodeCursor<{ createdAt: string; id: string }>(query.cursor);
    const rows = await this.agreements.list(this.access.isAdmin(user) ? null : user.organisationId, query.kind ?? null, limit, after);
    return toPage(rows, limit, (last) => ({ createdAt: new Date(last.createdAt).toISOString(), id: last.id }));
  }
}
