import { SingleSex, SITE_TYPES, SiteType } from '../inventory/vocabulary';

/**
 * The facts the placement rules read. Both profiles are plain data so they can be built from request bodies,
 * from test tables or from rows returned by SQL (see `placement-sql.ts` for the row shapes).
 */

/** `age_disputed` behaves as a child: a person is treated as a child until their age is assessed. */
export type PlacementAgeCategory = 'adult' | 'child' | 'age_disputed';

export type PlacementTriageOutcome = 'potential_victim' | 'suspect' | 'witness' | 'not_victim';

/** The product's user roles (mirrors the API's `ROLES`; kept here so the domain has no NestJS import). */
export type PlacementRole =
  | 'admin'
  | 'emergency_planner'
  | 'housing_officer'
  | 'operation_lead'
  | 'partner'
  | 'reception_officer'
  | 'case_worker';

// The inventory's vocabulary, under the names the placement rules use.
export type PlacementSiteType = SiteType;
export const PLACEMENT_SITE_TYPES: readonly PlacementSiteType[] = SITE_TYPES;
export type PlacementSingleSex = SingleSex;
export type SiteReadiness = 'ready' | 'not_ready';
export type GroupKind = 'family' | 'travelled_together';

export interface PlacementGeoPoint {
  lat: number;
  lng: number;
}

/** The period a bed is asked for, `[from, until)`; `until: null` is open-ended. */
export interface RequestedPeriod {
  from: Date;
  until: Date | null;
}

export interface PersonPlacementNeeds {
  wheelchair: boolean;
  medical: boolean;
  /**
   * How many dependants come with this person and need a bed in the same site (see `bedsNeeded`). A count
   * with no detail means that many children (see `dependantsOf`); `PersonPlacementProfile.dependants`
   * describes them when known.
   */
  dependants: number;
  /** Flagged by a professional: trauma or vulnerability that rules out dormitories and shared sites. */
  additionalVulnerability: boolean;
  pregnant?: boolean;
  /** Has a pet that comes with them (many people will not leave one behind). */
  pets?: boolean;
  /** Needs drug or alcohol support where they stay. */
  substanceMisuseSupport?: boolean;
}

export type DependantAgeCategory = 'child' | 'adult';

/** Someone who comes with the person and is not registered in their own right (a baby, a child, a partner). */
export interface PlacementDependant {
  ageCategory: DependantAgeCategory;
  age?: number | null;
  /** As recorded (`female`, `male`, ...); unknown when absent, which no single-sex site matches. */
  sex?: string | null;
  relationship?: string | null;
}

export type RecourseToPublicFunds = 'yes' | 'no' | 'unknown';

/** A place to keep the person away from: a point and a radius, never an address. */
export interface KeepAwayArea extends PlacementGeoPoint {
  radiusKm: number;
}

/**
 * Who else is placed in the same site by the same request (a group placement): sharing a request never
 * exempts anyone from the keep-apart rules, so these count as if they were already there.
 */
export interface PlacedWith {
  /** A suspect, flagged possible controller or suspected offender of the operation is among them. */
  keepApart: boolean;
  /** A potential victim of the operation is among them. */
  potentialVictim: boolean;
}

export interface PersonPlacementProfile {
  personId?: string;
  operationId: string;
  ageCategory: PlacementAgeCategory;
  /** As recorded: `female`, `male`, or another recorded value (which no single-sex site matches). */
  sex: string;
  /** Null before triage: the reception centre's first night may come before triage. */
  triageOutcome: PlacementTriageOutcome | null;
  /** A potential victim flagged as a possible controller (victim-offender overlap). */
  possibleController: boolean;
  /** A potential victim who is also a suspected offender (e.g. arrested in criminal exploitation). */
  suspectedOffender?: boolean;
  /** `no`: no recourse to public funds, only a site that accepts NRPF will do. Absent means unknown. */
  recourseToPublicFunds?: RecourseToPublicFunds;
  /** Dependants described one by one; when absent, `needs.dependants` counts children with no detail. */
  dependants?: readonly PlacementDependant[];
  /** Places to keep away from besides the place of exploitation (where exploiters or family live). */
  keepAwayFrom?: readonly KeepAwayArea[];
  /** Others placed into the same site by the same request (see `PlacedWith`). */
  placedWith?: PlacedWith;
  needs: PersonPlacementNeeds;
  /** ISO 639-1 codes preferred (`pt-BR` matches `pt`); compared case-insensitively. */
  languages: readonly string[];
  /** How many registered people are to be placed together in one site, this person included (1 alone). */
  groupSize: number;
  groupKind: GroupKind | null;
  /** The local authority the person is connected to (usually the operation's). */
  localAuthorityCode: string | null;
  /** The pathway stage (e.g. `pre_nrm`, `recovery_period`) and how many days it is expected to last still. */
  stage: string;
  stageRemainingDays: number | null;
  /** Where the person was exploited (the operation's exploitation site), when known. */
  exploitationSite: PlacementGeoPoint | null;
  /** The person asked for a single-sex site (a preference that ranks, not a hard rule). */
  prefersSingleSex?: boolean;
  requestedPeriod: RequestedPeriod;
}

