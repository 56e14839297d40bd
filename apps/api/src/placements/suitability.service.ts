import { Injectable } from '@nestjs/common';
import { assessSite, overridableBy, PlacedWith, siteProfileFromRow } from '@safe-harbour/domain';
import { EntityManager } from 'typeorm';
import { personProfile, placementPolicy } from './person-profile';
import { BedForPlacement, PersonForPlacement, PlacementsRepository } from './placements.repository';

export interface RuleViolation {
  code: string;
  reason: string;
  overridableBy: readonly string[];
}

/**
 * The hard rules of libs/domain applied to one person and one bed's site, on facts read inside the
 * placing transaction (free beds and who else is there over the period).
 */
@Injectable()
export class SuitabilityService {
  constructor(private readonly placements: PlacementsRepository) {}

  /**
   * `placedWith`: who else of the operation the same request places in this site (a group placement).
   * Only the person themselves is left out of "who is there": a group member already placed counts like
   * anyone else (#11, hole 1), and a transfer's own old placement has ended by the time this runs.
   */
  async assess(
    manager: EntityManager,
    person: PersonForPlacement,
    bed: BedForPlacement,
    from: Date,
    until: Date | null,
    placedWith?: PlacedWith,
  ): Promise<{ violations: RuleViolation[] }> {
    const [row] = await this.placements.siteRows(manager, {
      operationId: person.operationId,
      from,
      until,
      siteId: bed.siteId,
      excludePeople: [person.id],
      bedsPerSite: 1,
    });
    if (!row) {
      // Only a reception centre of another operation drops out of the candidate query.
      return { violations: [{ code: 'OTHER_OPERATION_RECEPTION_CENTRE', reason: "This reception centre's beds are for another operation's people.", overridableBy: [] }] };
    }
    // One person into one named bed: the bed itself is being checked, so the group rules look at one bed.
    const profile = personProfile(person, { from, until }, { kind: null, size: 1 }, placedWith);
    const site = { ...siteProfileFromRow(row), freeBeds: Math.max(1, Number(row.free_beds)) };
    const assessment = assessSite(profile, site, placementPolicy);
    return {
      violations: assessment.excluded.map((rule) => ({
        code: rule.code,
        reason: rule.reason,
        overridableBy: overridableBy(rule.code, placementPolicy),
      })),
    };
  }
}
