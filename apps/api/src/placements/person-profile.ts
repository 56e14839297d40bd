import { DEFAULT_PLACEMENT_POLICY, PersonPlacementProfile, PlacedWith, PlacementPolicy, stageRemainingDays } from '@safe-harbour/domain';
import { PersonForPlacement } from './placements.repository';

/** The placement policy in force. Kept as data in libs/domain; one place to swap in a local variant. */
export const placementPolicy: PlacementPolicy = DEFAULT_PLACEMENT_POLICY;

/**
 * A person row and their group as the pure rules read them. How long the stay is expected to last, when
 * the caller gives no end, comes from the person's live pathway deadline for their stage (#11, hole 5).
 */
export function personProfile(
  person: PersonForPlacement,
  period: { from: Date; until: Date | null },
  group: { kind: string | null; size: number },
  placedWith?: PlacedWith,
): PersonPlacementProfile {
  const needs = person.needs ?? {};
  return {
    personId: person.id,
    operationId: person.operationId,
    ageCategory: person.ageCategory,
    sex: person.sex ?? 'unknown',
    triageOutcome: (person.triageOutcome ?? null) as PersonPlacementProfile['triageOutcome'],
    possibleController: person.possibleController,
    suspectedOffender: person.suspectedOffender === true,
    recourseToPublicFunds: person.recourseToPublicFunds ?? 'unknown',
    dependants: (person.dependants ?? []).map((d) => ({ ageCategory: d.ageCategory, age: d.age ?? null, sex: d.sex ?? null, relationship: d.relationship ?? null })),
    keepAwayFrom: (person.keepAwayFrom ?? []).map((k) => ({ lat: Number(k.lat), lng: Number(k.lng), radiusKm: Number(k.radiusKm) })),
    placedWith,
    needs: {
      wheelchair: needs.wheelchair === true,
      medical: needs.medical === true,
      dependants: Number(needs.dependants ?? 0) || 0,
      additionalVulnerability: needs.additionalVulnerability === true,
      pregnant: needs.pregnant === true,
      pets: needs.pets === true,
      substanceMisuseSupport: needs.substanceMisuseSupport === true,
    },
    prefersSingleSex: needs.prefersSingleSex === true,
    languages: person.languages ?? [],
    groupSize: Math.max(1, group.size),
    groupKind: (group.kind ?? null) as PersonPlacementProfile['groupKind'],
    localAuthorityCode: person.localAuthorityCode,
    stage: person.stage,
    stageRemainingDays: stageRemainingDays(person.stage, person.liveDeadlines ?? [], period.from),
    exploitationSite:
      person.exploitationLatitude != null && person.exploitationLongitude != null
        ? { lat: Number(person.exploitationLatitude), lng: Number(person.exploitationLongitude) }
        : null,
    requestedPeriod: { from: period.from, until: period.until },
  };
}
