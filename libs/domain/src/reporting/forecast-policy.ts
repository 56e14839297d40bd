/**
 * The forward projection's assumptions, as data a deployment can change (like the pathway's deadline
 * policy). Every number here is an expectation for planning, not a rule about people.
 */

/** The contract's site types (`POST /api/v1/sites` `type`), in the order reports list them. */
export const FORECAST_SITE_TYPES = [
  'reception_centre',
  'place_of_safety',
  'respite_centre',
  'hostel',
  'bed_and_breakfast',
  'void_property',
  'self_contained_flat',
  'safe_house',
  'refuge',
  'foster_placement',
] as const;
export type ForecastSiteType = (typeof FORECAST_SITE_TYPES)[number];

/**
 * The stages a live person can be in, as the pathway names them. A child follows the same NRM stages (the
 * children's route is a flag on the person here: `child: true`), so `children_services` is not a stage.
 */
export const FORECAST_STAGES = [
  'encountered',
  'pre_nrm',
  'awaiting_rg',
  'recovery_period',
  'move_on',
  'duty_to_notify',
  'missing',
] as const;
export type ForecastStage = (typeof FORECAST_STAGES)[number];

export interface ForecastPolicy {
  /** Named so a forecast can say which assumptions produced it. */
  version: string;
  /**
   * Calendar days a stage is expected to last when no projected end is known: a stage that begins on day B
   * (the day of the decision or event that starts it) is expected to end on day B + n.
   */
  expectedDays: Readonly<Record<ForecastStage, number>>;
  /** The stage expected after each one, or `exit` (the person leaves support and frees their bed). */
  nextStage: Readonly<Record<ForecastStage, ForecastStage | 'exit'>>;
  /**
   * Site types an adult in each stage may sleep in, most wanted first. An empty list means the stage needs no
   * new bed (a missing person only keeps the bed held for them).
   */
  siteTypes: Readonly<Record<ForecastStage, readonly ForecastSiteType[]>>;
  /** Site types for a child (or age disputed, presumed a child) in any stage that needs a bed. */
  childSiteTypes: readonly ForecastSiteType[];
  /** Longest horizon a forecast may ask for. */
  maxDays: number;
  /** Horizon when none is asked for. */
  defaultDays: number;
}

const EMERGENCY: readonly ForecastSiteType[] = [
  'place_of_safety',
  'respite_centre',
  'reception_centre',
  'void_property',
  'hostel',
  'bed_and_breakfast',
];

export const DEFAULT_FORECAST_POLICY: Readonly<ForecastPolicy> = Object.freeze({
  version: 'forecast-2026-1',
  expectedDays: Object.freeze({
    // Triage takes hours: one night in the reception centre's own sleeping area.
    encountered: 1,
    // Pre-NRM support: councils plan for up to 5 working days, about 7 calendar days with a weekend.
    pre_nrm: 7,
    // Reasonable Grounds decision: a target of 5 working days after the referral (about 7 calendar days).
    awaiting_rg: 7,
    // Recovery period: at least 45 calendar days from a positive RG, continuing until the CG decision. CG
    // decisions often take far longer; a deployment may put its own median here (the reports measure it).
    recovery_period: 45,
    // Move-on after a positive CG decision: at least 45 calendar days.
    move_on: 45,
    // Local support after an adult declines the NRM: councils' own offer; a planning placeholder.
    duty_to_notify: 7,
    // A missing person's bed is held for 72 hours, then released.
    missing: 3,
  }),
  // Plan for the path that needs most beds for longest: a potential victim is referred, and the Reasonable
  // and Conclusive Grounds decisions are positive (as for all six in the reported operation).
  nextStage: Object.freeze({
    encountered: 'pre_nrm',
    pre_nrm: 'awaiting_rg',
    awaiting_rg: 'recovery_period',
    recovery_period: 'move_on',
    move_on: 'exit',
    duty_to_notify: 'exit',
    missing: 'exit',
  }),
  siteTypes: Object.freeze({
    // People are brought to the reception centre first, then emergency accommodation.
    encountered: Object.freeze(['reception_centre', 'place_of_safety', 'respite_centre', 'hostel', 'bed_and_breakfast'] as const),
    pre_nrm: Object.freeze([...EMERGENCY]),
    // Until the RG decision people stay in emergency accommodation.
    awaiting_rg: Object.freeze([...EMERGENCY]),
    // The recovery period is spent in a safe house (national victim-care contract) or equivalent.
    recovery_period: Object.freeze(['safe_house', 'refuge', 'self_contained_flat', 'void_property'] as const),
    // Move-on: self-contained accommodation of their own.
    move_on: Object.freeze(['self_contained_flat', 'void_property'] as const),
    duty_to_notify: Object.freeze(['hostel', 'bed_and_breakfast', 'void_property', 'self_contained_flat', 'place_of_safety'] as const),
    missing: Object.freeze([] as const),
  }),
  // Children are never placed in adult accommodation: children's services place them (foster placements).
  childSiteTypes: Object.freeze(['foster_placement'] as const),
  maxDays: 90,
  defaultDays: 14,
});
