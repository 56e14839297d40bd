import { Injectable } from '@nestjs/common';
import { SensitiveRead } from '@safe-harbour/domain';
import { EntityManager } from 'typeorm';
import { AccessService, OperationGrant } from '../access/access.service';
import { AuthUser } from '../auth/roles';
import { notFound } from '../common/domain-error';
import { OperationRow, OperationsRepository } from './operations.repository';

export interface VisibleOperation extends OperationRow {
  grant: OperationGrant;
}

/**
 * A thin caller of the access layer (apps/api/src/access, rules in docs/access.md) for the operation
 * features: the operation's row together with what the user may do in it. Invisible operations are 404.
 */
@Injectable()
export class OperationAccess {
  constructor(
    private readonly operations: OperationsRepository,
    private readonly access: AccessService,
  ) {}

  async visible(user: AuthUser, operationId: string, manager?: EntityManager): Promise<VisibleOperation> {
    const grant = await this.access.operation(user, operationId, manager);
    const row = await this.operations.find(operationId, manager);
    if (!row) throw notFound('Operation');
    return { ...row, grant };
  }

  canPlan(_user: AuthUser, op: VisibleOperation): boolean {
    return this.access.can(op.grant, 'plan');
  }

  assertCanPlan(_user: AuthUser, op: VisibleOperation): void {
    this.access.require(op.grant, 'plan');
  }

  canChangeStage(_user: AuthUser, op: VisibleOperation): boolean {
    return this.access.can(op.grant, 'change_stage');
  }

  assertCanChangeStage(_user: AuthUser, op: VisibleOperation): void {
    this.access.require(op.grant, 'change_stage');
  }

  canWorkWithPeople(_user: AuthUser, op: VisibleOperation): boolean {
    return this.access.can(op.grant, 'work_with_people');
  }

  assertCanWorkWithPeople(_user: AuthUser, op: VisibleOperation): void {
    this.access.require(op.grant, 'work_with_people');
  }

  canRecordPathway(_user: AuthUser, op: VisibleOperation): boolean {
    return this.access.can(op.grant, 'record_pathway');
  }

  assertCanRecordPathway(_user: AuthUser, op: VisibleOperation): void {
    this.access.require(op.grant, 'record_pathway');
  }

  canSeePersonalData(_user: AuthUser, op: VisibleOperation): boolean {
    return this.access.can(op.grant, 'see_personal_data');
  }

  assertCanSeePersonalData(_user: AuthUser, op: VisibleOperation): void {
    this.access.require(op.grant, 'see_personal_data');
  }

  /** Special-category reads: the usual path, or break-glass with a reason (see AccessService.sensitiveRead). */
  requireSensitiveRead(user: AuthUser, read: SensitiveRead, reason?: string): { breakGlass?: string } {
    return this.access.sensitiveRead(user, read, reason, true);
  }

  /** As above, but null (withhold the data) instead of a refusal when a reason is needed and missing. */
  sensitiveReadOrWithhold(user: AuthUser, read: SensitiveRead, reason?: string): { breakGlass?: string } | null {
    return this.access.sensitiveRead(user, read, reason, false);
  }

  /** Partners and data-sharing parties: counts and references, no personal data, no exploitation site. */
  isNarrowView(user: AuthUser, op?: VisibleOperation): boolean {
    if (op) return op.grant.narrow;
    // Without an operation (lists): by role, as before — nobody but staff of a working role sees more.
    return !user.roles.some((r) => r !== 'partner');
  }
}
