import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy';
import { AuthUser } from '../auth/roles';
import { forbidden } from '../common/domain-error';
import { OperationAccess } from '../operations/operation-access';
import { ReportsRepository, ScopedOperation } from './reports.repository';

export interface ScopeFilter {
  operationId?: string | null;
  localAuthorityCode?: string | null;
}

/**
 * Which operations a report covers: the ones the caller may see (the operations' own rule — admins all,
 * others those their organisation leads or is rostered on), within the filters. Naming an operation the
 * caller may not see is "not found", as everywhere else.
 */
@Injectable()
export class ReportScope {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly operationAccess: OperationAccess,
    private readonly policy: AccessPolicy,
  ) {}

  async operations(user: AuthUser, filter: ScopeFilter): Promise<ScopedOperation[]> {
    if (filter.operationId) await this.operationAccess.visible(user, filter.operationId);
    return this.reports.operationsInScope(this.policy.isAdmin(user) ? null : user.organisationId, filter);
  }

  /**
   * Case-level records go only to the organisation that leads the operation (its own records), or an
   * admin: an agency on the roster sees the operation but not a list of its people.
   */
  async ledOperations(user: AuthUser, filter: ScopeFilter): Promise<ScopedOperation[]> {
    const admin = this.policy.isAdmin(user);
    if (filter.operationId) {
      const op = await this.operationAccess.visible(user, filter.operationId);
      if (!admin && !op.viewerIsLead) throw forbidden("Case-level records go only to the lead organisation's emergency planners");
    }
    return this.reports.operationsInScope(admin ? null : user.organisationId, { ...filter, ledOnly: true });
  }
}
