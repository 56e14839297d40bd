import { HardRuleCode, PlacementRole, PreferenceCode } from './placement.types';

/**
 * A cross-boundary agreement (e.g. a memorandum of understanding): people connected to `fromAuthority`
 * may be housed in `toAuthority`'s sites. One-way, as the agreements we have seen were; list both
 * directions for a mutual agreement.
 */
export interface CrossBoundaryAgreement {
  fromAuthority: string;
  toAuthority: string;
}

export interface PlacementPolicy {
  version: string;
  /** Below this distance from the place of exploitation a site is excluded (TOO_CLOSE_TO_EXPLOITATION). */
  minimumDistanceKm: number;
  /** From this distance on, the distance preference gives full credit; linear from the minimum. */
  fullDistanceCreditKm: number;
  /**
   * A shared (not self-contained) site that is trauma-informed (a refuge, a safe house under the national
   * victim-care contract) may take someone with additional vulnerability; dormitories never may.
   */
  vulnerableMayShareTraumaInformed: boolean;
  /** Languages every site's staff are taken to speak even when the site lists none. */
  assumedStaffLanguages: readonly string[];
  crossBoundaryAgreements: readonly CrossBoundaryAgreement[];
  /** Relative weights of the soft preferences; the score is the weighted mean of applicable ones × 100. */
  weights: Readonly<Record<PreferenceCode, number>>;
  credits: {
    /** Credit for a site in another authority covered by a cross-boundary agreement (same authority = 1). */
    crossBoundaryAgreement: number;
    /** Credit for a shared site that is not a dormitory (self-contained = 1, dormitory = 0). */
    sharedNotDormitory: number;
    /** Credit when the site does not record a fact a preference needs (the person's side is known). */
    unknownSiteFact: number;
    /** Credit by staffed hours, for people with medical needs; other values count as unknown. */
    staffedHours: Readonly<Record<string, number>>;
    /**
     * Credit for someone who is pregnant, by the kind of accommodation: a dormitory and shared bathrooms
     * late in pregnancy or with a newborn rarely last; a staffed site gets `pregnancyStaffedBonus` on top.
     */
    pregnancy: Readonly<{ selfContained: number; shared: number; dormitory: number }>;
    pregnancyStaffedBonus: number;
  };
  /** Which roles may override each hard rule (with a reason, audited). Codes absent: nobody. */
  overrides: Readonly<Partial<Record<HardRuleCode, readonly PlacementRole[]>>>;
  overrideReasonMinLength: number;
}

/**
 * Rules no role can override, whatever a policy says: a child in an adult site, a victim next to a suspect
 * or controller from their own operation, a suspect in victim accommodation, and a bed that does not exist.
 */
export const NEVER_OVERRIDABLE: readonly HardRuleCode[] = [
  'SUSPECT_NOT_PLACEABLE',
  'CHILD_IN_ADULT_SITE',
  'SUSPECT_IN_SITE',
  'NO_FREE_BED',
];

const LEADS: readonly PlacementRole[] = ['admin', 'operation_lead'];

/**
 * Defaults. The operation lead (police or council silver/bronze) and admins carry the risk decisions, so
 * they may override the rules that protect wellbeing when the alternative is worse (e.g. a first night in
 * the reception centre's dormitory rather than no bed at all). A housing officer may only accept a bed
 * whose availability ends before the expected stay does: a known move later, their everyday judgement.
 */
