import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BedForPlacement, PersonForPlacement } from './placements.repository';

export interface RuleViolation {
  code: string;
  reason: string;
  overridableBy: readonly string[];
}

/** Applies the pure suitability rules of libs/domain to one person and one bed's site. */
@Injectable()
export class SuitabilityService {
  async assess(
    _manager: EntityManager,
    _person: PersonForPlacement,
    _bed: BedForPlacement,
    _from: Date,
    _until: Date | null,
  ): Promise<{ violations: RuleViolation[] }> {
    // TODO(placement-domain merge): wire assessSite from libs/domain.
    return { violations: [] };
  }
}
