import { Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service';
import { AuthUser } from '../auth/roles';
import { ReportsRepository, ScopedOperation } from './reports.repository';

export interface ScopeFilter {
  operationId?: string | null;
  localAuthorityCode?: string | null;
}

/**
 * Which operations a report covers: a thin caller of the access layer (docs/access.md). The operations the
 * caller may see (admins all; others those their organisation leads, hosts, is rostered on or shares data
 * with under an agreement in force), within the filters. Naming an operation the caller may not see is
 * "not found", as everywhere else.
 */
@Injectable()
export class ReportScope {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly access: AccessService,
  ) {}

  async operations(user: AuthUser, filter: ScopeFilter): Promise<ScopedOperation[]> {
    if (filter.operationId) await this.access.operation(user, filter.operationId);
    return this.reports.operationsInScope(await this.access.operationScope(user), filter);
  }

  /**
   * Case-level records (names leave the system) go only to those holding `export_cases` in the operation:
   * the lead organisation's and host councils' emergency planners, and admins.
   */
  async ledOperations(user: AuthUser, filter: ScopeFilter): Promise<ScopedOperation[]> {
    if (filter.operationId) this.access.require(await this.access.operation(user, filter.operationId), 'export_cases');
    const scope = await this.access.operationScope(user, { ledOrHostedOnly: true });
    return this.reports.operationsInScope(scope, filter);
  }
}
