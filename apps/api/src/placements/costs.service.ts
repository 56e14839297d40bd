import { HttpStatus, Injectable } from '@nestjs/common';
import { costTable, CostTable } from '@safe-harbour/domain';
import { AccessService } from '../access/access.service';
import { AuthUser } from '../auth/roles';
import { DomainError, notFound } from '../common/domain-error';
import { CostsRepository } from './costs.repository';
import { CostsQuery } from './placements.dto';

/** Nightly cost of spot-purchased beds, per operation and per site, with totals (rules in @safe-harbour/domain costs). */
@Injectable()
export class CostsService {
  constructor(
    private readonly costs: CostsRepository,
    private readonly access: AccessService,
  ) {}

  async table(user: AuthUser, query: CostsQuery, now = new Date()): Promise<CostTable & { at: Date }> {
    if (!query.localAuthorityCode && !query.operationId) {
      throw new DomainError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'Give localAuthorityCode or operationId');
    }
    const admin = this.access.isAdmin(user);
    // The operation's own parties (lead, host councils, roster), as the access layer has them; a data-sharing
    // party sees counts, not what beds cost.
    if (query.operationId && !admin) {
      const grant = await this.access.operation(user, query.operationId);
      if (!grant.parts.some((part) => part !== 'data_sharing')) throw notFound('Operation');
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