export const DEFAULT_PLACEMENT_POLICY: PlacementPolicy = {
  version: 'placement-2026-12',
  minimumDistanceKm: 5,
  fullDistanceCreditKm: 50,
  vulnerableMayShareTraumaInformed: true,
  assumedStaffLanguages: ['en'],
  crossBoundaryAgreements: [],
  weights: {
    distance: 25,
    language: 20,
    localAuthority: 15,
    selfContained: 15,
    availabilityLength: 10,
    traumaInformed: 5,
    staffing: 5,
    singleSexPreference: 5,
    // The needs below count only for people who have them, so they change no one else's score.
    pregnancy: 10,
    pets: 10,
    substanceMisuseSupport: 10,
  },
  credits: {
    crossBoundaryAgreement: 0.75,
    sharedNotDormitory: 0.5,
    unknownSiteFact: 0.5,
    staffedHours: { '24h': 1, office: 0.5, on_call: 0.25, none: 0 },
    pregnancy: { selfContained: 0.75, shared: 0.4, dormitory: 0 },
    pregnancyStaffedBonus: 0.25,
  },
  overrides: {
    ADULT_IN_FOSTER_PLACEMENT: LEADS,
    NOT_VICTIM_WITH_VICTIMS: LEADS,
    SINGLE_SEX_MISMATCH: LEADS,
    FAMILY_NEEDS_BEDS: LEADS,
    NOT_WHEELCHAIR_ACCESSIBLE: LEADS,
    // The council (or the operation) may choose to fund a night itself: a lead's decision, with a reason.
    NO_RECOURSE_TO_PUBLIC_FUNDS: LEADS,
    VULNERABLE_IN_SHARED: LEADS,
    TOO_CLOSE_TO_EXPLOITATION: LEADS,
    INSIDE_KEEP_AWAY_AREA: LEADS,
    WINDOW_TOO_SHORT: ['admin', 'operation_lead', 'housing_officer'],
    SITE_NOT_READY: LEADS,
  },
  overrideReasonMinLength: 10,
};

const isFraction = (n: number) => Number.isFinite(n) && n >= 0 && n <= 1;

/** Problems with a policy, in plain words; empty when it can be used. */
export function validatePlacementPolicy(policy: PlacementPolicy): string[] {
  const errors: string[] = [];
  if (!(Number.isFinite(policy.minimumDistanceKm) && policy.minimumDistanceKm >= 0)) {
    errors.push('minimumDistanceKm must be a number of kilometres, 0 or more');
  }
  if (!(Number.isFinite(policy.fullDistanceCreditKm) && policy.fullDistanceCreditKm > policy.minimumDistanceKm)) {
    errors.push('fullDistanceCreditKm must be greater than minimumDistanceKm');
  }
  const weights = Object.entries(policy.weights);
  for (const [code, weight] of weights) {
    if (!(Number.isFinite(weight) && weight >= 0)) errors.push(`weight ${code} must be 0 or more`);
  }
  if (weights.reduce((sum, [, w]) => sum + (Number.isFinite(w) && w > 0 ? w : 0), 0) <= 0) {
    errors.push('at least one preference weight must be above 0');
  }
  const { crossBoundaryAgreement, sharedNotDormitory, unknownSiteFact, staffedHours } = policy.credits;
  for (const [name, value] of Object.entries({ crossBoundaryAgreement, sharedNotDormitory, unknownSiteFact })) {
    if (!isFraction(value)) errors.push(`credit ${name} must be between 0 and 1`);
  }
  for (const [hours, value] of Object.entries(staffedHours)) {
    if (!isFraction(value)) errors.push(`credit for staffed hours ${hours} must be between 0 and 1`);
  }
  for (const [kind, value] of Object.entries(policy.credits.pregnancy)) {
    if (!isFraction(value + policy.credits.pregnancyStaffedBonus) || !isFraction(value)) {
      errors.push(`credit for pregnancy in ${kind} accommodation, with the staffed bonus, must be between 0 and 1`);
    }
  }
  for (const code of NEVER_OVERRIDABLE) {
    if ((policy.overrides[code] ?? []).length > 0) errors.push(`${code} can never be overridden`);
  }
  if (!(Number.isInteger(policy.overrideReasonMinLength) && policy.overrideReasonMinLength >= 1)) {
    errors.push('overrideReasonMinLength must be a whole number, 1 or more');
  }
  return errors;
}
