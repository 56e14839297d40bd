import { DEFAULT_PLACEMENT_POLICY, PersonPlacementProfile, PlacementPolicy } from '@safe-harbour/domain';
import { PersonForPlacement } from './placements.repository';

/** The placement policy in force. Kept as data in libs/domain; one place to swap in a local variant. */
export const placementPolicy: PlacementPolicy = DEFAULT_PLACEMENT_POLICY;

/** A person row and their group as the pure rules read them. */
export function personProfile(
  person: PersonForPlacement,
  period: { from: Date; until: Date | null },
  group: { kind: string | null; size: number },
  stageRemainingDays: number | null = null,
): PersonPlacementProfile {
  const needs = person.needs ?? {};
  return {
    personId: person.id,
    operationId: person.operationId,
    ageCategory: person.ageCategory,
    sex: person.sex ?? 'unknown',
    triageOutcome: (person.triageOutcome ?? null) as PersonPlacementProfile['triageOutcome'],
    possibleController: person.possibleController,
    needs: {
      wheelchair: needs.wheelchair === true,
      medical: needs.medical === true,
      dependants: Number(needs.dependants ?? 0) || 0,
      additionalVulnerability: needs.additionalVulnerability === true,
    },
    languages: person.languages ?? [],
    groupSize: Math.max(1, group.size),
    groupKind: (group.kind ?? null) as PersonPlacementProfile['groupKind'],
    localAuthorityCode: person.localAuthorityCode,
    stage: person.stage,
    stageRemainingDays,
    exploitationSite:
      person.exploitationLatitude != null && person.exploitationLongitude != null
        ? { lat: Number(person.exploitationLatitude), lng: Number(person.exploitationLongitude) }
        : null,
    requestedPeriod: { from: period.from, until: period.until },
  };
}
