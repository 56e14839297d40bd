import { PersonPlacementProfile, SitePlacementProfile } from '../placement.types';

/** Leeds city centre: the place of exploitation in most scenarios. */
export const LEEDS = { lat: 53.7997, lng: -1.5492 };
/** York, about 35 km from Leeds. */
export const YORK = { lat: 53.959, lng: -1.0815 };

/** Pinned clock: a Monday evening in March, before the clocks go forward. */
export const STAY_FROM = new Date('2026-03-02T18:00:00Z');

/** An adult woman, a potential victim, who passes every hard rule in `aSite()`. */
export function aPerson(overrides: Partial<PersonPlacementProfile> = {}): PersonPlacementProfile {
  return {
    personId: 'person-1',
    operationId: 'operation-1',
    ageCategory: 'adult',
    sex: 'female',
    triageOutcome: 'potential_victim',
    possibleController: false,
    needs: { wheelchair: false, medical: false, dependants: 0, additionalVulnerability: false },
    languages: ['ro'],
    groupSize: 1,
    groupKind: null,
    localAuthorityCode: 'E08000035',
    stage: 'pre_nrm',
    stageRemainingDays: 5,
    exploitationSite: LEEDS,
    requestedPeriod: { from: STAY_FROM, until: null },
    ...overrides,
  };
}

export const needs = (overrides: Partial<PersonPlacementProfile['needs']>): PersonPlacementProfile['needs'] => ({
  wheelchair: false,
  medical: false,
  dependants: 0,
  additionalVulnerability: false,
  ...overrides,
});

/** A ready, self-contained, trauma-informed safe house in York with beds free and no end date. */
export function aSite(overrides: Partial<SitePlacementProfile> = {}): SitePlacementProfile {
  return {
    siteId: 'site-1',
    type: 'safe_house',
    localAuthorityCode: 'E08000035',
    singleSex: null,
    acceptsChildren: false,
    acceptsFamilies: false,
    wheelchairAccessible: true,
    selfContained: true,
    dormitory: false,
    traumaInformed: true,
    acceptsNoRecourseToPublicFunds: true,
    acceptsPets: false,
    substanceMisuseSupport: false,
    staffedHours: '24h',
    languages: ['ro', 'en'],
    readiness: 'ready',
    availableFrom: null,
    availableUntil: null,
    location: YORK,
    freeBeds: 3,
    sameOperationSuspectOrController: false,
    sameOperationPotentialVictim: false,
    ...overrides,
  };
}