export interface SitePlacementProfile {
  siteId: string;
  type: PlacementSiteType;
  localAuthorityCode: string;
  singleSex: PlacementSingleSex | null;
  acceptsChildren: boolean;
  acceptsFamilies: boolean;
  wheelchairAccessible: boolean;
  selfContained: boolean;
  dormitory: boolean;
  traumaInformed: boolean;
  /** Takes people with no recourse to public funds (councils usually cannot fund them in benefit-funded housing). */
  acceptsNoRecourseToPublicFunds?: boolean;
  acceptsPets?: boolean;
  /** Drug and alcohol support on site or by arrangement. */
  substanceMisuseSupport?: boolean;
  /** `24h`, `office`, `on_call` or `none` (the inventory's values); null when unknown. */
  staffedHours?: string | null;
  /** Languages staff speak, ISO 639-1 preferred. */
  languages: readonly string[];
  readiness: SiteReadiness;
  /** When the site can take people, `[availableFrom, availableUntil)`; null ends are open. */
  availableFrom: Date | null;
  availableUntil: Date | null;
  location: PlacementGeoPoint | null;
  /** Beds free for the whole requested period (computed by the caller, usually in SQL). */
  freeBeds: number;
  /** A suspect or flagged possible controller from the person's operation is placed there in the period. */
  sameOperationSuspectOrController: boolean;
  /**
   * A potential victim from the person's operation is placed there in the period. Only read for people
   * who must be kept apart from victims (possible controllers, witnesses, people found not to be victims).
   */
  sameOperationPotentialVictim: boolean;
}

export type HardRuleCode =
  | 'SUSPECT_NOT_PLACEABLE'
  | 'CHILD_IN_ADULT_SITE'
  | 'ADULT_IN_FOSTER_PLACEMENT'
  | 'SUSPECT_IN_SITE'
  | 'NOT_VICTIM_WITH_VICTIMS'
  | 'SINGLE_SEX_MISMATCH'
  | 'NO_FREE_BED'
  | 'FAMILY_NEEDS_BEDS'
  | 'NOT_WHEELCHAIR_ACCESSIBLE'
  | 'NO_RECOURSE_TO_PUBLIC_FUNDS'
  | 'VULNERABLE_IN_SHARED'
  | 'TOO_CLOSE_TO_EXPLOITATION'
  | 'INSIDE_KEEP_AWAY_AREA'
  | 'WINDOW_TOO_SHORT'
  | 'SITE_NOT_READY';

/** A broken hard rule: a stable code for clients and a reason in plain words for the officer. */
export interface Rule {
  code: HardRuleCode;
  reason: string;
}

export type PreferenceCode =
  | 'distance'
  | 'language'
  | 'localAuthority'
  | 'selfContained'
  | 'availabilityLength'
  | 'traumaInformed'
  | 'staffing'
  | 'singleSexPreference'
  | 'pregnancy'
  | 'pets'
  | 'substanceMisuseSupport';

/** Something the officer should see before choosing a bed that breaks no rule. */
export type PlacementWarningCode = 'RECOURSE_UNKNOWN' | 'STAY_END_UNKNOWN';

export interface PlacementWarning {
  code: PlacementWarningCode;
  reason: string;
}

/** How one soft preference scored: `credit` 0..1, or null when it does not apply to this person. */
export interface PreferenceScore {
  code: PreferenceCode;
  weight: number;
  credit: number | null;
  reason: string;
}

export interface SiteAssessment {
  siteId: string;
  /** True when no hard rule excludes the site. */
  suitable: boolean;
  excluded: Rule[];
  /** 0–100 from the soft preferences; computed for excluded sites too, to compare when overriding. */
  score: number;
  reasons: string[];
  breakdown: PreferenceScore[];
  /** Kilometres from the place of exploitation, when both locations are known. */
  distanceKm: number | null;
  /** Kilometres from the nearest place to keep away from (exploitation site or a keep-away point). */
  nearestDangerKm: number | null;
  warnings: PlacementWarning[];
}
