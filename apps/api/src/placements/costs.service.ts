import { HttpStatus, Injectable } from '@nestjs/common';
import { costTable, CostTable } from '@safe-harbour/domain';
import { AccessPolicy } from '../auth/access-policy';
import { AuthUser } from '../auth/roles';
import { DomainError, notFound } from '../common/domain-error';
import { CostsRepository } from './costs.repository';
import { CostsQuery } from './placements.dto';
import { PlacementsRepository } from './placements.repository';

/** Nightly cost of spot-purchased beds, per operation and per site, with totals (rules in @safe-harbour/domain costs). */
@Injectable()
export class CostsService {
  constructor(
    private readonly costs: CostsRepository,
    private readonly placements: PlacementsRepository,
    private readonly access: AccessPolicy,
  ) {}

  async table(user: AuthUser, query: CostsQuery, now = new Date()): Promise<CostTable & { at: Date }> {
    if (!query.localAuthorityCode && !query.operationId) {
      throw new DomainError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'Give localAuthorityCode or operationId');
    }
    const admin = this.access.isAdmin(user);
    if (query.operationId && !admin && !(await this.placements.operationOrganisations(null, query.operationId)).includes(user.organisationId)) {
      throw notFound('Operation');
    }
    const placements = await this.costs.spotPurchased({
      operationId: query.operationId ?? null,
      localAuthorityCode: query.localAuthorityCode ?? null,
      // what an organisation spends is its own business: only operations it takes part in
      organisationId: admin ? null : user.organisationId,
    });
    return { at: now, ...costTable(placements, now) };
  }
}
